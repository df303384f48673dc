/**
 * The audit log's storage: append-only rows in `audit_log` (migrations/1764000000003-Identity.ts,
 * where a trigger refuses UPDATE, DELETE and TRUNCATE for everybody).
 *
 * Rows are written as the table owner, never inside an organisation's row-level security scope,
 * so a request's own transaction rolling back can never take its audit row with it. The table has
 * no row-level security: every read names the organisation explicitly.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SqlWhere, limitOffset } from '../persistence/queries/sql-query';

/** Who acted: a signed-in person, a machine client's API token, nobody we know, or the server itself. */
export type ActorKind = 'user' | 'token' | 'anonymous' | 'system';

/** One thing that happened. Never holds request bodies, query strings or variable values. */
export interface AuditEntry {
  /** The engine's user id (`tc.cho`, `token:cmg-engine`), `anonymous`, or `system:<job>`. */
  actor: string;
  actorKind: ActorKind;
  /** The actor's organisation; null for the platform administrator, anonymous callers and tenant-less work. */
  tenantId: string | null;
  /** `${METHOD} ${route pattern}`, e.g. `GET /engine-rest/task/:id`, or a system action. */
  action: string;
  /** The request path without its query string, or what a system action worked on. */
  resource: string | null;
  /** The process instances (cases) the action touched. */
  caseIds: readonly string[];
  /** The HTTP status of the answer (499: the client hung up first). */
  outcome: number;
  ip: string | null;
}

/** A stored entry. */
export interface AuditRecord extends AuditEntry {
  id: string;
  at: Date;
}

/** What to list. `tenantId` null means every organisation (the platform administrator only). */
export interface AuditFilter {
  tenantId: string | null;
  from?: Date;
  to?: Date;
  actor?: string;
  caseId?: string;
  action?: string;
  /** SQL LIKE pattern on the action (`GET /engine-rest/task%`). */
  actionLike?: string;
}

/** Paging: Camunda's firstResult / maxResults. */
export interface AuditPage {
  firstResult?: number;
  maxResults?: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  actor_kind: ActorKind;
  tenant_id: string | null;
  action: string;
  resource: string | null;
  case_ids: string[];
  outcome: number;
  ip: string | null;
}

/** What a route's `:id` may name on the way to a case. */
export type CaseReference = 'instance' | 'task' | 'external-task' | 'job';

const INSTANCE_LOOKUP: Record<CaseReference, [table: string, column: string]> = {
  instance: ['hi_process_instance', 'id'],
  task: ['hi_task', 'instance_id'],
  'external-task': ['external_task', 'instance_id'],
  job: ['job', 'instance_id'],
};

const COLUMNS = 'id, at, actor, actor_kind, tenant_id, action, resource, case_ids, outcome, ip';

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one entry; pass `manager` to write it in the same transaction as the change it records. */
  async append(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const values = [entry.actor, entry.actorKind, entry.tenantId, entry.action, entry.resource, [...entry.caseIds], entry.outcome, entry.ip];
    if (entry.tenantId !== null || entry.caseIds.length === 0) {
      await (manager ?? this.dataSource).query(
        `INSERT INTO audit_log (actor, actor_kind, tenant_id, action, resource, case_ids, outcome, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        values,
      );
      return;
    }
    // A caller of no organisation (the platform administrator) touched cases: one row per
    // organisation whose cases they were, so that each organisation's managers see who looked.
    await (manager ?? this.dataSource).query(
      `WITH found AS (
         SELECT tenant_id, array_agg(id ORDER BY id) AS ids FROM hi_process_instance WHERE id = ANY($6::text[]) GROUP BY tenant_id
       )
       INSERT INTO audit_log (actor, actor_kind, tenant_id, action, resource, case_ids, outcome, ip)
       SELECT $1::text, $2::text, f.tenant_id, $4::text, $5::text, f.ids, $7::int, $8::text FROM found f
       UNION ALL
       SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text[], $7::int, $8::text WHERE NOT EXISTS (SELECT 1 FROM found)`,
      values,
    );
  }

  /** Entries matching `filter`, newest first. */
  async query(filter: AuditFilter, page: AuditPage = {}): Promise<AuditRecord[]> {
    const where = whereOf(filter);
    const paging = limitOffset(where, page);
    const rows = await this.dataSource.query<AuditRow[]>(`SELECT ${COLUMNS} FROM audit_log ${where.toSql()} ORDER BY id DESC${paging}`, where.params);
    return rows.map(toRecord);
  }

  async count(filter: AuditFilter): Promise<number> {
    const where = whereOf(filter);
    const [row] = await this.dataSource.query<{ count: string }[]>(`SELECT count(*) AS count FROM audit_log ${where.toSql()}`, where.params);
    return Number(row?.count ?? 0);
  }

  /**
   * Every entry matching `filter`, oldest first, in batches of `batchSize` (keyset paging on the id,
   * so an export of a large log neither holds it in memory nor skips rows appended meanwhile).
   */
  async *stream(filter: AuditFilter, batchSize = 1000): AsyncGenerator<AuditRecord[]> {
    const [{ max }] = await this.dataSource.query<{ max: string | null }[]>('SELECT max(id) AS max FROM audit_log');
    if (max === null) return;
    let after = '0';
    for (;;) {
      const where = whereOf(filter);
      where.add(`id > ${where.param(after)}`).add(`id <= ${where.param(max)}`);
      const rows = await this.dataSource.query<AuditRow[]>(
        `SELECT ${COLUMNS} FROM audit_log ${where.toSql()} ORDER BY id ASC LIMIT ${where.param(batchSize)}`,
        where.params,
      );
      if (rows.length === 0) return;
      yield rows.map(toRecord);
      if (rows.length < batchSize) return;
      after = String(rows[rows.length - 1].id);
    }
  }

  /**
   * The process instance an instance id, task, external task or job names, when it belongs to
   * `tenantId` (null: any organisation). Instances and tasks are looked up in the history, which
   * keeps ended ones.
   */
  async instanceOf(kind: CaseReference, id: string, tenantId: string | null): Promise<string | null> {
    const [table, column] = INSTANCE_LOOKUP[kind];
    const where = new SqlWhere().eq('id', id);
    if (tenantId !== null) where.eq('tenant_id', tenantId);
    const rows = await this.dataSource.query<{ instance_id: string | null }[]>(`SELECT ${column} AS instance_id FROM ${table} ${where.toSql()}`, where.params);
    return rows[0]?.instance_id ?? null;
  }
}

function whereOf(filter: AuditFilter): SqlWhere {
  const where = new SqlWhere();
  if (filter.tenantId !== null) where.eq('tenant_id', filter.tenantId);
  where.compare('at', '>=', filter.from);
  where.compare('at', '<=', filter.to);
  where.eq('actor', filter.actor);
  where.eq('action', filter.action);
  where.like('action', filter.actionLike);
  if (filter.caseId !== undefined) where.add(`case_ids @> ARRAY[${where.param(filter.caseId)}]::text[]`);
  return where;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    actorKind: row.actor_kind,
    tenantId: row.tenant_id,
    action: row.action,
    resource: row.resource,
    caseIds: row.case_ids,
    outcome: row.outcome,
    ip: row.ip,
  };
}
