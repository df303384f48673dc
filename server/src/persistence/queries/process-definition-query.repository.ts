/** Read side of `/process-definition`: Camunda's process definition query. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { invalidRequest } from '../../../engine/engine-error';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictToOrganisation } from './visibility';

export interface ProcessDefinitionFilter {
  processDefinitionId?: string;
  processDefinitionIdIn?: string[];
  key?: string;
  keysIn?: string[];
  keyLike?: string;
  name?: string;
  nameLike?: string;
  latestVersion?: boolean;
  version?: number;
  versionTag?: string;
  deploymentId?: string;
  resourceName?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  includeProcessDefinitionsWithoutTenantId?: boolean;
  active?: boolean;
  suspended?: boolean;
}

/** Camunda's ProcessDefinitionDto. */
export interface ProcessDefinitionDto {
  id: string;
  key: string;
  category: string | null;
  description: string | null;
  name: string | null;
  version: number;
  resource: string;
  deploymentId: string;
  diagram: string | null;
  suspended: boolean;
  tenantId: string | null;
  versionTag: string | null;
  historyTimeToLive: number | null;
  startableInTasklist: boolean;
}

const FROM = 'process_definition pd';
const SORT: Record<string, string> = {
  id: 'pd.id',
  key: 'pd.key',
  name: 'pd.name',
  version: 'pd.version',
  deploymentId: 'pd.deployment_id',
  tenantId: 'pd.tenant_id',
  versionTag: 'pd.version_tag',
  deployTime: '(SELECT d.deployment_time FROM deployment d WHERE d.id = pd.deployment_id)',
};
const LATEST = `pd.version = (SELECT max(p2.version) FROM process_definition p2
  WHERE p2.key = pd.key AND coalesce(p2.tenant_id, '') = coalesce(pd.tenant_id, ''))`;

/** The WHERE for a process definition query, limited to the caller's organisation. */
export function processDefinitionWhere(f: ProcessDefinitionFilter): SqlWhere {
  const w = visibleDefinitions(new SqlWhere());
  w.eq('pd.id', f.processDefinitionId).in('pd.id', f.processDefinitionIdIn);
  w.eq('pd.key', f.key).in('pd.key', f.keysIn).like('pd.key', f.keyLike);
  w.eq('pd.name', f.name).like('pd.name', f.nameLike);
  w.when(f.latestVersion, LATEST).eq('pd.version', f.version).eq('pd.version_tag', f.versionTag);
  w.eq('pd.deployment_id', f.deploymentId).eq('pd.resource_name', f.resourceName);
  w.tenants('pd.tenant_id', f.tenantIdIn, f.withoutTenantId || (f.tenantIdIn !== undefined && f.includeProcessDefinitionsWithoutTenantId));
  w.when(f.active, 'NOT pd.suspended').when(f.suspended, 'pd.suspended');
  return w;
}

function visibleDefinitions(w: SqlWhere): SqlWhere {
  return restrictToOrganisation(w, 'pd.tenant_id');
}

export function toProcessDefinitionDto(r: Row): ProcessDefinitionDto {
  return {
    id: String(r.id),
    key: String(r.key),
    category: null,
    description: null,
    name: str(r.name),
    version: Number(r.version),
    resource: String(r.resource_name),
    deploymentId: String(r.deployment_id),
    diagram: null,
    suspended: Boolean(r.suspended),
    tenantId: str(r.tenant_id),
    versionTag: str(r.version_tag),
    historyTimeToLive: r.history_time_to_live === null || r.history_time_to_live === undefined ? null : Number(r.history_time_to_live),
    startableInTasklist: true,
  };
}

@Injectable()
export class ProcessDefinitionQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: ProcessDefinitionFilter, sort: SortInput, page: PageInput): Promise<ProcessDefinitionDto[]> {
    const rows = await selectPage(this.db, 'pd.*', FROM, processDefinitionWhere(filter), orderBy(sort, SORT, 'pd.key ASC, pd.version ASC', 'pd.id ASC'), page);
    return rows.map(toProcessDefinitionDto);
  }

  count(filter: ProcessDefinitionFilter): Promise<number> {
    return selectCount(this.db, FROM, processDefinitionWhere(filter));
  }

  /** The definition, or null when it does not exist or belongs to another organisation. */
  async findById(id: string): Promise<ProcessDefinitionDto | null> {
    const rows = await this.byId('pd.*', id);
    return rows.length ? toProcessDefinitionDto(rows[0]) : null;
  }

  /**
   * The latest version of a key. With a tenant: that tenant's. Without: the tenant-less one, or
   * the only tenant's when exactly one tenant has the key (400 when several do).
   */
  async findLatestByKey(key: string, tenantId?: string): Promise<ProcessDefinitionDto | null> {
    const w = visibleDefinitions(new SqlWhere()).eq('pd.key', key).add(LATEST);
    if (tenantId !== undefined) {
      w.eq('pd.tenant_id', tenantId);
    }
    const rows: Row[] = await this.db.query(`SELECT pd.* FROM ${FROM} ${w.toSql()} ORDER BY pd.tenant_id NULLS FIRST`, w.params);
    if (rows.length <= 1 || tenantId !== undefined) {
      return rows.length ? toProcessDefinitionDto(rows[0]) : null;
    }
    if (rows[0].tenant_id === null) {
      return toProcessDefinitionDto(rows[0]);
    }
    throw invalidRequest(`Process definition key '${key}' is deployed for several tenants; use /process-definition/key/${key}/tenant-id/{tenantId}`);
  }

  /** The start form key of a definition (`camunda:formKey` on its start event). */
  async startFormKey(id: string): Promise<string | null> {
    const rows = await this.byId('pd.start_form_key', id);
    return str(rows[0]?.start_form_key);
  }

  /** The BPMN XML a definition was deployed from. */
  async xml(id: string): Promise<string | null> {
    const w = visibleDefinitions(new SqlWhere().eq('pd.id', id));
    const rows: { content: string }[] = await this.db.query(
      `SELECT r.content FROM ${FROM} JOIN deployment_resource r ON r.deployment_id = pd.deployment_id AND r.name = pd.resource_name ${w.toSql()}`,
      w.params,
    );
    return rows[0]?.content ?? null;
  }

  private byId(select: string, id: string): Promise<Row[]> {
    const w = visibleDefinitions(new SqlWhere().eq('pd.id', id));
    return this.db.query(`SELECT ${select} FROM ${FROM} ${w.toSql()}`, w.params);
  }
}
