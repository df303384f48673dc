import type { HistoricTask, HistoryEvent } from '../history/history-event';
import type { NotificationRecord } from './notifications';

/**
 * What an engine transaction changed about people's work, told to listeners only after it
 * committed (a rolled-back operation tells nobody). Inboxes and live views follow tasks with it;
 * it carries ids, groups and people, never case data.
 */
export interface CommittedChanges {
  tasks: TaskChange[];
  notifications: NotificationRecord[];
}

/** One task's change in a committed transaction. */
export interface TaskChange {
  kind: 'created' | 'assigned' | 'ended' | 'overdue';
  taskId: string;
  instanceId: string;
  tenantId: string | null;
  taskDefinitionKey: string;
  candidateGroups: string[];
  assignee: string | null;
  /** `assigned`: whom the task was assigned to before (null: nobody). */
  previousAssignee: string | null;
  /** `ended`: why (`completed`, `deleted`, …). */
  reason: string | null;
}

/** Called after every committed engine transaction that changed tasks or wrote notifications; must not throw. */
export type CommitListener = (changes: CommittedChanges) => void;

/** What is known of an open task by id (for overdue records, which carry only ids). */
export type OpenTaskLookup = (taskId: string) => Pick<HistoricTask, 'tenantId' | 'taskDefinitionKey' | 'candidateGroups' | 'assignee'> | undefined;

/**
 * The task changes of one transaction from its history records: the last record of each task
 * says where it ended up; `assigneesAtLoad` (task id → assignee when the transaction loaded its
 * instance) tells new tasks and changed assignees apart from other updates.
 */
export function taskChangesOf(history: readonly HistoryEvent[], assigneesAtLoad: ReadonlyMap<string, string | null>, openTask: OpenTaskLookup): TaskChange[] {
  const last = new Map<string, HistoricTask>();
  const overdue: TaskChange[] = [];
  for (const event of history) {
    if (event.kind === 'task') last.set(event.record.id, event.record);
  }
  for (const event of history) {
    if (event.kind !== 'task-overdue') continue;
    overdue.push({ ...base(event.record.id, event.record.processInstanceId, last.get(event.record.id) ?? openTask(event.record.id)), kind: 'overdue' });
  }
  const changes: TaskChange[] = [];
  for (const record of last.values()) {
    const known = assigneesAtLoad.has(record.id);
    const before = known ? (assigneesAtLoad.get(record.id) ?? null) : null;
    const change = base(record.id, record.processInstanceId, record);
    if (record.endTime !== null) changes.push({ ...change, kind: 'ended', reason: record.deleteReason, previousAssignee: before });
    else if (!known) changes.push({ ...change, kind: 'created' });
    else if (before !== record.assignee) changes.push({ ...change, kind: 'assigned', previousAssignee: before });
  }
  return [...changes, ...overdue];
}

function base(taskId: string, instanceId: string, record: ReturnType<OpenTaskLookup>): Omit<TaskChange, 'kind'> {
  return {
    taskId,
    instanceId,
    tenantId: record?.tenantId ?? null,
    taskDefinitionKey: record?.taskDefinitionKey ?? '',
    candidateGroups: record?.candidateGroups ?? [],
    assignee: record?.assignee ?? null,
    previousAssignee: null,
    reason: null,
  };
}
