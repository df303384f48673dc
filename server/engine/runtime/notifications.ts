import type { TaskState } from './state';
import type { Step } from './step';

/** Why someone is told about a task. */
export type NotificationKind = 'overdue' | 'escalation' | 'assignment';

/**
 * A message to a person or a group about a task, written in the same transaction as the step
 * that caused it. The title names only the task and the case's business key: never case data.
 */
export interface NotificationRecord {
  id: string;
  tenantId: string | null;
  /** Exactly one of user and group is set. */
  recipientUser: string | null;
  recipientGroup: string | null;
  kind: NotificationKind;
  taskId: string;
  instanceId: string;
  businessKey: string | null;
  title: string;
  created: string;
}

const PREFIX: Record<NotificationKind, string> = {
  overdue: 'Overdue',
  escalation: 'Escalated',
  assignment: 'Assigned to you',
};

/** The title of a notification: its kind, the task's name and the business key. */
export function notificationTitle(kind: NotificationKind, taskName: string, businessKey: string | null): string {
  return `${PREFIX[kind]}: ${taskName}${businessKey ? ` (${businessKey})` : ''}`;
}

/**
 * Notifies whoever a task belongs to: its assignee, or else each candidate user and group.
 * `onlyUser` notifies that user alone (assignment).
 */
export function notifyTask(step: Step, task: TaskState, kind: NotificationKind, onlyUser?: string): void {
  const recipients: { user: string | null; group: string | null }[] = onlyUser
    ? [{ user: onlyUser, group: null }]
    : task.assignee
      ? [{ user: task.assignee, group: null }]
      : [...task.candidateUsers.map((user) => ({ user, group: null })), ...task.candidateGroups.map((group) => ({ user: null, group }))];
  for (const recipient of recipients) {
    step.env.notifications.push({
      id: step.env.newId(),
      tenantId: step.instance.tenantId,
      recipientUser: recipient.user,
      recipientGroup: recipient.group,
      kind,
      taskId: task.id,
      instanceId: step.instance.id,
      businessKey: step.instance.businessKey,
      title: notificationTitle(kind, task.name ?? task.taskDefinitionKey, step.instance.businessKey),
      created: step.nowIso,
    });
  }
}
