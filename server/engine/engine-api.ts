import type { DefinitionRecord, DeploymentRecord, LockedExternalTask } from './ports/case-store';
import type { TypedValue } from './runtime/state';

/** Variables as the engine's callers pass them: name → typed value. */
export type VariableMap = Record<string, TypedValue>;

export interface DeployInput {
  name?: string | null;
  source?: string | null;
  tenantId?: string | null;
  /** Skip resources whose content is unchanged since the last deployment of the same name. */
  duplicateFiltering?: boolean;
  resources: { name: string; content: string }[];
}

export interface DeployResult {
  deployment: DeploymentRecord;
  /** Definitions created by this deployment (unchanged ones are not repeated). */
  definitions: DefinitionRecord[];
}

export interface StartInput {
  definitionId?: string;
  definitionKey?: string;
  tenantId?: string | null;
  businessKey?: string | null;
  variables?: VariableMap;
  /** Start at a message/none start event with this id (defaults to the none start event). */
  startActivityId?: string;
}

export interface InstanceSummary {
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  tenantId: string | null;
  ended: boolean;
  suspended: boolean;
}

export interface StartResult {
  instance: InstanceSummary;
  /** The instance's process-level variables after the start step (for withVariablesInReturn). */
  variables: VariableMap;
}

export interface CorrelateInput {
  messageName: string;
  businessKey?: string;
  processInstanceId?: string;
  tenantId?: string;
  withoutTenantId?: boolean;
  correlationKeys?: VariableMap;
  processVariables?: VariableMap;
  processVariablesLocal?: VariableMap;
  /** Correlate to every matching subscription instead of exactly one. */
  all?: boolean;
}

export interface CorrelationResult {
  resultType: 'Execution' | 'ProcessDefinition';
  processInstance: InstanceSummary;
  executionId: string | null;
}

export interface SignalInput {
  name: string;
  tenantId?: string;
  withoutTenantId?: boolean;
  executionId?: string;
  variables?: VariableMap;
}

export interface FetchAndLockInput {
  workerId: string;
  maxTasks: number;
  usePriority?: boolean;
  topics: { topicName: string; lockDuration: number; variables?: string[]; localVariables?: boolean; processDefinitionKey?: string; tenantIdIn?: string[] }[];
}

export interface LockedExternalTaskWithVariables extends LockedExternalTask {
  variables: VariableMap;
}

export interface ExternalTaskFailureInput {
  workerId: string;
  errorMessage?: string | null;
  errorDetails?: string | null;
  retries?: number;
  retryTimeout?: number;
}

/** Who did an operation on a case and why (Camunda 7's user operation log with its annotation). */
export interface OperationNote {
  /** The person who did it. */
  userId: string;
  /** Why, in their words; null when they gave no reason. */
  annotation: string | null;
}

/** Options of the commands a person may take on a case. */
export interface OperationOptions {
  /**
   * When given, the command appends a `user-operation` history event in its own transaction, so
   * that the change and its reason commit together or not at all. Default: nothing is recorded.
   */
  operation?: OperationNote;
}

/**
 * The engine's public operations. Every mutating call is one transaction on the `CaseStore`:
 * it commits whole or throws an `EngineError` with nothing written.
 */
export interface EngineApi {
  deploy(input: DeployInput): Promise<DeployResult>;
  startProcessInstance(input: StartInput): Promise<StartResult>;
  deleteProcessInstance(instanceId: string, reason?: string | null, options?: OperationOptions): Promise<void>;
  setVariables(instanceId: string, modifications: VariableMap, deletions?: string[]): Promise<void>;

  completeTask(taskId: string, variables?: VariableMap): Promise<VariableMap>;
  claimTask(taskId: string, userId: string): Promise<void>;
  unclaimTask(taskId: string): Promise<void>;
  setAssignee(taskId: string, userId: string | null, actorId?: string | null, options?: OperationOptions): Promise<void>;
  setTaskVariables(taskId: string, modifications: VariableMap, deletions?: string[]): Promise<void>;

  correlateMessage(input: CorrelateInput): Promise<CorrelationResult[]>;
  throwSignal(input: SignalInput): Promise<void>;

  fetchAndLock(input: FetchAndLockInput): Promise<LockedExternalTaskWithVariables[]>;
  completeExternalTask(id: string, workerId: string, variables?: VariableMap, localVariables?: VariableMap): Promise<void>;
  failExternalTask(id: string, input: ExternalTaskFailureInput): Promise<void>;
  bpmnErrorExternalTask(id: string, workerId: string, errorCode: string, errorMessage?: string | null, variables?: VariableMap): Promise<void>;
  unlockExternalTask(id: string): Promise<void>;
  extendExternalTaskLock(id: string, workerId: string, newDuration: number): Promise<void>;

  /** Fires a job (a timer) now, whatever its due date. */
  executeJob(jobId: string): Promise<void>;
}
