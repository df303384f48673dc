import type { HistoryEvent } from '../history/history-event';
import type { NotificationRecord } from '../runtime/notifications';
import type { ExternalTaskState, InstanceState, TypedValue } from '../runtime/state';

/** A deployment: a named set of resources deployed together for one tenant. */
export interface DeploymentRecord {
  id: string;
  name: string | null;
  source: string | null;
  tenantId: string | null;
  deploymentTime: string;
}

export interface ResourceRecord {
  id: string;
  deploymentId: string;
  name: string;
  /** The resource text (BPMN/DMN XML, form JSON, ...). */
  content: string;
  checksum: string;
}

/** A deployed, versioned process definition. `id` is `key:version:uuid` as in Camunda 7. */
export interface DefinitionRecord {
  id: string;
  key: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  deploymentId: string;
  resourceName: string;
  tenantId: string | null;
  /** sha-256 of the process's resource: an unchanged resource does not create a new version. */
  checksum: string;
  startFormKey: string | null;
  suspended: boolean;
  historyTimeToLive: number | null;
}

/**
 * A deployed, versioned DMN decision (Camunda's decision definition). `id` is `key:version:uuid`;
 * versions count per key and tenant in deployment order, and an unchanged `.dmn` resource
 * (duplicate filtering) adds no version.
 */
export interface DecisionDefinitionRecord {
  id: string;
  /** The decision's id in the DMN XML. */
  key: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  deploymentId: string;
  resourceName: string;
  tenantId: string | null;
  /** Days, from `camunda:historyTimeToLive` (a whole number or `P<n>D`); null when not given. */
  historyTimeToLive: number | null;
}

/** A start event that a message or signal can trigger (kept for the latest version of each key). */
export interface StartEventSubscription {
  definitionId: string;
  definitionKey: string;
  tenantId: string | null;
  type: 'message' | 'signal';
  eventName: string;
  activityId: string;
}

export interface MessageSubscriptionFilter {
  messageName: string;
  businessKey?: string;
  processInstanceId?: string;
  /** Only instances of this tenant. */
  tenantId?: string;
  /** Only instances without tenant. */
  withoutTenantId?: boolean;
  /** Process-level variables the instance must have with equal values. */
  correlationKeys?: Record<string, TypedValue>;
}

export interface SubscriptionMatch {
  instanceId: string;
  subscriptionId: string;
  executionId: string;
  activityId: string;
}

export interface ExternalTaskLockRequest {
  workerId: string;
  maxTasks: number;
  usePriority: boolean;
  topics: { topicName: string; lockDuration: number; processDefinitionKey?: string; tenantIdIn?: string[] }[];
  now: Date;
}

export interface LockedExternalTask extends ExternalTaskState {
  processInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  businessKey: string | null;
  tenantId: string | null;
}

/**
 * A job that belongs to a definition rather than to a case: a timer start event. Firing it
 * starts a case and, for cycles, writes the next occurrence as a new job.
 */
export interface DefinitionJobRecord {
  id: string;
  definitionId: string;
  definitionKey: string;
  tenantId: string | null;
  /** The timer start event. */
  activityId: string;
  dueDate: string | null;
  /** `{ handler: 'timer-start', timerKind, repeat? }`, as for instance timers. */
  config: Record<string, unknown>;
  retries: number;
  exceptionMessage: string | null;
  created: string;
}

/** An incident of a definition-level job (Camunda's incident without a process instance). */
export interface DefinitionIncidentRecord {
  id: string;
  definitionId: string;
  activityId: string;
  message: string;
  /** The failed job's id. */
  configuration: string;
  created: string;
  tenantId: string | null;
}

/**
 * Where cases live. The engine runs each step inside `transaction`: everything the step read
 * and wrote commits together or not at all.
 */
export interface CaseStore {
  transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T>;
}

/**
 * What one transaction can do. Instances are loaded whole and saved whole; the store persists
 * only what changed and checks `version` so that of two concurrent steps on one instance exactly
 * one commits (the other throws an `EngineError` with code `OptimisticLock`).
 */
export interface CaseTransaction {
  // Deployments and definitions
  /**
   * Inserts a deployment with its resources and definitions. Start-event subscriptions of the
   * same key and tenant from older versions are replaced by the new ones (only the latest version
   * of a process starts on a message or signal). `decisions`: the DMN decisions it adds (default none).
   */
  insertDeployment(
    deployment: DeploymentRecord,
    resources: ResourceRecord[],
    definitions: DefinitionRecord[],
    startSubscriptions: StartEventSubscription[],
    decisions?: DecisionDefinitionRecord[],
  ): Promise<void>;
  findDeployment(id: string): Promise<DeploymentRecord | null>;
  findDefinitionById(id: string): Promise<DefinitionRecord | null>;
  /** The latest version of a key for a tenant (null tenant: definitions without tenant). */
  findLatestDefinition(key: string, tenantId: string | null): Promise<DefinitionRecord | null>;
  findDefinitionByVersion(key: string, tenantId: string | null, version: number): Promise<DefinitionRecord | null>;
  /** The highest version of a decision key for a tenant (null tenant: without tenant); 0 when none. */
  findLatestDecisionVersion(key: string, tenantId: string | null): Promise<number>;
  /** The checksum of the latest deployed resource of this name for a tenant (duplicate filtering). */
  findLatestResourceChecksum(name: string, tenantId: string | null, deploymentName?: string | null): Promise<string | null>;
  /** The resource text a definition was parsed from. */
  loadDefinitionResource(definitionId: string): Promise<string>;
  /** The latest version of each DMN resource (`*.dmn`) deployed for a tenant. */
  findLatestDecisionResources(tenantId: string | null): Promise<{ deploymentId: string; name: string; content: string }[]>;
  /** Every resource of a deployment (decisions and forms deployed with a process). */
  loadDeploymentResources(deploymentId: string): Promise<{ name: string; content: string }[]>;
  /** Start events of the latest definitions that a message or signal of this name starts. */
  findStartEventSubscriptions(type: 'message' | 'signal', eventName: string, tenantId?: string | null): Promise<StartEventSubscription[]>;
  /** Serialises deployments of one tenant so that versions are assigned without gaps or clashes. */
  lockDeployments(tenantId: string | null): Promise<void>;

  // Instances
  /** Loads an instance with all its collections; null when it does not exist (or has ended). */
  loadInstance(id: string): Promise<InstanceState | null>;
  /** Inserts a new instance (when it was not loaded in this transaction) or saves the changes. */
  saveInstance(state: InstanceState): Promise<void>;
  findInstanceIdByTask(taskId: string): Promise<string | null>;
  findInstanceIdByExternalTask(externalTaskId: string): Promise<string | null>;
  findInstanceIdByJob(jobId: string): Promise<string | null>;
  findMessageSubscriptions(filter: MessageSubscriptionFilter): Promise<SubscriptionMatch[]>;
  findSignalSubscriptions(signalName: string, tenantId?: string | null): Promise<SubscriptionMatch[]>;
  /** Locks up to `maxTasks` unlocked (or expired) external tasks of the topics for a worker. */
  lockExternalTasks(request: ExternalTaskLockRequest): Promise<LockedExternalTask[]>;

  // Definition-level jobs (timer start events)
  /** A definition-level job, locked for this transaction; null when there is none with this id. */
  findDefinitionJob(id: string): Promise<DefinitionJobRecord | null>;
  /** Ids of the definition-level jobs of every version of a key for a tenant. */
  findDefinitionJobIds(key: string, tenantId: string | null): Promise<string[]>;
  insertDefinitionJobs(jobs: DefinitionJobRecord[]): Promise<void>;
  /** Saves due date, retries and exception message of a definition-level job. */
  updateDefinitionJob(job: DefinitionJobRecord): Promise<void>;
  /** Deletes definition-level jobs and their incidents. */
  deleteDefinitionJobs(ids: string[]): Promise<void>;
  insertDefinitionIncident(incident: DefinitionIncidentRecord): Promise<void>;
  /** Removes the incidents of a definition-level job (its retries were set again). */
  deleteDefinitionIncidents(jobId: string): Promise<void>;

  // Notifications
  /** Stores notifications written by a step (same transaction as the step). */
  insertNotifications(notifications: NotificationRecord[]): Promise<void>;

  // History
  appendHistory(events: HistoryEvent[]): Promise<void>;
}
