/**
 * The SQL of the inbox: one page of a view and the three counts. Pure builders, so the server
 * and `npm run bench:inbox` run exactly the same statements. Every statement is limited to what
 * the current caller may see (`restrictTasks`: organisation, and for staff their groups); the
 * server runs them inside the caller's row-level security scope as well.
 *
 * Order: overdue first, then due date ascending (no due date last), then priority descending.
 * Overdue means due before now, so "overdue first, then by due date" is simply due date
 * ascending: `ORDER BY t.due NULLS LAST, t.priority DESC, t.id`.
 *
 * - mine: `task_assignee` (assignee, due) walks in order;
 * - all: `task_due` (tenant, due) walks in order;
 * - team: for each of the caller's groups (and the caller by name) the first page of
 *   `task_offer` (who an unclaimed task is offered to, kept by a trigger on `task`) in the same
 *   order, merged; a walk of `task_offer_inbox` that stops after one page whatever the group's size
 *   (see migrations/1764000000006-Inbox.ts and docs/benchmarks.md).
 */
import { restrictToOrganisation, restrictTasks } from '../persistence/queries/visibility';
import { SqlWhere, limitOffset } from '../persistence/queries/sql-query';
import type { Caller } from '../security/caller';
import { currentDataScope } from '../security/request-context';

/** The inbox's views: assigned to me, offered to my groups (unclaimed), everything open (managers). */
export type InboxView = 'mine' | 'team' | 'all';
export const INBOX_VIEWS: readonly InboxView[] = ['mine', 'team', 'all'];

export type DueWindow = 'overdue' | 'today' | 'week';
export const DUE_WINDOWS: readonly DueWindow[] = ['overdue', 'today', 'week'];

export interface InboxFilter {
  processKey?: string;
  taskKey?: string;
  dueWithin?: DueWindow;
}

/** The instants a due window is measured from (the organisation's "now" and the end of its day). */
export interface DueBounds {
  now: Date;
  endOfToday: Date;
  endOfWeek: Date;
}

export interface SqlStatement {
  text: string;
  params: unknown[];
}

/** The columns an inbox row needs (InboxTask is built from them). */
export const INBOX_COLUMNS =
  't.id, t.name, t.definition_id, t.definition_key, t.task_definition_key, t.business_key, t.instance_id, t.assignee, t.candidate_groups, t.created, t.due, t.priority, t.tenant_id';

/** Whom the team view covers in `task_offer`: the caller's groups (`g:`) and the caller by name (`u:`). */
export function recipientsOf(caller: Caller): string[] {
  return [...caller.groups.map((g) => `g:${g}`), `u:${caller.userId}`];
}

/**
 * The team view's candidates: each recipient's first `depth` unclaimed offers in inbox order,
 * with the filters applied in the walk. Their union holds the view's first `depth` tasks.
 */
function addTeam(where: SqlWhere, caller: Caller, filter: InboxFilter, due: DueBounds, depth: number): void {
  const inner: string[] = ['o.recipient = r.recipient'];
  // The organisation filter of visibility.ts, inside the walk (so that it uses the index).
  const { tenantId } = currentDataScope();
  if (tenantId !== null) inner.push(`o.tenant_id = ${where.param(tenantId)}`);
  if (filter.processKey !== undefined) inner.push(`o.definition_key = ${where.param(filter.processKey)}`);
  if (filter.taskKey !== undefined) inner.push(`o.task_definition_key = ${where.param(filter.taskKey)}`);
  const before = dueBefore(filter, due);
  if (before) inner.push(`o.due < ${where.param(before)}`);
  where.add(
    `t.id IN (SELECT o.task_id FROM unnest(${where.param(recipientsOf(caller))}::text[]) AS r(recipient) CROSS JOIN LATERAL ` +
      `(SELECT o.task_id FROM task_offer o WHERE ${inner.join(' AND ')} ORDER BY o.due ASC NULLS LAST, o.priority DESC, o.task_id LIMIT ${where.param(depth)}) o)`,
  );
  where.add('t.assignee IS NULL');
}

function dueBefore(filter: InboxFilter, due: DueBounds): Date | null {
  if (filter.dueWithin === 'overdue') return due.now;
  if (filter.dueWithin === 'today') return due.endOfToday;
  if (filter.dueWithin === 'week') return due.endOfWeek;
  return null;
}

function addFilter(where: SqlWhere, filter: InboxFilter, due: DueBounds): void {
  where.eq('t.definition_key', filter.processKey).eq('t.task_definition_key', filter.taskKey);
  const before = dueBefore(filter, due);
  if (before) where.add(`t.due < ${where.param(before)}`);
}

/** One page of a view, in inbox order. */
export function inboxPageSql(caller: Caller, view: InboxView, filter: InboxFilter, due: DueBounds, page: { firstResult: number; maxResults: number }): SqlStatement {
  const where = restrictTasks(new SqlWhere(), 't');
  if (view === 'mine') where.add(`t.assignee = ${where.param(caller.userId)}`);
  if (view === 'team') addTeam(where, caller, filter, due, page.firstResult + page.maxResults);
  addFilter(where, filter, due);
  const paging = limitOffset(where, page);
  return { text: `SELECT ${INBOX_COLUMNS} FROM task t ${where.toSql()} ORDER BY t.due ASC NULLS LAST, t.priority DESC, t.id${paging}`, params: where.params };
}

/** How many tasks a view holds (without filters); the team view counts distinct offered tasks. */
export function inboxCountSql(caller: Caller, view: InboxView): SqlStatement {
  if (view === 'team') {
    const where = restrictToOrganisation(new SqlWhere(), 'o.tenant_id');
    where.add(`o.recipient = ANY(${where.param(recipientsOf(caller))}::text[])`);
    return { text: `SELECT count(DISTINCT o.task_id)::int AS count FROM task_offer o ${where.toSql()}`, params: where.params };
  }
  const where = restrictTasks(new SqlWhere(), 't');
  if (view === 'mine') where.add(`t.assignee = ${where.param(caller.userId)}`);
  return { text: `SELECT count(*)::int AS count FROM task t ${where.toSql()}`, params: where.params };
}
