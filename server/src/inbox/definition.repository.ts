/**
 * Deployed definitions and resources as the inbox and dashboard need them: a definition's
 * model details, its deployment's form-js forms and signposting data, process names. Reads run
 * in the caller's row-level security scope (ScopedDataSource) and are limited to the caller's
 * organisation; deployed resources never change, so what was read is kept per deployment.
 */
import { Injectable } from '@nestjs/common';
import { deployedForms, type DeployedForms } from '../../engine/forms';
import { rawForms, type RawForms } from './form-values';
import { ScopedDataSource } from '../persistence/tenant-scope';
import { SqlWhere } from '../persistence/queries/sql-query';
import { restrictToOrganisation } from '../persistence/queries/visibility';
import { ProcessDetailsCache, type ProcessDetails } from './process-details';
import { readSignposting, type SignpostingEntry } from './signposting';

export interface DefinitionRow {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  tenantId: string | null;
  startFormKey: string | null;
  suspended: boolean;
}

const MAX_DEPLOYMENTS = 200;

export interface FormsOfDeployment {
  deployed: DeployedForms;
  raw: RawForms;
}

function toDefinition(r: Record<string, unknown>): DefinitionRow {
  return {
    id: String(r.id),
    key: String(r.key),
    name: (r.name as string | null) ?? null,
    version: Number(r.version),
    deploymentId: String(r.deployment_id),
    tenantId: (r.tenant_id as string | null) ?? null,
    startFormKey: (r.start_form_key as string | null) ?? null,
    suspended: r.suspended === true,
  };
}

/** A small map that forgets its oldest entry when full (deployments are few; this only bounds memory). */
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= MAX_DEPLOYMENTS) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

@Injectable()
export class DefinitionRepository {
  private readonly details = new ProcessDetailsCache();
  private readonly forms = new Map<string, FormsOfDeployment>();
  private readonly signposting = new Map<string, SignpostingEntry[]>();

  constructor(private readonly db: ScopedDataSource) {}

  async byId(definitionId: string): Promise<DefinitionRow | null> {
    const where = restrictToOrganisation(new SqlWhere(), 'pd.tenant_id');
    where.add(`pd.id = ${where.param(definitionId)}`);
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT pd.* FROM process_definition pd ${where.toSql()}`, where.params);
    return rows[0] ? toDefinition(rows[0]) : null;
  }

  /** The latest version of every process of the caller's organisation (of one key when given). */
  async latest(key?: string): Promise<DefinitionRow[]> {
    const where = restrictToOrganisation(new SqlWhere(), 'pd.tenant_id');
    where.eq('pd.key', key);
    where.add(`pd.version = (SELECT max(p2.version) FROM process_definition p2 WHERE p2.key = pd.key AND coalesce(p2.tenant_id, '') = coalesce(pd.tenant_id, ''))`);
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT pd.* FROM process_definition pd ${where.toSql()} ORDER BY pd.name, pd.key`, where.params);
    return rows.map(toDefinition);
  }

  /** Names of definitions by id (those the caller may see). */
  async names(definitionIds: readonly string[]): Promise<Map<string, string | null>> {
    if (definitionIds.length === 0) return new Map();
    const where = restrictToOrganisation(new SqlWhere(), 'pd.tenant_id');
    where.in('pd.id', [...new Set(definitionIds)]);
    const rows: { id: string; name: string | null }[] = await this.db.query(`SELECT pd.id, pd.name FROM process_definition pd ${where.toSql()}`, where.params);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The BPMN XML of a definition, or null when the caller may not see it. */
  async xml(definitionId: string): Promise<string | null> {
    const where = restrictToOrganisation(new SqlWhere(), 'pd.tenant_id');
    where.add(`pd.id = ${where.param(definitionId)}`);
    const rows: { content: string }[] = await this.db.query(
      `SELECT r.content FROM process_definition pd JOIN deployment_resource r ON r.deployment_id = pd.deployment_id AND r.name = pd.resource_name ${where.toSql()}`,
      where.params,
    );
    return rows[0]?.content ?? null;
  }

  processDetails(definition: Pick<DefinitionRow, 'id' | 'key'>): Promise<ProcessDetails> {
    return this.details.get(definition.id, definition.key, () => this.xml(definition.id));
  }

  /** The form-js forms deployed with a definition's deployment: as the engine checks them, and as written (for the browser). */
  async formsOf(deploymentId: string): Promise<FormsOfDeployment> {
    const known = this.forms.get(deploymentId);
    if (known) return known;
    const resources = await this.resources(deploymentId, '%.form');
    const forms = { deployed: deployedForms(resources), raw: rawForms(resources) };
    return resources.length ? remember(this.forms, deploymentId, forms) : forms;
  }

  /** The organisation's signposting data deployed with a deployment (`signposting.json`), by key. */
  async signpostingOf(deploymentId: string): Promise<SignpostingEntry[]> {
    const known = this.signposting.get(deploymentId);
    if (known) return known;
    const resources = await this.resources(deploymentId, '%signposting.json');
    const entries = resources.flatMap((r) => readSignposting(r.content));
    return resources.length ? remember(this.signposting, deploymentId, entries) : entries;
  }

  private async resources(deploymentId: string, namePattern: string): Promise<{ name: string; content: string }[]> {
    const where = restrictToOrganisation(new SqlWhere(), 'd.tenant_id');
    where.add(`d.id = ${where.param(deploymentId)}`);
    where.add(`r.name LIKE ${where.param(namePattern)}`);
    return this.db.query(`SELECT r.name, r.content FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id ${where.toSql()} ORDER BY r.name`, where.params);
  }
}
