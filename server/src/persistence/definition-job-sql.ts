import type { DefinitionIncidentRecord, DefinitionJobRecord } from '../../engine/ports/case-store';
import type { NotificationRecord } from '../../engine/runtime/notifications';
import type { Sql } from './deployment-sql';
import { Params, cols, iso, recordset } from './sql-columns';

/**
 * SQL for what belongs to no case: definition-level jobs (timer start events, `job` rows without
 * `instance_id`), their incidents, and the notifications a step writes.
 */

const JOB_COLUMNS = cols(
  'id text', 'definition_id text', 'definition_key text', 'type text', 'activity_id text', 'due_date timestamptz',
  'config jsonb', 'retries integer', 'exception_message text', 'created timestamptz', 'tenant_id text',
);

function jobRow(j: DefinitionJobRecord): Record<string, unknown> {
  return {
    id: j.id,
    definition_id: j.definitionId,
    definition_key: j.definitionKey,
    type: 'timer',
    activity_id: j.activityId,
    due_date: j.dueDate,
    config: j.config,
    retries: j.retries,
    exception_message: j.exceptionMessage,
    created: j.created,
    tenant_id: j.tenantId,
  };
}

/** Locks and reads one definition-level job; null when it does not exist (or belongs to a case). */
export async function findDefinitionJob(sql: Sql, id: string): Promise<DefinitionJobRecord | null> {
  const rows = await sql('SELECT * FROM job WHERE id = $1 AND instance_id IS NULL FOR UPDATE', [id]);
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    id: String(r.id),
    definitionId: String(r.definition_id),
    definitionKey: String(r.definition_key),
    tenantId: (r.tenant_id as string | null) ?? null,
    activityId: String(r.activity_id),
    dueDate: iso(r.due_date),
    config: (r.config ?? {}) as Record<string, unknown>,
    retries: Number(r.retries),
    exceptionMessage: (r.exception_message as string | null) ?? null,
    created: iso(r.created)!,
  };
}

export async function findDefinitionJobIds(sql: Sql, key: string, tenantId: string | null): Promise<string[]> {
  const rows = await sql('SELECT id FROM job WHERE instance_id IS NULL AND definition_key = $1 AND tenant_id IS NOT DISTINCT FROM $2', [key, tenantId]);
  return rows.map((r) => String(r.id));
}

export async function insertDefinitionJobs(sql: Sql, jobs: DefinitionJobRecord[]): Promise<void> {
  if (jobs.length === 0) return;
  const params = new Params();
  const names = JOB_COLUMNS.map((c) => c.name);
  await sql(
    `INSERT INTO job (instance_id, execution_id, ${names.join(', ')}) SELECT NULL, NULL, ${names.map((n) => `r.${n}`).join(', ')} FROM ${recordset(params.json(jobs.map(jobRow)), JOB_COLUMNS)}`,
    params.values,
  );
}

export async function updateDefinitionJob(sql: Sql, job: DefinitionJobRecord): Promise<void> {
  await sql('UPDATE job SET due_date = $2, retries = $3, exception_message = $4 WHERE id = $1 AND instance_id IS NULL', [
    job.id,
    job.dueDate,
    job.retries,
    job.exceptionMessage,
  ]);
}

export async function deleteDefinitionJobs(sql: Sql, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql('DELETE FROM incident WHERE instance_id IS NULL AND configuration = ANY($1::text[])', [ids]);
  await sql('DELETE FROM job WHERE instance_id IS NULL AND id = ANY($1::text[])', [ids]);
}

export async function insertDefinitionIncident(sql: Sql, incident: DefinitionIncidentRecord): Promise<void> {
  await sql(
    `INSERT INTO incident (id, instance_id, execution_id, definition_id, activity_id, type, message, configuration, created, tenant_id)
     VALUES ($1, NULL, NULL, $2, $3, 'failedJob', $4, $5, $6, $7)`,
    [incident.id, incident.definitionId, incident.activityId, incident.message, incident.configuration, incident.created, incident.tenantId],
  );
}

export async function deleteDefinitionIncidents(sql: Sql, jobId: string): Promise<void> {
  await sql('DELETE FROM incident WHERE instance_id IS NULL AND configuration = $1', [jobId]);
}

const NOTIFICATION_COLUMNS = cols(
  'id text', 'tenant_id text', 'recipient_user text', 'recipient_group text', 'kind text', 'task_id text', 'instance_id text',
  'business_key text', 'title text', 'created timestamptz',
);

export async function insertNotifications(sql: Sql, notifications: NotificationRecord[]): Promise<void> {
  if (notifications.length === 0) return;
  const rows = notifications.map((n) => ({
    id: n.id,
    tenant_id: n.tenantId,
    recipient_user: n.recipientUser,
    recipient_group: n.recipientGroup,
    kind: n.kind,
    task_id: n.taskId,
    instance_id: n.instanceId,
    business_key: n.businessKey,
    title: n.title,
    created: n.created,
  }));
  const params = new Params();
  const names = NOTIFICATION_COLUMNS.map((c) => c.name);
  await sql(
    `INSERT INTO notification (${names.join(', ')}) SELECT ${names.map((n) => `r.${n}`).join(', ')} FROM ${recordset(params.json(rows), NOTIFICATION_COLUMNS)}`,
    params.values,
  );
}
