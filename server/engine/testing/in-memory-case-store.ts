import { EngineError, EngineErrorCode } from '../engine-error';
import type { HistoryEvent } from '../history/history-event';
import type {
  CaseStore,
  CaseTransaction,
  DecisionDefinitionRecord,
  DefinitionIncidentRecord,
  DefinitionJobRecord,
  DefinitionRecord,
  DeploymentRecord,
  ExternalTaskLockRequest,
  LockedExternalTask,
  MessageSubscriptionFilter,
  ResourceRecord,
  StartEventSubscription,
  SubscriptionMatch,
} from '../ports/case-store';
import type { NotificationRecord } from '../runtime/notifications';
import type { InstanceState } from '../runtime/state';
import { isEnded } from '../runtime/state';

interface Data {
  deployments: Map<string, DeploymentRecord>;
  resources: ResourceRecord[];
  definitions: Map<string, DefinitionRecord>;
  decisions: DecisionDefinitionRecord[];
  starts: StartEventSubscription[];
  instances: Map<string, InstanceState>;
  history: Map<string, HistoryEvent>;
  /** Each history record's place in the order records were first written (as `hi_activity_instance.seq`). */
  historyOrder: Map<string, number>;
  definitionJobs: Map<string, DefinitionJobRecord>;
  definitionIncidents: DefinitionIncidentRecord[];
  notifications: NotificationRecord[];
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * A `CaseStore` in memory, for the engine's unit specs: the same contract as PostgreSQL
 * (all-or-nothing transactions, optimistic version check), without a database.
 */
export class InMemoryCaseStore implements CaseStore {
  data: Data = {
    deployments: new Map(),
    resources: [],
    definitions: new Map(),
    decisions: [],
    starts: [],
    instances: new Map(),
    history: new Map(),
    historyOrder: new Map(),
    definitionJobs: new Map(),
    definitionIncidents: [],
    notifications: [],
  };

  async transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    const working = clone(this.data);
    const loadedVersions = new Map<string, number>();
    const tx = new InMemoryTransaction(working, loadedVersions);
    const result = await work(tx);
    for (const [id, version] of loadedVersions) {
      const committed = this.data.instances.get(id);
      if (version > 0 && committed && committed.version !== version) {
        throw new EngineError(EngineErrorCode.OptimisticLock, `Process instance ${id} was changed by someone else.`);
      }
    }
    this.data = working;
    return result;
  }

  /** History records of one kind, for assertions. */
  historyOf<K extends HistoryEvent['kind']>(kind: K): Extract<HistoryEvent, { kind: K }>['record'][] {
    return [...this.data.history.values()].filter((e) => e.kind === kind).map((e) => e.record) as never;
  }

  /**
   * History records of one kind in the order they were first written: for activities, the order
   * they started in, which one engine step's shared timestamp cannot tell.
   */
  historyInWrittenOrder<K extends HistoryEvent['kind']>(kind: K): Extract<HistoryEvent, { kind: K }>['record'][] {
    const order = this.data.historyOrder;
    return [...this.data.history.entries()]
      .filter(([, e]) => e.kind === kind)
      .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
      .map(([, e]) => e.record) as never;
  }
}

class InMemoryTransaction implements CaseTransaction {
  constructor(
    private readonly d: Data,
    private readonly loadedVersions: Map<string, number>,
  ) {}

  async insertDeployment(
    deployment: DeploymentRecord,
    resources: ResourceRecord[],
    definitions: DefinitionRecord[],
    starts: StartEventSubscription[],
    decisions: DecisionDefinitionRecord[] = [],
  ): Promise<void> {
    this.d.deployments.set(deployment.id, deployment);
    this.d.resources.push(...resources);
    this.d.decisions.push(...decisions);
    for (const definition of definitions) {
      this.d.definitions.set(definition.id, definition);
      this.d.starts = this.d.starts.filter((s) => !(s.definitionKey === definition.key && s.tenantId === definition.tenantId));
    }
    this.d.starts.push(...starts);
  }
  async findDeployment(id: string) {
    return this.d.deployments.get(id) ?? null;
  }
  async findDefinitionById(id: string) {
    return this.d.definitions.get(id) ?? null;
  }
  async findLatestDefinition(key: string, tenantId: string | null) {
    const all = [...this.d.definitions.values()].filter((x) => x.key === key && x.tenantId === tenantId);
    return all.sort((a, b) => b.version - a.version)[0] ?? null;
  }
  async findDefinitionByVersion(key: string, tenantId: string | null, version: number) {
    return [...this.d.definitions.values()].find((x) => x.key === key && x.tenantId === tenantId && x.version === version) ?? null;
  }
  async findLatestDecisionVersion(key: string, tenantId: string | null) {
    return Math.max(0, ...this.d.decisions.filter((x) => x.key === key && x.tenantId === tenantId).map((x) => x.version));
  }
  async findLatestResourceChecksum(name: string, tenantId: string | null, deploymentName: string | null = null) {
    const matching = this.d.resources.filter((r) => {
      const deployment = this.d.deployments.get(r.deploymentId);
      return r.name === name && deployment?.tenantId === tenantId && (deploymentName === null || deployment?.name === deploymentName);
    });
    return matching.at(-1)?.checksum ?? null;
  }
  async findLatestDecisionResources(tenantId: string | null) {
    const latest = new Map<string, { deploymentId: string; name: string; content: string }>();
    for (const r of this.d.resources) {
      if (/\.dmn$/i.test(r.name) && this.d.deployments.get(r.deploymentId)?.tenantId === tenantId) {
        latest.set(r.name, { deploymentId: r.deploymentId, name: r.name, content: r.content });
      }
    }
    return [...latest.values()];
  }
  async loadDeploymentResources(deploymentId: string) {
    return this.d.resources.filter((r) => r.deploymentId === deploymentId).map((r) => ({ name: r.name, content: r.content }));
  }
  async loadDefinitionResource(definitionId: string) {
    const definition = this.d.definitions.get(definitionId)!;
    return this.d.resources.find((r) => r.deploymentId === definition.deploymentId && r.name === definition.resourceName)!.content;
  }
  async findStartEventSubscriptions(type: 'message' | 'signal', eventName: string, tenantId?: string | null) {
    return this.d.starts.filter((s) => s.type === type && s.eventName === eventName && (tenantId === undefined || s.tenantId === tenantId));
  }
  async lockDeployments(): Promise<void> {}

  async loadInstance(id: string) {
    const state = this.d.instances.get(id);
    if (!state) return null;
    if (!this.loadedVersions.has(id)) this.loadedVersions.set(id, state.version);
    return clone(state);
  }
  async saveInstance(state: InstanceState): Promise<void> {
    if (!this.loadedVersions.has(state.id)) this.loadedVersions.set(state.id, 0);
    state.version += 1;
    if (isEnded(state)) this.d.instances.delete(state.id);
    else this.d.instances.set(state.id, clone(state));
  }
  private find(predicate: (s: InstanceState) => boolean): string | null {
    return [...this.d.instances.values()].find(predicate)?.id ?? null;
  }
  async findInstanceIdByTask(taskId: string) {
    return this.find((s) => s.tasks.some((t) => t.id === taskId));
  }
  async findInstanceIdByExternalTask(id: string) {
    return this.find((s) => s.externalTasks.some((t) => t.id === id));
  }
  async findInstanceIdByJob(id: string) {
    return this.find((s) => s.jobs.some((t) => t.id === id));
  }
  async findMessageSubscriptions(filter: MessageSubscriptionFilter): Promise<SubscriptionMatch[]> {
    const result: SubscriptionMatch[] = [];
    for (const s of this.d.instances.values()) {
      if (filter.businessKey !== undefined && s.businessKey !== filter.businessKey) continue;
      if (filter.processInstanceId !== undefined && s.id !== filter.processInstanceId) continue;
      if (filter.tenantId !== undefined && s.tenantId !== filter.tenantId) continue;
      if (filter.withoutTenantId && s.tenantId !== null) continue;
      const keys = Object.entries(filter.correlationKeys ?? {});
      if (!keys.every(([name, typed]) => s.variables.some((v) => v.scopeId === s.id && v.name === name && JSON.stringify(v.value) === JSON.stringify(typed.value)))) continue;
      for (const sub of s.subscriptions) {
        if (sub.type === 'message' && sub.eventName === filter.messageName) {
          result.push({ instanceId: s.id, subscriptionId: sub.id, executionId: sub.executionId, activityId: sub.activityId });
        }
      }
    }
    return result;
  }
  async findSignalSubscriptions(signalName: string, tenantId?: string | null): Promise<SubscriptionMatch[]> {
    const result: SubscriptionMatch[] = [];
    for (const s of this.d.instances.values()) {
      if (tenantId !== undefined && s.tenantId !== tenantId) continue;
      for (const sub of s.subscriptions) {
        if (sub.type === 'signal' && sub.eventName === signalName) {
          result.push({ instanceId: s.id, subscriptionId: sub.id, executionId: sub.executionId, activityId: sub.activityId });
        }
      }
    }
    return result;
  }
  async lockExternalTasks(request: ExternalTaskLockRequest): Promise<LockedExternalTask[]> {
    const result: LockedExternalTask[] = [];
    for (const s of this.d.instances.values()) {
      for (const task of s.externalTasks) {
        const topic = request.topics.find((t) => t.topicName === task.topicName);
        const free = !task.lockExpirationTime || Date.parse(task.lockExpirationTime) <= request.now.getTime();
        if (!topic || !free || task.retries === 0 || result.length >= request.maxTasks) continue;
        task.workerId = request.workerId;
        task.lockExpirationTime = new Date(request.now.getTime() + topic.lockDuration).toISOString();
        result.push({ ...clone(task), processInstanceId: s.id, processDefinitionId: s.definitionId, processDefinitionKey: s.definitionKey, businessKey: s.businessKey, tenantId: s.tenantId });
      }
    }
    return result;
  }
  async findDefinitionJob(id: string) {
    const job = this.d.definitionJobs.get(id);
    return job ? clone(job) : null;
  }
  async findDefinitionJobIds(key: string, tenantId: string | null) {
    return [...this.d.definitionJobs.values()].filter((j) => j.definitionKey === key && j.tenantId === tenantId).map((j) => j.id);
  }
  async insertDefinitionJobs(jobs: DefinitionJobRecord[]): Promise<void> {
    for (const job of jobs) this.d.definitionJobs.set(job.id, clone(job));
  }
  async updateDefinitionJob(job: DefinitionJobRecord): Promise<void> {
    if (this.d.definitionJobs.has(job.id)) this.d.definitionJobs.set(job.id, clone(job));
  }
  async deleteDefinitionJobs(ids: string[]): Promise<void> {
    for (const id of ids) this.d.definitionJobs.delete(id);
    this.d.definitionIncidents = this.d.definitionIncidents.filter((i) => !ids.includes(i.configuration));
  }
  async insertDefinitionIncident(incident: DefinitionIncidentRecord): Promise<void> {
    this.d.definitionIncidents.push(clone(incident));
  }
  async deleteDefinitionIncidents(jobId: string): Promise<void> {
    this.d.definitionIncidents = this.d.definitionIncidents.filter((i) => i.configuration !== jobId);
  }
  async insertNotifications(notifications: NotificationRecord[]): Promise<void> {
    this.d.notifications.push(...clone(notifications));
  }
  async appendHistory(events: HistoryEvent[]): Promise<void> {
    for (const event of events) {
      // Re-insert so that the map's order is the order of the latest write (e.g. activity ends).
      const key = `${event.kind}:${event.record.id}`;
      if (!this.d.historyOrder.has(key)) this.d.historyOrder.set(key, this.d.historyOrder.size);
      this.d.history.delete(key);
      this.d.history.set(key, clone(event));
    }
  }
}
