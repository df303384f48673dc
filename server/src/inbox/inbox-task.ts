/** One task as the inbox shows it, built from a row of `INBOX_COLUMNS`. */
import type { BusinessCalendar } from '../../engine/calendar';

export interface InboxTask {
  id: string;
  name: string | null;
  processKey: string;
  processName: string | null;
  taskKey: string;
  businessKey: string | null;
  caseId: string;
  assignee: string | null;
  candidateGroups: string[];
  created: string;
  due: string | null;
  overdue: boolean;
  /** How long it has been overdue (ms of elapsed time); 0 when not overdue. */
  overdueForMs: number;
  priority: number;
  /** Working hours left until the due date on the organisation's calendar (negative once overdue); null without a due date. */
  workingHoursLeft: number | null;
}

const HOUR_MS = 3_600_000;

/** Working hours between now and `due`, to one decimal (negative when past). */
export function workingHoursLeft(calendar: BusinessCalendar, now: Date, due: Date): number {
  return Math.round((calendar.workingMillisBetween(now, due) / HOUR_MS) * 10) / 10;
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

export function toInboxTask(row: Record<string, unknown>, now: Date, processName: string | null, calendar: BusinessCalendar): InboxTask {
  const due = iso(row.due);
  const dueMs = due === null ? null : Date.parse(due);
  const overdue = dueMs !== null && dueMs < now.getTime();
  return {
    id: String(row.id),
    name: (row.name as string | null) ?? null,
    processKey: String(row.definition_key),
    processName,
    taskKey: String(row.task_definition_key),
    businessKey: (row.business_key as string | null) ?? null,
    caseId: String(row.instance_id),
    assignee: (row.assignee as string | null) ?? null,
    candidateGroups: (row.candidate_groups as string[] | null) ?? [],
    created: iso(row.created)!,
    due,
    overdue,
    overdueForMs: overdue ? now.getTime() - dueMs! : 0,
    priority: Number(row.priority),
    workingHoursLeft: dueMs === null ? null : workingHoursLeft(calendar, now, new Date(dueMs)),
  };
}
