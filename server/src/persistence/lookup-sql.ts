import type {
  ExternalTaskLockRequest,
  LockedExternalTask,
  MessageSubscriptionFilter,
  SubscriptionMatch,
} from '../../engine/ports/case-store';
import { tenantCondition } from './deployment-sql';
import type { Sql } from './deployment-sql';
import { externalTaskFromRow } from './instance-tables';
import { Params, iso } from './sql-columns';

/** The instance that owns a row of `table` (task, external_task, job), or null. */
export async function findInstanceIdOf(sql: Sql, table: 'task' | 'external_task' | 'job', id: string): Promise<string | null> {
  const rows = await sql(`SELECT instance_id FROM ${table} WHERE id = $1`, [id]);
  return rows.length > 0 ? (rows[0].instance_id as string) : null;
}

function matchOf(r: Record<string, unknown>): SubscriptionMatch {
  return {
    instanceId: r.instance_id as string,
    subscriptionId: r.id as string,
    executionId: r.execution_id as string,
    activityId: r.activity_id as string,
  };
}

const MATCH_COLUMNS = 's.instance_id, s.id, s.execution_id, s.activity_id';

/**
 * Message subscriptions waiting for `messageName`, narrowed by business key, instance, tenant and
 * process-level variables (same name, type and value), oldest first.
 */
export async function findMessageSubscriptions(sql: Sql, filter: MessageSubscriptionFilter): Promise<SubscriptionMatch[]> {
  const params = new Params();
  let where = `s.type = 'message' AND s.event_name = ${params.add(filter.messageName)}`;
  if (filter.businessKey !== undefined) {
    where += ` AND pi.business_key = ${params.add(filter.businessKey)}`;
  }
  if (filter.processInstanceId !== undefined) {
    where += ` AND s.instance_id = ${params.add(filter.processInstanceId)}`;
  }
  if (filter.tenantId !== undefined) {
    where += ` AND pi.tenant_id = ${params.add(filter.tenantId)}`;
  } else if (filter.withoutTenantId) {
    where += ' AND pi.tenant_id IS NULL';
  }
  for (const [name, typed] of Object.entries(filter.correlationKeys ?? {})) {
    const value =
      typed.value === null || typed.value === undefined
        ? `(v.value IS NULL OR v.value = 'null'::jsonb)`
        : `v.value = ${params.add(JSON.stringify(typed.value))}::jsonb`;
    where +=
      ` AND EXISTS (SELECT 1 FROM variable v WHERE v.instance_id = pi.id AND v.scope_id = pi.id AND v.task_id IS NULL` +
      ` AND v.name = ${params.add(name)} AND v.type = ${params.add(typed.type)} AND ${value})`;
  }
  const rows = await sql(
    `SELECT ${MATCH_COLUMNS} FROM event_subscription s JOIN process_instance pi ON pi.id = s.instance_id WHERE ${where} ORDER BY s.seq`,
    params.values,
  );
  return rows.map(matchOf);
}

/** Signal subscriptions waiting for `signalName` (undefined tenant: all; null: without tenant). */
export async function findSignalSubscriptions(sql: Sql, signalName: string, tenantId?: string | null): Promise<SubscriptionMatch[]> {
  const params = new Params();
  const rows = await sql(
    `SELECT ${MATCH_COLUMNS} FROM event_subscription s
      WHERE s.type = 'signal' AND s.event_name = ${params.add(signalName)}${tenantCondition('s.tenant_id', tenantId, params)}
      ORDER BY s.seq`,
    params.values,
  );
  return rows.map(matchOf);
}

/**
 * Locks up to `maxTasks` available external tasks for the worker, topic by topic. Rows other
 * transactions hold are skipped (`SKIP LOCKED`), so concurrent fetches get disjoint tasks. Only
 * the lock columns change: locking is not an engine step and leaves the instance version alone.
 */
export async function lockExternalTasks(sql: Sql, request: ExternalTaskLockRequest): Promise<LockedExternalTask[]> {
  const locked: LockedExternalTask[] = [];
  const now = request.now.toISOString();
  for (const topic of request.topics) {
    const remaining = request.maxTasks - locked.length;
    if (remaining <= 0) {
      break;
    }
    const params = new Params();
    let where =
      `x.topic_name = ${params.add(topic.topicName)}` +
      ` AND (x.lock_expiration_time IS NULL OR x.lock_expiration_time <= ${params.add(now)}::timestamptz)` +
      ' AND (x.retries IS NULL OR x.retries > 0)';
    if (topic.processDefinitionKey !== undefined) {
      where += ` AND x.definition_key = ${params.add(topic.processDefinitionKey)}`;
    }
    if (topic.tenantIdIn !== undefined) {
      where += ` AND x.tenant_id = ANY(${params.add(topic.tenantIdIn)}::text[])`;
    }
    const order = request.usePriority ? 'x.priority DESC, x.created, x.seq' : 'x.created, x.seq';
    const expiration = new Date(request.now.getTime() + topic.lockDuration).toISOString();
    const rows = await sql(
      `WITH c AS (
         SELECT x.id FROM external_task x JOIN process_instance pi ON pi.id = x.instance_id AND pi.state = 'ACTIVE'
         WHERE ${where} ORDER BY ${order} LIMIT ${params.add(remaining)} FOR UPDATE OF x SKIP LOCKED)
       UPDATE external_task x SET worker_id = ${params.add(request.workerId)}, lock_expiration_time = ${params.add(expiration)}::timestamptz
       FROM c WHERE x.id = c.id
       RETURNING x.*`,
      params.values,
    );
    rows.sort((a, b) =>
      request.usePriority && a.priority !== b.priority
        ? (b.priority as number) - (a.priority as number)
        : (iso(a.created) ?? '').localeCompare(iso(b.created) ?? '') || Number(a.seq) - Number(b.seq),
    );
    for (const r of rows) {
      locked.push({
        ...externalTaskFromRow({ ...r, lock_expiration_time: iso(r.lock_expiration_time), created: iso(r.created) }),
        processInstanceId: r.instance_id as string,
        processDefinitionId: r.definition_id as string,
        processDefinitionKey: r.definition_key as string,
        businessKey: (r.business_key ?? null) as string | null,
        tenantId: (r.tenant_id ?? null) as string | null,
      });
    }
  }
  return locked;
}
