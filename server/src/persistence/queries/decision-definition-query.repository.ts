/** Read side of `/decision-definition`: Camunda's decision definition query. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { invalidRequest } from '../../../engine/engine-error';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import { restrictToOrganisation } from './visibility';
import type { PageInput, SortInput } from './sql-query';

export interface DecisionDefinitionFilter {
  decisionDefinitionId?: string;
  decisionDefinitionIdIn?: string[];
  key?: string;
  keyLike?: string;
  name?: string;
  nameLike?: string;
  deploymentId?: string;
  version?: number;
  latestVersion?: boolean;
  versionTag?: string;
  resourceName?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  includeDecisionDefinitionsWithoutTenantId?: boolean;
}

/**
 * Camunda's DecisionDefinitionDto. Safepath keeps no decision requirements definitions (DRDs), so
 * `decisionRequirementsDefinitionId`/`Key` are always null; there are no categories either.
 */
export interface DecisionDefinitionDto {
  id: string;
  key: string;
  category: string | null;
  name: string | null;
  version: number;
  resource: string;
  deploymentId: string;
  decisionRequirementsDefinitionId: string | null;
  decisionRequirementsDefinitionKey: string | null;
  tenantId: string | null;
  versionTag: string | null;
  historyTimeToLive: number | null;
}

const FROM = 'decision_definition dd';
const SORT: Record<string, string> = {
  id: 'dd.id',
  key: 'dd.key',
  name: 'dd.name',
  version: 'dd.version',
  deploymentId: 'dd.deployment_id',
  tenantId: 'dd.tenant_id',
  versionTag: 'dd.version_tag',
  deployTime: '(SELECT d.deployment_time FROM deployment d WHERE d.id = dd.deployment_id)',
};
const LATEST = `dd.version = (SELECT max(d2.version) FROM decision_definition d2
  WHERE d2.key = dd.key AND coalesce(d2.tenant_id, '') = coalesce(dd.tenant_id, ''))`;

export function decisionDefinitionWhere(f: DecisionDefinitionFilter): SqlWhere {
  const w = restrictToOrganisation(new SqlWhere(), 'dd.tenant_id');
  w.eq('dd.id', f.decisionDefinitionId).in('dd.id', f.decisionDefinitionIdIn);
  w.eq('dd.key', f.key).like('dd.key', f.keyLike);
  w.eq('dd.name', f.name).like('dd.name', f.nameLike);
  w.when(f.latestVersion, LATEST).eq('dd.version', f.version).eq('dd.version_tag', f.versionTag);
  w.eq('dd.deployment_id', f.deploymentId).eq('dd.resource_name', f.resourceName);
  w.tenants('dd.tenant_id', f.tenantIdIn, f.withoutTenantId || (f.tenantIdIn !== undefined && f.includeDecisionDefinitionsWithoutTenantId));
  return w;
}

export function toDecisionDefinitionDto(r: Row): DecisionDefinitionDto {
  return {
    id: String(r.id),
    key: String(r.key),
    category: null,
    name: str(r.name),
    version: Number(r.version),
    resource: String(r.resource_name),
    deploymentId: String(r.deployment_id),
    decisionRequirementsDefinitionId: null,
    decisionRequirementsDefinitionKey: null,
    tenantId: str(r.tenant_id),
    versionTag: str(r.version_tag),
    historyTimeToLive: r.history_time_to_live === null || r.history_time_to_live === undefined ? null : Number(r.history_time_to_live),
  };
}

@Injectable()
export class DecisionDefinitionQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: DecisionDefinitionFilter, sort: SortInput, page: PageInput): Promise<DecisionDefinitionDto[]> {
    const rows = await selectPage(this.db, 'dd.*', FROM, decisionDefinitionWhere(filter), orderBy(sort, SORT, 'dd.key ASC, dd.version ASC', 'dd.id ASC'), page);
    return rows.map(toDecisionDefinitionDto);
  }

  count(filter: DecisionDefinitionFilter): Promise<number> {
    return selectCount(this.db, FROM, decisionDefinitionWhere(filter));
  }

  async findById(id: string): Promise<DecisionDefinitionDto | null> {
    const w = restrictToOrganisation(new SqlWhere().eq('dd.id', id), 'dd.tenant_id');
    const rows: Row[] = await this.db.query(`SELECT dd.* FROM decision_definition dd ${w.toSql()}`, w.params);
    return rows.length ? toDecisionDefinitionDto(rows[0]) : null;
  }

  /**
   * The latest version of a key. With a tenant: that tenant's. Without: the tenant-less one, or
   * the only tenant's when exactly one tenant has the key (400 when several do).
   */
  async findLatestByKey(key: string, tenantId?: string): Promise<DecisionDefinitionDto | null> {
    const w = restrictToOrganisation(new SqlWhere().eq('dd.key', key).add(LATEST), 'dd.tenant_id');
    if (tenantId !== undefined) {
      w.eq('dd.tenant_id', tenantId);
    }
    const rows: Row[] = await this.db.query(`SELECT dd.* FROM ${FROM} ${w.toSql()} ORDER BY dd.tenant_id NULLS FIRST`, w.params);
    if (rows.length <= 1 || tenantId !== undefined) {
      return rows.length ? toDecisionDefinitionDto(rows[0]) : null;
    }
    if (rows[0].tenant_id === null) {
      return toDecisionDefinitionDto(rows[0]);
    }
    throw invalidRequest(`Decision definition key '${key}' is deployed for several tenants; use /decision-definition/key/${key}/tenant-id/{tenantId}`);
  }

  /** The DMN XML a decision definition was deployed from (the whole resource, as in Camunda). */
  async xml(id: string): Promise<string | null> {
    if ((await this.findById(id)) === null) return null;
    const rows: { content: string }[] = await this.db.query(
      `SELECT r.content FROM decision_definition dd
         JOIN deployment_resource r ON r.deployment_id = dd.deployment_id AND r.name = dd.resource_name
        WHERE dd.id = $1`,
      [id],
    );
    return rows[0]?.content ?? null;
  }
}
