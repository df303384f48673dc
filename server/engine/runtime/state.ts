/**
 * The state of one process instance ("case") as plain data.
 *
 * The runtime reads an `InstanceState`, applies one command to a working copy and hands the
 * new state back to the `CaseStore`, which persists it in one transaction (one row per entry of
 * each collection below, keyed by `id`) with an optimistic check on `version`.
 *
 * Every entry carries no framework types: dates are ISO-8601 strings, values are JSON.
 */

/** Camunda's variable types that Safepath stores. */
export type VariableType =
  | 'String'
  | 'Boolean'
  | 'Integer'
  | 'Long'
  | 'Short'
  | 'Double'
  | 'Date'
  | 'Json'
  | 'Object'
  | 'Null';

/** A typed value as the engine keeps it (`value` is JSON; Date values are ISO strings). */
export interface TypedValue {
  type: VariableType;
  value: unknown;
  /** Camunda's valueInfo, kept for round trips (e.g. objectTypeName, serializationDataFormat). */
  valueInfo?: Record<string, unknown>;
  /**
   * The value is sensitive: the model lists its variable in `safepath.sensitive`, or it was
   * copied from such a variable (call activity mappings). Stored encrypted; set by the engine on
   * the values it hands out so that adapters can redact them.
   */
  sensitive?: boolean;
}

export interface VariableState extends TypedValue {
  id: string;
  name: string;
  /** The scope (execution id) that owns the variable; the instance id for process-level variables. */
  scopeId: string;
  /** Set for task-local variables. */
  taskId: string | null;
}

/** What an execution is doing right now. */
export type ExecutionPhase =
  /** Holds a scope (process, subprocess, multi-instance body); does not move itself. */
  | 'scope'
  /** Waiting in an activity for something outside (task, message, external task, call). */
  | 'waiting'
  /** Arrived at a joining gateway and waits for the other branches. */
  | 'joining'
  /** Waiting at an event-based gateway for the first event. */
  | 'event-gateway';

/**
 * An execution is a token (or a scope holding tokens). The process instance itself is the root
 * execution, whose id equals the instance id, as in Camunda 7.
 */
export interface ExecutionState {
  id: string;
  /** The enclosing scope execution; null for the root. */
  parentId: string | null;
  /** The BPMN element the execution currently is at (or the scope element for scopes). */
  activityId: string | null;
  /** The activity instance id used in history and in Camunda's activity-instance tree. */
  activityInstanceId: string | null;
  phase: ExecutionPhase;
  /** Multi-instance bookkeeping, set on the body scope and on each inner instance. */
  loop?: LoopState;
  /** For a joining token: the sequence flow it arrived by. */
  arrivedBy?: string | null;
  /** A call activity's waiting execution: the instance it started. */
  calledInstanceId?: string | null;
  startTime: string;
}

export interface LoopState {
  /** On the multi-instance body: the number of instances. */
  nrOfInstances?: number;
  nrOfCompletedInstances?: number;
  nrOfActiveInstances?: number;
  /** On an inner instance: its index. */
  loopCounter?: number;
  /** Sequential multi-instance: the collection still to iterate (element values). */
  collection?: unknown[];
}

export interface TaskState {
  id: string;
  executionId: string;
  /** The user task's element id (Camunda's taskDefinitionKey). */
  taskDefinitionKey: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  priority: number;
  due: string | null;
  followUp: string | null;
  created: string;
  formKey: string | null;
  /** Camunda 7.15+ form reference (`camunda:formRef`). */
  formRef?: string | null;
  activityInstanceId: string;
}

export type SubscriptionType = 'message' | 'signal' | 'conditional';

export interface SubscriptionState {
  id: string;
  executionId: string;
  type: SubscriptionType;
  eventName: string;
  /** The catching element: a receive task, catch event, boundary event or event subprocess start. */
  activityId: string;
  created: string;
}

export type JobType = 'timer' | 'async-continuation';

/** A job is durable work for later (timers). The scheduler only wakes the engine up. */
export interface JobState {
  id: string;
  executionId: string;
  type: JobType;
  activityId: string;
  dueDate: string | null;
  /** Timer definition to compute the next occurrence for cycles. */
  config: Record<string, unknown>;
  retries: number;
  exceptionMessage: string | null;
  created: string;
}

export interface ExternalTaskState {
  id: string;
  executionId: string;
  activityId: string;
  activityInstanceId: string;
  topicName: string;
  priority: number;
  retries: number | null;
  errorMessage: string | null;
  errorDetails: string | null;
  workerId: string | null;
  lockExpirationTime: string | null;
  created: string;
}

export type IncidentType = 'failedJob' | 'failedExternalTask' | 'noMatchingFlow' | 'unhandledError' | 'engineError';

export interface IncidentState {
  id: string;
  executionId: string;
  activityId: string;
  type: IncidentType;
  message: string;
  /** Camunda's `configuration`: e.g. the job or external task id. */
  configuration: string | null;
  created: string;
}

/** The process instance: the root of every collection. */
export interface InstanceState {
  id: string;
  definitionId: string;
  definitionKey: string;
  tenantId: string | null;
  businessKey: string | null;
  /** Optimistic lock: incremented by every save. */
  version: number;
  state: 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';
  startTime: string;
  endTime: string | null;
  startActivityId: string | null;
  /** Set when started by a call activity: the calling instance and its waiting execution. */
  superInstanceId: string | null;
  superExecutionId: string | null;
  rootInstanceId: string;
  executions: ExecutionState[];
  variables: VariableState[];
  tasks: TaskState[];
  subscriptions: SubscriptionState[];
  jobs: JobState[];
  externalTasks: ExternalTaskState[];
  incidents: IncidentState[];
}

/** The collections of an instance that the store persists row by row. */
export const INSTANCE_COLLECTIONS = [
  'executions',
  'variables',
  'tasks',
  'subscriptions',
  'jobs',
  'externalTasks',
  'incidents',
] as const;
export type InstanceCollection = (typeof INSTANCE_COLLECTIONS)[number];

export function isEnded(state: InstanceState): boolean {
  return state.state === 'COMPLETED' || state.state.endsWith('TERMINATED');
}
