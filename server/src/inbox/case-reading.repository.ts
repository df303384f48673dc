/**
 * Reads about one case for the task page and the case view: its key facts, its history of steps,
 * and the open tasks of its case tree. Everything is limited to the cases the caller may see
 * (`restrictCases`) and runs in the caller's row-level security scope.
 */
import { Injectable } from '@nestjs/common';
import { SqlWhere } from '../persistence/queries/sql-query';
import { restrictCases } from '../persistence/queries/visibility';
import { ScopedDataSource } from '../persistence/tenant-scope';

export interface HistoryStep {
  activityId: string;
  activityName: string | null;
  activityType: string;
  assignee: string | null;
  start: string;
  end: string | null;
  durationMs: number | null;
  due: string | null;
  /** Tasks with a due date: done by it (or still open and not yet due); null for steps without a deadline. */
  onTime: boolean | null;
  taskId: string | null;
  canceled: boolean;
}

export interface KeyFact {
  label: string;
  value: string;
}

/** Steps that tell the story of a case (gateways and multi-instance bodies are bookkeeping). */
const HIDDEN_TYPES = ['exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway', 'multiInstanceBody'];

/** How many key facts the summary shows at most. */
export const MAX_KEY_FACTS = 6;

/** `contactType` → `Contact type`. */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function iso(value: unknown): string | null {
  return value === null || value === undefined ? null : (value as Date).toISOString();
}

/**
 * Whether a step with a deadline met it: completed by the due date, or still open and not yet
 * due; a step cancelled before its due date counts neither way (null), after it as missed.
 */
export function onTimeOf(due: Date | null, end: Date | null, completed: boolean, now: Date): boolean | null {
  if (due === null) return null;
  if (end === null) return now.getTime() <= due.getTime();
  if (completed) return end.getTime() <= due.getTime();
  return end.getTime() <= due.getTime() ? null : false;
}

function stepOf(r: Record<string, unknown>): Omit<HistoryStep, 'due' | 'onTime'> {
  return {
    activityId: String(r.activity_id),
    activityName: (r.activity_name as string | null) ?? null,
    activityType: String(r.activity_type),
    assignee: (r.assignee as string | null) ?? null,
    start: iso(r.start_time)!,
    end: iso(r.end_time),
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    taskId: (r.task_id as string | null) ?? null,
    canceled: r.canceled === true,
  };
}

@Injectable()
export class CaseReadingRepository {
  constructor(private readonly db: ScopedDataSource) {}

  /**
   * The first few non-sensitive text and yes/no variables of a case, in the order they were set
   * (processes/README.md names no key-facts property, so this is the convention). `hidden` names
   * more variables to leave out (the model's sensitive ones, in case a row predates the flag).
   */
  async keyFacts(instanceId: string, hidden: ReadonlySet<string>): Promise<KeyFact[]> {
    const where = restrictCases(new SqlWhere(), 'v.tenant_id', 'v.instance_id');
    where.add(`v.instance_id = ${where.param(instanceId)}`);
    where.add('v.scope_id = v.instance_id AND v.task_id IS NULL AND NOT v.sensitive');
    where.add(`v.type IN ('String', 'Boolean')`);
    const rows: { name: string; type: string; value: unknown }[] = await this.db.query(
      `SELECT v.name, v.type, v.value FROM variable v ${where.toSql()} ORDER BY v.seq LIMIT 50`,
      where.params,
    );
    return rows
      .filter((r) => !hidden.has(r.name) && r.value !== null && r.value !== '')
      .slice(0, MAX_KEY_FACTS)
      .map((r) => ({ label: labelOf(r.name), value: r.type === 'Boolean' ? (r.value === true ? 'Yes' : 'No') : String(r.value).slice(0, 200) }));
  }

  /** Every step of a case so far, oldest first, with who did it, how long it took and whether it met its deadline. */
  async history(instanceId: string, now: Date): Promise<HistoryStep[]> {
    const where = restrictCases(new SqlWhere(), 'a.tenant_id', 'a.instance_id');
    where.add(`a.instance_id = ${where.param(instanceId)}`);
    where.add(`a.activity_type <> ALL(${where.param(HIDDEN_TYPES)}::text[])`);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT a.activity_id, a.activity_name, a.activity_type, coalesce(ht.assignee, a.assignee) AS assignee, a.start_time, a.end_time,
              a.duration_ms, a.task_id, a.canceled, ht.due, ht.end_time AS task_end, ht.delete_reason
         FROM hi_activity_instance a LEFT JOIN hi_task ht ON ht.id = a.task_id
        ${where.toSql()}
        ORDER BY a.start_time, a.seq`,
      where.params,
    );
    return rows.map((r) => {
      const due = r.due as Date | null;
      const end = r.task_end as Date | null;
      return { ...stepOf(r), due: iso(due), onTime: onTimeOf(due, end, r.delete_reason === 'completed', now) };
    });
  }

  /** The root case of a case (itself when it was not called by another), or null when it is not visible or has ended. */
  async rootOf(instanceId: string): Promise<string | null> {
    const where = restrictCases(new SqlWhere(), 'pi.tenant_id', 'pi.id');
    where.add(`pi.id = ${where.param(instanceId)}`);
    const rows: { root: string }[] = await this.db.query(`SELECT pi.root_instance_id AS root FROM process_instance pi ${where.toSql()}`, where.params);
    return rows[0]?.root ?? null;
  }

  /** Open tasks of a case tree (a case and the cases it called), oldest first; the organisation's scope only. */
  async openTasksOfTree(rootInstanceId: string): Promise<{ id: string; name: string | null; candidateGroups: string[]; assignee: string | null }[]> {
    const rows: { id: string; name: string | null; candidate_groups: string[]; assignee: string | null }[] = await this.db.query(
      `SELECT t.id, t.name, t.candidate_groups, t.assignee FROM task t JOIN process_instance p ON p.id = t.instance_id
        WHERE p.root_instance_id = $1 ORDER BY t.created, t.id`,
      [rootInstanceId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, candidateGroups: r.candidate_groups, assignee: r.assignee }));
  }
}
