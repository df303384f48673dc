/**
 * History records the runtime emits with every step. The store upserts each record by `id`
 * in the same transaction as the step (runtime/history split after Camunda 7).
 */

export interface HistoricProcessInstance {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number | null;
  processDefinitionName: string | null;
  tenantId: string | null;
  startTime: string;
  endTime: string | null;
  durationInMillis: number | null;
  startActivityId: string | null;
  endActivityId: string | null;
  superProcessInstanceId: string | null;
  rootProcessInstanceId: string;
  deleteReason: string | null;
  state: 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';
}

export interface HistoricActivityInstance {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceId: string;
  executionId: string;
  taskId: string | null;
  calledProcessInstanceId: string | null;
  assignee: string | null;
  startTime: string;
  endTime: string | null;
  durationInMillis: number | null;
  canceled: boolean;
  completeScope: boolean;
  tenantId: string | null;
}

export interface HistoricTask {
  id: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceId: string;
  executionId: string;
  activityInstanceId: string;
  taskDefinitionKey: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  candidateGroups: string[];
  priority: number;
  due: string | null;
  followUp: string | null;
  startTime: string;
  endTime: string | null;
  durationInMillis: number | null;
  deleteReason: string | null;
  tenantId: string | null;
}

export interface HistoricVariable {
  /** The runtime variable id: one historic variable per runtime variable, holding its latest value. */
  id: string;
  name: string;
  type: string;
  value: unknown;
  valueInfo?: Record<string, unknown>;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceId: string;
  executionId: string;
  activityInstanceId: string | null;
  taskId: string | null;
  tenantId: string | null;
  createTime: string;
  /** The time of this change (the variable's detail row). */
  time: string;
  state: 'CREATED' | 'DELETED';
  sensitive?: boolean;
}

export interface HistoricIncident {
  id: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceId: string;
  executionId: string;
  activityId: string;
  incidentType: string;
  incidentMessage: string;
  configuration: string | null;
  createTime: string;
  endTime: string | null;
  open: boolean;
  resolved: boolean;
  deleted: boolean;
  tenantId: string | null;
}

/** A user task passed its due date while open: when it became overdue (for dashboards and compliance figures). */
export interface HistoricTaskOverdue {
  /** The task id. */
  id: string;
  processInstanceId: string;
  overdueAt: string;
}

/** Camunda 7's names of the operations a person's command records (`operationType` of its user operation log). */
export type UserOperationType = 'Assign' | 'SetDueDate' | 'Delete' | 'SetJobRetries';

/**
 * A person's operation on a case and why they did it (Camunda 7's user operation log entry with
 * its annotation). Written only when the command is given an operation note, in the command's own
 * transaction: the change and its reason commit together or not at all. Appended, never updated.
 */
export interface UserOperationLogEntry {
  id: string;
  operationType: UserOperationType;
  tenantId: string | null;
  /** The instance the operation changed: the task's or job's instance, or the cancelled one. */
  processInstanceId: string;
  rootProcessInstanceId: string;
  taskId: string | null;
  jobId: string | null;
  userId: string;
  /** Free text about the case: stores keep it as sensitive data. */
  annotation: string | null;
  timestamp: string;
}

export type HistoryEvent =
  | { kind: 'process-instance'; record: HistoricProcessInstance }
  | { kind: 'task-overdue'; record: HistoricTaskOverdue }
  | { kind: 'activity-instance'; record: HistoricActivityInstance }
  | { kind: 'task'; record: HistoricTask }
  | { kind: 'variable'; record: HistoricVariable }
  | { kind: 'incident'; record: HistoricIncident }
  | { kind: 'user-operation'; record: UserOperationLogEntry };
