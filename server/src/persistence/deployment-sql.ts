import type {
  DecisionDefinitionRecord,
  DefinitionRecord,
  DeploymentRecord,
  ResourceRecord,
  StartEventSubscription,
} from '../../engine/ports/case-store';
import { notFound } from '../../engine/engine-error';
import { Params, cols, iso, recordset } from './sql-columns';

/** Runs one statement inside the current transaction and returns its rows. */
export type Sql = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const DEFINITION_COLUMNS = cols(
  'id text', 'key text', 'version integer', 'name text', 'version_tag text', 'deployment_id text', 'resource_name text',
  'tenant_id text', 'checksum text', 'start_form_key text', 'suspended boolean', 'history_time_to_live integer',
);
const RESOURCE_COLUMNS = cols('id text', 'deployment_id text', 'name text', 'content text', 'checksum text');
const DECISION_COLUMNS = cols(
  'id text', 'key text', 'version integer', 'name text', 'version_tag text', 'deployment_id text', 'resource_name text',
  'tenant_id text', 'history_time_to_live integer',
);
const START_COLUMNS = cols('definition_id text', 'definition_key text', 'tenant_id text', 'type text', 'event_name text', 'activity_id text');

function insertRows(table: string, columns: ReturnType<typeof cols>, rows: unknown[], params: Params, name: string): string {
  const names = columns.map((c) => c.name);
  return `${name} AS (INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((n) => `r.${n}`).join(', ')} FROM ${recordset(params.json(rows), columns)})`;
}

/**
 * Inserts a deployment with its resources, definitions, decision definitions and start-event
 * subscriptions in one statement. The subscriptions of earlier versions of the deployed keys are removed: only the
 * latest version of a key starts on a message or signal.
 */
export async function insertDeployment(
  sql: Sql,
  deployment: DeploymentRecord,
  resources: ResourceRecord[],
  definitions: DefinitionRecord[],
  startSubscriptions: StartEventSubscription[],
  decisions: DecisionDefinitionRecord[] = [],
): Promise<void> {
  const params = new Params();
  const deploymentRow = {
    id: deployment.id,
    name: deployment.name,
    source: deployment.source,
    tenant_id: deployment.tenantId,
    deployment_time: deployment.deploymentTime,
  };
  // Resources and definitions reference the deployment row; the foreign keys are checked at the end of the statement.
  const ctes = [insertRows('deployment', cols('id text', 'name text', 'source text', 'tenant_id text', 'deployment_time timestamptz'), [deploymentRow], params, 'dep')];
  if (resources.length > 0) {
    const rows = resources.map((r) => ({ id: r.id, deployment_id: r.deploymentId, name: r.name, content: r.content, checksum: r.checksum }));
    ctes.push(insertRows('deployment_resource', RESOURCE_COLUMNS, rows, params, 'res'));
  }
  if (definitions.length > 0) {
    const rows = definitions.map((d) => ({
      id: d.id,
      key: d.key,
      version: d.version,
      name: d.name,
      version_tag: d.versionTag,
      deployment_id: d.deploymentId,
      resource_name: d.resourceName,
      tenant_id: d.tenantId,
      checksum: d.checksum,
      start_form_key: d.startFormKey,
      suspended: d.suspended,
      history_time_to_live: d.historyTimeToLive,
    }));
    ctes.push(insertRows('process_definition', DEFINITION_COLUMNS, rows, params, 'def'));
    const keys = definitions.map((d) => ({ key: d.key, tenant_id: d.tenantId }));
    ctes.push(
      `old AS (DELETE FROM start_event_subscription s USING ${recordset(params.json(keys), cols('key text', 'tenant_id text'))} ` +
        `WHERE s.definition_key = r.key AND s.tenant_id IS NOT DISTINCT FROM r.tenant_id)`,
    );
  }
  if (decisions.length > 0) {
    const rows = decisions.map((d) => ({
      id: d.id,
      key: d.key,
      version: d.version,
      name: d.name,
      version_tag: d.versionTag,
      deployment_id: d.deploymentId,
      resource_name: d.resourceName,
      tenant_id: d.tenantId,
      history_time_to_live: d.historyTimeToLive,
    }));
    ctes.push(insertRows('decision_definition', DECISION_COLUMNS, rows, params, 'dec'));
  }
  if (startSubscriptions.length > 0) {
    const rows = startSubscriptions.map((s) => ({
      definition_id: s.definitionId,
      definition_key: s.definitionKey,
      tenant_id: s.tenantId,
      type: s.type,
      event_name: s.eventName,
      activity_id: s.activityId,
    }));
    ctes.push(insertRows('start_event_subscription', START_COLUMNS, rows, params, 'sub'));
  }
  await sql(`WITH ${ctes.join(',\n')}\nSELECT 1`, params.values);
}

function definitionFromRow(r: Record<string, unknown>): DefinitionRecord {
  return {
    id: r.id as string,
    key: r.key as string,
    version: r.version as number,
    name: (r.name ?? null) as string | null,
    versionTag: (r.version_tag ?? null) as string | null,
    deploymentId: r.deployment_id as string,
    resourceName: r.resource_name as string,
    tenantId: (r.tenant_id ?? null) as string | null,
    checksum: r.checksum as string,
    startFormKey: (r.start_form_key ?? null) as string | null,
    suspended: r.suspended as boolean,
    historyTimeToLive: (r.history_time_to_live ?? null) as number | null,
  };
}

export async function findDeployment(sql: Sql, id: string): Promise<DeploymentRecord | null> {
  const rows = await sql('SELECT id, name, source, tenant_id, deployment_time FROM deployment WHERE id = $1', [id]);
  if (rows.length === 0) {
    return null;
  }
  const r = rows[0];
  return {
    id: r.id as string,
    name: (r.name ?? null) as string | null,
    source: (r.source ?? null) as string | null,
    tenantId: (r.tenant_id ?? null) as string | null,
    deploymentTime: iso(r.deployment_time) as string,
  };
}

export async function findDefinitionById(sql: Sql, id: string): Promise<DefinitionRecord | null> {
  const rows = await sql('SELECT * FROM process_definition WHERE id = $1', [id]);
  return rows.length > 0 ? definitionFromRow(rows[0]) : null;
}

/** The highest version of `key` for the tenant; a null tenant matches definitions without tenant. */
export async function findLatestDefinition(sql: Sql, key: string, tenantId: string | null): Promise<DefinitionRecord | null> {
  // coalesce(tenant_id, '') matches the unique index (key, coalesce(tenant_id, ''), version).
  const rows = await sql(
    `SELECT * FROM process_definition WHERE key = $1 AND coalesce(tenant_id, '') = coalesce($2::text, '')
      AND tenant_id IS NOT DISTINCT FROM $2::text ORDER BY version DESC LIMIT 1`,
    [key, tenantId],
  );
  return rows.length > 0 ? definitionFromRow(rows[0]) : null;
}

export async function findDefinitionByVersion(sql: Sql, key: string, tenantId: string | null, version: number): Promise<DefinitionRecord | null> {
  const rows = await sql(
    `SELECT * FROM process_definition WHERE key = $1 AND coalesce(tenant_id, '') = coalesce($2::text, '')
      AND tenant_id IS NOT DISTINCT FROM $2::text AND version = $3`,
    [key, tenantId, version],
  );
  return rows.length > 0 ? definitionFromRow(rows[0]) : null;
}

/** The highest version of a decision key for the tenant (a null tenant matches decisions without tenant); 0 when none. */
export async function findLatestDecisionVersion(sql: Sql, key: string, tenantId: string | null): Promise<number> {
  const rows = await sql(
    `SELECT coalesce(max(version), 0)::int AS version FROM decision_definition
      WHERE key = $1 AND coalesce(tenant_id, '') = coalesce($2::text, '') AND tenant_id IS NOT DISTINCT FROM $2::text`,
    [key, tenantId],
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * The checksum of the resource of this name in the tenant's most recent deployment that has one —
 * of the deployments named `deploymentName` when given, as Camunda's duplicate filtering compares
 * with the latest deployment of the same name (so a version published from the designer is not
 * replaced at boot by the unchanged file in processes/).
 */
export async function findLatestResourceChecksum(sql: Sql, name: string, tenantId: string | null, deploymentName: string | null = null): Promise<string | null> {
  const rows = await sql(
    `SELECT r.checksum FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id
      WHERE r.name = $1 AND d.tenant_id IS NOT DISTINCT FROM $2::text AND ($3::text IS NULL OR d.name = $3::text)
      ORDER BY d.seq DESC LIMIT 1`,
    [name, tenantId, deploymentName],
  );
  return rows.length > 0 ? (rows[0].checksum as string) : null;
}

export async function findLatestDecisionResources(sql: Sql, tenantId: string | null): Promise<{ deploymentId: string; name: string; content: string }[]> {
  const rows = await sql(
    `SELECT DISTINCT ON (r.name) r.deployment_id, r.name, r.content
       FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id
      WHERE r.name ILIKE '%.dmn' AND d.tenant_id IS NOT DISTINCT FROM $1::text
      ORDER BY r.name, d.seq DESC`,
    [tenantId],
  );
  return rows.map((r) => ({ deploymentId: String(r.deployment_id), name: String(r.name), content: String(r.content) }));
}

export async function loadDeploymentResources(sql: Sql, deploymentId: string): Promise<{ name: string; content: string }[]> {
  const rows = await sql('SELECT name, content FROM deployment_resource WHERE deployment_id = $1 ORDER BY name', [deploymentId]);
  return rows.map((r) => ({ name: String(r.name), content: String(r.content) }));
}

export async function loadDefinitionResource(sql: Sql, definitionId: string): Promise<string> {
  const rows = await sql(
    `SELECT r.content FROM process_definition d
      JOIN deployment_resource r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name
      WHERE d.id = $1 LIMIT 1`,
    [definitionId],
  );
  if (rows.length === 0) {
    throw notFound(`No resource found for process definition ${definitionId}`);
  }
  return rows[0].content as string;
}

/** `undefined`: any tenant; null: without tenant; a string: that tenant. */
export function tenantCondition(column: string, tenantId: string | null | undefined, params: Params): string {
  if (tenantId === undefined) {
    return '';
  }
  return tenantId === null ? ` AND ${column} IS NULL` : ` AND ${column} = ${params.add(tenantId)}`;
}

export async function findStartEventSubscriptions(
  sql: Sql,
  type: 'message' | 'signal',
  eventName: string,
  tenantId?: string | null,
): Promise<StartEventSubscription[]> {
  const params = new Params();
  const rows = await sql(
    `SELECT s.* FROM start_event_subscription s JOIN process_definition d ON d.id = s.definition_id
      WHERE s.type = ${params.add(type)} AND s.event_name = ${params.add(eventName)}${tenantCondition('s.tenant_id', tenantId, params)}
        AND d.version = (SELECT max(l.version) FROM process_definition l WHERE l.key = d.key AND coalesce(l.tenant_id, '') = coalesce(d.tenant_id, ''))
      ORDER BY s.definition_key, s.activity_id`,
    params.values,
  );
  return rows.map((r) => ({
    definitionId: r.definition_id as string,
    definitionKey: r.definition_key as string,
    tenantId: (r.tenant_id ?? null) as string | null,
    type: r.type as 'message' | 'signal',
    eventName: r.event_name as string,
    activityId: r.activity_id as string,
  }));
}

/** Serialises deployments of one tenant until the transaction ends (an advisory transaction lock). */
export async function lockDeployments(sql: Sql, tenantId: string | null): Promise<void> {
  // Class 0x5afe keeps these locks apart from any other advisory lock; 'none' and 't:<id>' keep null apart from ''.
  await sql(`SELECT pg_advisory_xact_lock(23294, hashtext($1::text))`, [tenantId === null ? 'none' : `t:${tenantId}`]);
}
