/**
 * The SQL of the manager dashboard. Pure builders, shared by the server and
 * `npm run bench:inbox`, each limited to what the current caller may see (visibility.ts) and run
 * by the server inside the caller's row-level security scope.
 *
 * - `openWorkSql`: one pass over the open tasks, grouped by process, step, assignee and groups;
 *   the service folds it into "by process / step / team / person" (a few hundred rows at most).
 * - `complianceSql`: deadline compliance of timed steps per month, from `hi_task`.
 * - `longestWaitingSql`, `heatmapSql`, `casesAtStepSql`: the rest of the dashboard.
 */
import { DateTime } from 'luxon';
import { restrictCases, restrictTasks } from '../persistence/queries/visibility';
import { SqlWhere } from '../persistence/queries/sql-query';
import type { SqlStatement } from '../inbox/inbox-query';

/** Open tasks grouped finely enough to derive every breakdown of the dashboard. */
export function openWorkSql(now: Date): SqlStatement {
  const where = restrictTasks(new SqlWhere(), 't');
  const at = where.param(now);
  return {
    text: `SELECT t.definition_key, t.task_definition_key, t.assignee, t.candidate_groups,
                  count(*)::int AS open,
                  count(*) FILTER (WHERE t.due < ${at})::int AS overdue,
                  min(t.due) FILTER (WHERE t.due < ${at}) AS oldest_due
             FROM task t ${where.toSql()}
            GROUP BY t.definition_key, t.task_definition_key, t.assignee, t.candidate_groups`,
    params: where.params,
  };
}

/** Months of compliance trend, the current one included. */
export const TREND_MONTHS = 6;

/** The first instants of the last `count` months (this one included) in `zone`, and the end of this month. */
export function complianceWindow(now: Date, zone: string, count: number): { monthStarts: Date[]; labels: string[]; until: Date } {
  const thisMonth = DateTime.fromJSDate(now, { zone }).startOf('month');
  const months = Array.from({ length: count }, (_, i) => thisMonth.minus({ months: count - 1 - i }));
  return { monthStarts: months.map((m) => m.toJSDate()), labels: months.map((m) => m.toFormat('yyyy-MM')), until: thisMonth.plus({ months: 1 }).toJSDate() };
}

/**
 * Met and missed deadlines of timed steps (tasks with a due date) per month of the due date:
 * `monthStarts` are the first instants of the months wanted (the organisation's calendar),
 * `until` the end of the last; `month` is the month's number in `monthStarts` (1 = first).
 * Met: completed by the due date. Missed: went overdue (`overdue_at`), completed after the due
 * date, or still open past it. A task cancelled before its due date counts neither way; one still
 * open and not yet due is not counted yet. Served from `hi_task_compliance` alone.
 */
export function complianceSql(now: Date, monthStarts: readonly Date[], until: Date): SqlStatement {
  const where = restrictTasks(new SqlWhere(), 't', { candidateUsers: false });
  const at = where.param(now);
  const months = where.param(monthStarts);
  where.add('t.due IS NOT NULL');
  where.add(`t.due >= ${where.param(monthStarts[0])}`);
  where.add(`t.due < ${where.param(until)}`);
  where.add(`(t.end_time IS NOT NULL OR t.due < ${at})`);
  // Never NULL (an open task has no end time), so that NOT (met) is true for it.
  const met = `t.delete_reason IS NOT DISTINCT FROM 'completed' AND t.end_time IS NOT NULL AND t.end_time <= t.due`;
  const missed = `t.overdue_at IS NOT NULL OR (t.end_time IS NULL AND t.due < ${at}) OR (t.delete_reason = 'completed' AND t.end_time > t.due)`;
  return {
    text: `SELECT t.definition_key, t.task_definition_key, width_bucket(t.due, ${months}::timestamptz[]) AS month,
                  count(*) FILTER (WHERE ${met})::int AS met,
                  count(*) FILTER (WHERE NOT (${met}) AND (${missed}))::int AS missed
             FROM hi_task t ${where.toSql()}
            GROUP BY 1, 2, 3`,
    params: where.params,
  };
}

/** The open tasks that have waited longest (oldest first), with their case's business key. */
export function longestWaitingSql(limit: number): SqlStatement {
  const where = restrictTasks(new SqlWhere(), 't');
  return {
    text: `SELECT t.instance_id, t.business_key, t.definition_id, t.definition_key, t.name, t.task_definition_key, t.created
             FROM task t ${where.toSql()} ORDER BY t.created ASC, t.id LIMIT ${where.param(limit)}`,
    params: where.params,
  };
}

/**
 * Per activity of a process: the tokens resting there (tasks, messages, timers, calls: the
 * executions that are not scopes) and the overdue tasks. Two grouped scans added up, so that no
 * task is looked up per token.
 */
export function heatmapSql(processKey: string, now: Date): SqlStatement {
  const tokens = restrictCases(new SqlWhere(), 'pi.tenant_id', 'pi.id');
  tokens.add(`pi.definition_key = ${tokens.param(processKey)}`);
  tokens.add(`e.phase <> 'scope'`);
  // The second half's placeholders continue the first's: one parameter list for the statement.
  const tasks = new SqlWhere();
  tasks.params.push(...tokens.params);
  restrictTasks(tasks, 't');
  tasks.add(`t.definition_key = ${tasks.param(processKey)}`);
  const at = tasks.param(now);
  return {
    text: `SELECT activity_id, sum(active)::int AS active, sum(overdue)::int AS overdue FROM (
             SELECT e.activity_id, count(*) AS active, 0 AS overdue
               FROM execution e JOIN process_instance pi ON pi.id = e.instance_id ${tokens.toSql()} GROUP BY e.activity_id
             UNION ALL
             SELECT t.task_definition_key, 0, count(*) FILTER (WHERE t.due < ${at})
               FROM task t ${tasks.toSql()} GROUP BY t.task_definition_key
           ) counts GROUP BY activity_id ORDER BY activity_id`,
    params: tasks.params,
  };
}

/** The cases resting at one activity of a process, most overdue first. */
export function casesAtStepSql(processKey: string, activityId: string, limit: number): SqlStatement {
  const where = restrictCases(new SqlWhere(), 'pi.tenant_id', 'pi.id');
  where.add(`pi.definition_key = ${where.param(processKey)}`);
  where.add(`e.activity_id = ${where.param(activityId)}`);
  where.add(`e.phase <> 'scope'`);
  return {
    text: `SELECT pi.id AS instance_id, pi.business_key, e.start_time, t.id AS task_id, t.name AS task_name, t.assignee, t.candidate_groups, t.due
             FROM execution e
             JOIN process_instance pi ON pi.id = e.instance_id
             LEFT JOIN task t ON t.execution_id = e.id AND t.instance_id = e.instance_id
            ${where.toSql()}
            ORDER BY t.due ASC NULLS LAST, e.start_time ASC, e.id
            LIMIT ${where.param(limit)}`,
    params: where.params,
  };
}
