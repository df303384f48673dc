import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatCamundaDate } from '../engine-rest/camunda-date';
import { ScopedDataSource } from '../persistence/tenant-scope';

/** Whose notifications: a user's own and those of the groups they belong to (within one organisation when tenantId is set). */
export interface RecipientFilter {
  userId?: string;
  groups?: string[];
  unreadOnly?: boolean;
  tenantId?: string;
}

/** A notification as `/api/notifications` shows it. */
export interface NotificationDto {
  id: string;
  tenantId: string | null;
  recipientUser: string | null;
  recipientGroup: string | null;
  kind: 'overdue' | 'escalation' | 'assignment';
  taskId: string;
  processInstanceId: string;
  businessKey: string | null;
  title: string;
  created: string | null;
  readAt: string | null;
  emailedAt: string | null;
}

/** A notification waiting to be e-mailed, with its recipient's address. */
export interface OutboxItem {
  id: string;
  email: string;
  title: string;
}

/** The condition for `filter` over `notification n`, binding its values after those already in `params`. */
function recipientCondition(filter: RecipientFilter, params: unknown[]): string {
  params.push(filter.userId ?? null, filter.groups ?? []);
  const parts = [`(n.recipient_user = $${params.length - 1} OR n.recipient_group = ANY($${params.length}::text[]))`];
  if (filter.unreadOnly) parts.push('n.read_at IS NULL');
  if (filter.tenantId !== undefined) {
    params.push(filter.tenantId);
    parts.push(`n.tenant_id = $${params.length}`);
  }
  return parts.join(' AND ');
}

function where(filter: RecipientFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  return { sql: `WHERE ${recipientCondition(filter, params)}`, params };
}

function toDto(r: Record<string, unknown>): NotificationDto {
  return {
    id: String(r.id),
    tenantId: (r.tenant_id as string | null) ?? null,
    recipientUser: (r.recipient_user as string | null) ?? null,
    recipientGroup: (r.recipient_group as string | null) ?? null,
    kind: r.kind as NotificationDto['kind'],
    taskId: String(r.task_id),
    processInstanceId: String(r.instance_id),
    businessKey: (r.business_key as string | null) ?? null,
    title: String(r.title),
    created: formatCamundaDate(r.created as Date),
    readAt: formatCamundaDate((r.read_at as Date | null) ?? null),
    emailedAt: formatCamundaDate((r.emailed_at as Date | null) ?? null),
  };
}

/**
 * Reads and updates the `notification` table the engine writes (and the `user_email` lookup).
 * What a request reads and marks runs in the caller's row-level-security scope; the outbox,
 * which works for every organisation, uses the plain connection.
 */
@Injectable()
export class NotificationRepository {
  constructor(
    private readonly db: DataSource,
    private readonly scoped: ScopedDataSource,
  ) {}

  async list(filter: RecipientFilter, page: { firstResult?: number; maxResults?: number }): Promise<NotificationDto[]> {
    const w = where(filter);
    const limit = Math.min(page.maxResults ?? 100, 1000);
    const rows: Record<string, unknown>[] = await this.scoped.query(
      `SELECT n.* FROM notification n ${w.sql} ORDER BY n.created DESC, n.id LIMIT ${limit} OFFSET ${page.firstResult ?? 0}`,
      w.params,
    );
    return rows.map(toDto);
  }

  async countUnread(filter: RecipientFilter): Promise<number> {
    const w = where({ ...filter, unreadOnly: true });
    const rows: { count: number }[] = await this.scoped.query(`SELECT count(*)::int AS count FROM notification n ${w.sql}`, w.params);
    return rows[0]?.count ?? 0;
  }

  /**
   * Marks one notification read (the first time only); false when it does not exist or, given
   * `recipients`, is not one of theirs.
   */
  async markRead(id: string, at: Date, recipients?: RecipientFilter): Promise<boolean> {
    const params: unknown[] = [id, at];
    const mine = recipients === undefined ? '' : ` AND ${recipientCondition(recipients, params)}`;
    const rows: Record<string, unknown>[] = await this.scoped.query(
      `UPDATE notification n SET read_at = coalesce(n.read_at, $2) WHERE n.id = $1${mine} RETURNING n.id`,
      params,
    );
    return this.affected(rows) > 0;
  }

  /**
   * Runs `send` on up to `limit` unsent notifications of users with an e-mail address, marking
   * each sent one; rows are locked (skipping ones another server is sending). Returns how many were sent.
   */
  async drainOutbox(limit: number, send: (item: OutboxItem) => Promise<void>, at: () => Date): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT n.id, n.title, e.email FROM notification n JOIN user_email e ON e.user_id = n.recipient_user
          WHERE n.emailed_at IS NULL ORDER BY n.created LIMIT $1 FOR UPDATE OF n SKIP LOCKED`,
        [limit],
      );
      let sent = 0;
      for (const r of rows) {
        await send({ id: String(r.id), email: String(r.email), title: String(r.title) });
        await manager.query('UPDATE notification SET emailed_at = $2 WHERE id = $1', [r.id, at()]);
        sent++;
      }
      return sent;
    });
  }

  private affected(rows: unknown): number {
    // TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL.
    if (Array.isArray(rows) && rows.length === 2 && Array.isArray(rows[0]) && typeof rows[1] === 'number') return rows[1];
    return Array.isArray(rows) ? rows.length : 0;
  }
}
