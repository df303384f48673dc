/** Read side of `/deployment`, plus the data-only cascade delete of a deployment. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { formatCamundaDate } from '../../engine-rest/camunda-date';
import { CamundaRestError } from '../../engine-rest/camunda-rest-error';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictToOrganisation } from './visibility';

export interface DeploymentFilter {
  id?: string;
  name?: string;
  nameLike?: string;
  source?: string;
  withoutSource?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  includeDeploymentsWithoutTenantId?: boolean;
  before?: string;
  after?: string;
}

/** Camunda's DeploymentDto. */
export interface DeploymentDto {
  id: string;
  name: string | null;
  source: string | null;
  deploymentTime: string | null;
  tenantId: string | null;
  links: never[];
}

/** Camunda's DeploymentResourceDto. */
export interface DeploymentResourceDto {
  id: string;
  name: string;
  deploymentId: string;
}

const FROM = 'deployment d';
const SORT: Record<string, string> = { id: 'd.id', name: 'd.name', deploymentTime: 'd.deployment_time', tenantId: 'd.tenant_id' };

/** The WHERE for a deployment query, limited to the caller's organisation. */
export function deploymentWhere(f: DeploymentFilter): SqlWhere {
  const w = restrictToOrganisation(new SqlWhere(), 'd.tenant_id');
  w.eq('d.id', f.id).eq('d.name', f.name).like('d.name', f.nameLike).eq('d.source', f.source).when(f.withoutSource, 'd.source IS NULL');
  w.tenants('d.tenant_id', f.tenantIdIn, f.withoutTenantId || (f.tenantIdIn !== undefined && f.includeDeploymentsWithoutTenantId));
  w.date('d.deployment_time', '<', f.before, 'before').date('d.deployment_time', '>', f.after, 'after');
  return w;
}

export function toDeploymentDto(r: Row): DeploymentDto {
  return {
    id: String(r.id),
    name: str(r.name),
    source: str(r.source),
    deploymentTime: formatCamundaDate(r.deployment_time as Date),
    tenantId: str(r.tenant_id),
    links: [],
  };
}

@Injectable()
export class DeploymentQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: DeploymentFilter, sort: SortInput, page: PageInput): Promise<DeploymentDto[]> {
    const rows = await selectPage(this.db, 'd.*', FROM, deploymentWhere(filter), orderBy(sort, SORT, 'd.deployment_time ASC', 'd.id ASC'), page);
    return rows.map(toDeploymentDto);
  }

  count(filter: DeploymentFilter): Promise<number> {
    return selectCount(this.db, FROM, deploymentWhere(filter));
  }

  /** The deployment, or null when it does not exist or belongs to another organisation. */
  async findById(id: string): Promise<DeploymentDto | null> {
    const w = deploymentWhere({ id });
    const rows: Row[] = await this.db.query(`SELECT d.* FROM ${FROM} ${w.toSql()}`, w.params);
    return rows.length ? toDeploymentDto(rows[0]) : null;
  }

  /** The resources of a deployment the caller may see (empty otherwise). */
  async resources(deploymentId: string): Promise<DeploymentResourceDto[]> {
    const w = deploymentWhere({ id: deploymentId });
    const rows: Row[] = await this.db.query(
      `SELECT r.id, r.name, r.deployment_id FROM deployment_resource r JOIN ${FROM} ON d.id = r.deployment_id ${w.toSql()} ORDER BY r.name`,
      w.params,
    );
    return rows.map((r) => ({ id: String(r.id), name: String(r.name), deploymentId: String(r.deployment_id) }));
  }

  /** One resource with its content, or null when it does not exist or the caller may not see its deployment. */
  async resource(deploymentId: string, resourceId: string): Promise<(DeploymentResourceDto & { content: string }) | null> {
    const w = deploymentWhere({ id: deploymentId });
    w.add(`r.id = ${w.param(resourceId)}`);
    const rows: Row[] = await this.db.query(`SELECT r.* FROM deployment_resource r JOIN ${FROM} ON d.id = r.deployment_id ${w.toSql()}`, w.params);
    const r = rows[0];
    return r ? { id: String(r.id), name: String(r.name), deploymentId: String(r.deployment_id), content: String(r.content) } : null;
  }

  /**
   * Deletes a deployment in one transaction. Without `cascade`, running instances of its
   * definitions make it a 409; with `cascade` their runtime and history rows go first.
   * Returns false when the deployment does not exist or belongs to another organisation.
   */
  async delete(id: string, cascade: boolean): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const w = deploymentWhere({ id });
      const found: Row[] = await manager.query(`SELECT d.id FROM ${FROM} ${w.toSql()} FOR UPDATE`, w.params);
      if (!found.length) {
        return false;
      }
      const definitions = 'SELECT pd.id FROM process_definition pd WHERE pd.deployment_id = $1';
      const running: { count: number }[] = await manager.query(
        `SELECT count(*)::int AS count FROM process_instance WHERE definition_id IN (${definitions})`,
        [id],
      );
      if (running[0].count > 0 && !cascade) {
        throw new CamundaRestError(
          409,
          'ProcessEngineException',
          `Deployment '${id}' has ${running[0].count} running process instance(s); delete with cascade=true to remove them`,
        );
      }
      if (cascade) {
        // Runtime children (executions, tasks, variables, ...) go with the instance (ON DELETE CASCADE).
        await manager.query(`DELETE FROM process_instance WHERE definition_id IN (${definitions})`, [id]);
        for (const table of ['hi_activity_instance', 'hi_task', 'hi_variable', 'hi_incident']) {
          await manager.query(`DELETE FROM ${table} WHERE definition_id IN (${definitions})`, [id]);
        }
        await manager.query(
          `DELETE FROM hi_variable_update WHERE instance_id IN (SELECT h.id FROM hi_process_instance h WHERE h.definition_id IN (${definitions}))`,
          [id],
        );
        await manager.query(`DELETE FROM hi_process_instance WHERE definition_id IN (${definitions})`, [id]);
      }
      await manager.query('DELETE FROM deployment WHERE id = $1', [id]);
      return true;
    });
  }
}
