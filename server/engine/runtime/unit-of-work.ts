import { randomUUID } from 'node:crypto';
import { EngineError, EngineErrorCode } from '../engine-error';
import { behaviours } from '../elements';
import type { OperationNote } from '../engine-api';
import type { HistoryEvent, UserOperationType } from '../history/history-event';
import type { ProcessModel } from '../model/process-model';
import type { CaseTransaction, DefinitionRecord } from '../ports/case-store';
import { childCompleted, childFailed, deleteInstance, startInstance, triggerSubscription } from './commands';
import { taskChangesOf, type CommittedChanges } from './commit-events';
import type { Effect } from './effects';
import type { NotificationRecord } from './notifications';
import type { InstanceState, TypedValue } from './state';
import { isEnded } from './state';
import { Step, type StepEnv } from './step';

/** What the unit of work needs from the engine around it. */
export interface UnitOfWorkContext {
  now: Date;
  newId(): string;
  model(definition: DefinitionRecord, tx: CaseTransaction): Promise<ProcessModel>;
  dueDate: StepEnv['dueDate'];
  evaluateDecision?: (definition: DefinitionRecord, key: string, variables: Record<string, unknown>, mapping: string) => TypedValue;
}

export interface LoadedInstance {
  state: InstanceState;
  model: ProcessModel;
  definition: DefinitionRecord;
  dirty: boolean;
}

/**
 * One engine transaction. It keeps every instance it touched in an identity map, runs steps on
 * them, carries out their effects (called processes, signals) in the same transaction, and
 * finally saves each changed instance once with its history.
 */
export class UnitOfWork {
  private readonly instances = new Map<string, LoadedInstance>();
  private readonly effects: Effect[] = [];
  private readonly history: HistoryEvent[] = [];
  readonly jobsCreated: { id: string; dueDate: Date | null }[] = [];
  readonly jobsRemoved: string[] = [];
  /** Existing jobs whose wake-up must be replaced after commit (new due date, retries set again). */
  readonly jobsRescheduled: { id: string; dueDate: Date | null }[] = [];
  private readonly notifications: NotificationRecord[] = [];
  /** What was flushed, for the listeners told after commit (see commit-events.ts). */
  private readonly flushedHistory: HistoryEvent[] = [];
  private readonly flushedNotifications: NotificationRecord[] = [];
  private readonly assigneesAtLoad = new Map<string, string | null>();

  constructor(
    readonly tx: CaseTransaction,
    private readonly context: UnitOfWorkContext,
  ) {}

  get now(): Date {
    return this.context.now;
  }

  async load(id: string): Promise<LoadedInstance | null> {
    const known = this.instances.get(id);
    if (known) return isEnded(known.state) ? null : known;
    const state = await this.tx.loadInstance(id);
    if (!state) return null;
    for (const task of state.tasks) this.assigneesAtLoad.set(task.id, task.assignee);
    const definition = await this.tx.findDefinitionById(state.definitionId);
    if (!definition) throw new Error(`Definition ${state.definitionId} of instance ${id} is missing`);
    const loaded: LoadedInstance = { state, model: await this.context.model(definition, this.tx), definition, dirty: false };
    this.instances.set(id, loaded);
    return loaded;
  }

  async model(definition: DefinitionRecord): Promise<ProcessModel> {
    return this.context.model(definition, this.tx);
  }

  /** A new instance of a definition with its root execution, not yet started. */
  create(
    definition: DefinitionRecord,
    model: ProcessModel,
    options: { businessKey?: string | null; superInstanceId?: string | null; superExecutionId?: string | null; rootInstanceId?: string | null; startActivityId: string },
  ): LoadedInstance {
    const id = this.context.newId();
    const nowIso = this.now.toISOString();
    const state: InstanceState = {
      id,
      definitionId: definition.id,
      definitionKey: definition.key,
      tenantId: definition.tenantId,
      businessKey: options.businessKey ?? null,
      version: 1,
      state: 'ACTIVE',
      startTime: nowIso,
      endTime: null,
      startActivityId: options.startActivityId,
      superInstanceId: options.superInstanceId ?? null,
      superExecutionId: options.superExecutionId ?? null,
      rootInstanceId: options.rootInstanceId ?? id,
      executions: [{ id, parentId: null, activityId: model.id, activityInstanceId: id, phase: 'scope', startTime: nowIso }],
      variables: [],
      tasks: [],
      subscriptions: [],
      jobs: [],
      externalTasks: [],
      incidents: [],
    };
    const loaded: LoadedInstance = { state, model, definition, dirty: true };
    this.instances.set(id, loaded);
    return loaded;
  }

  /** A step on a loaded instance; the instance will be saved. */
  step(loaded: LoadedInstance): Step {
    loaded.dirty = true;
    const env: StepEnv = {
      now: this.now,
      newId: this.context.newId,
      dueDate: this.context.dueDate,
      evaluateDecision: this.context.evaluateDecision
        ? (key, _tenantId, variables, mapping) => this.context.evaluateDecision!(loaded.definition, key, variables, mapping)
        : undefined,
      history: this.history,
      effects: this.effects,
      jobsCreated: this.jobsCreated,
      jobsRemoved: this.jobsRemoved,
      jobsRescheduled: this.jobsRescheduled,
      notifications: this.notifications,
    };
    return new Step(loaded.state, loaded.model, loaded.definition, env, behaviours);
  }

  /**
   * Records a person's operation on an instance with this transaction's changes (Camunda's user
   * operation log): it is flushed with the instance's history, so it commits only with them.
   */
  recordOperation(loaded: LoadedInstance, operationType: UserOperationType, note: OperationNote, target: { taskId?: string; jobId?: string } = {}): void {
    this.history.push({
      kind: 'user-operation',
      record: {
        id: this.context.newId(),
        operationType,
        tenantId: loaded.state.tenantId,
        processInstanceId: loaded.state.id,
        rootProcessInstanceId: loaded.state.rootInstanceId,
        taskId: target.taskId ?? null,
        jobId: target.jobId ?? null,
        userId: note.userId,
        annotation: note.annotation,
        timestamp: this.now.toISOString(),
      },
    });
  }

  /** Starts an instance at its none start event (or `startActivityId`). */
  async start(
    definition: DefinitionRecord,
    variables: Record<string, TypedValue> | undefined,
    options: { businessKey?: string | null; superInstanceId?: string | null; superExecutionId?: string | null; rootInstanceId?: string | null; startActivityId?: string } = {},
  ): Promise<LoadedInstance> {
    if (definition.suspended) {
      throw new EngineError(EngineErrorCode.Suspended, `Process definition ${definition.id} is suspended: no new cases can start.`);
    }
    const model = await this.model(definition);
    const startId = options.startActivityId ?? model.scopes.get(model.id)!.noneStartIds[0];
    if (!startId) {
      throw new EngineError(EngineErrorCode.InvalidRequest, `Process '${definition.key}' has no none start event: start it with a message or signal.`);
    }
    const loaded = this.create(definition, model, { ...options, startActivityId: startId });
    startInstance(this.step(loaded), model.nodes.get(startId)!, variables);
    return loaded;
  }

  /** Carries out the effects steps produced, until there are none left. */
  async drain(): Promise<void> {
    for (let guard = 0; this.effects.length; guard++) {
      if (guard > 10000) throw new EngineError(EngineErrorCode.InvalidRequest, 'Too many cascading effects in one step (a signal or call loop?).');
      await this.apply(this.effects.shift()!);
    }
  }

  private async apply(effect: Effect): Promise<void> {
    switch (effect.kind) {
      case 'start-child': {
        const parent = await this.load(effect.superInstanceId);
        const definition = await this.resolveCalled(effect);
        const child = await this.start(definition, effect.variables, {
          businessKey: effect.businessKey,
          superInstanceId: effect.superInstanceId,
          superExecutionId: effect.superExecutionId,
          rootInstanceId: parent?.state.rootInstanceId ?? effect.superInstanceId,
        });
        const waiting = parent?.state.executions.find((e) => e.id === effect.superExecutionId);
        if (waiting && !isEnded(child.state)) waiting.calledInstanceId = child.state.id;
        return;
      }
      case 'child-completed': {
        const parent = await this.load(effect.superInstanceId);
        if (parent) childCompleted(this.step(parent), effect.superExecutionId, effect.variables);
        return;
      }
      case 'child-error': {
        const parent = await this.load(effect.superInstanceId);
        if (parent) childFailed(this.step(parent), effect.superExecutionId, effect.errorCode, effect.errorMessage);
        return;
      }
      case 'delete-child': {
        const child = await this.load(effect.childInstanceId);
        if (child) deleteInstance(this.step(child), effect.reason);
        return;
      }
      case 'signal':
        await this.broadcastSignal(effect.name, effect.tenantId, effect.variables);
        return;
    }
  }

  private async resolveCalled(effect: Extract<Effect, { kind: 'start-child' }>): Promise<DefinitionRecord> {
    const latest = await this.tx.findLatestDefinition(effect.calledElement, effect.tenantId);
    if (!latest) {
      throw new EngineError(EngineErrorCode.NotFound, `The call activity calls process '${effect.calledElement}', which is not deployed for this organisation.`);
    }
    if (effect.binding === 'latest') return latest;
    for (let version = latest.version; version >= 1; version--) {
      const candidate = await this.tx.findDefinitionByVersion(effect.calledElement, effect.tenantId, version);
      if (!candidate) continue;
      if (effect.binding === 'deployment' && candidate.deploymentId === effect.deploymentId) return candidate;
      if (effect.binding === 'version' && String(candidate.version) === effect.version) return candidate;
      if (effect.binding === 'versionTag' && candidate.versionTag === effect.version) return candidate;
    }
    throw new EngineError(EngineErrorCode.NotFound, `No version of process '${effect.calledElement}' matches binding '${effect.binding}'.`);
  }

  /** Triggers every signal subscription of the tenant and every signal start event. */
  async broadcastSignal(name: string, tenantId: string | null | undefined, variables: Record<string, TypedValue>): Promise<number> {
    await this.flush();
    const matches = await this.tx.findSignalSubscriptions(name, tenantId);
    let count = 0;
    for (const match of matches) {
      const loaded = await this.load(match.instanceId);
      if (!loaded || !loaded.state.subscriptions.some((s) => s.id === match.subscriptionId)) continue;
      triggerSubscription(this.step(loaded), match.subscriptionId, variables);
      count++;
    }
    for (const start of await this.tx.findStartEventSubscriptions('signal', name, tenantId)) {
      const definition = await this.tx.findDefinitionById(start.definitionId);
      if (definition) {
        await this.start(definition, variables, { startActivityId: start.activityId });
        count++;
      }
    }
    return count;
  }

  /** Saves every changed instance and the history gathered so far. */
  async flush(): Promise<void> {
    for (const loaded of this.instances.values()) {
      if (!loaded.dirty) continue;
      await this.tx.saveInstance(loaded.state);
      loaded.dirty = false;
    }
    this.flushedHistory.push(...this.history.filter((e) => e.kind === 'task' || e.kind === 'task-overdue'));
    this.flushedNotifications.push(...this.notifications);
    if (this.history.length) await this.tx.appendHistory(this.history.splice(0));
    if (this.notifications.length) await this.tx.insertNotifications(this.notifications.splice(0));
  }

  /** The task changes and notifications of everything flushed so far (to tell listeners once committed). */
  committedChanges(): CommittedChanges {
    const openTask = (taskId: string) => {
      for (const { state } of this.instances.values()) {
        const task = state.tasks.find((t) => t.id === taskId);
        if (task) return { tenantId: state.tenantId, taskDefinitionKey: task.taskDefinitionKey, candidateGroups: task.candidateGroups, assignee: task.assignee };
      }
      return undefined;
    };
    return { tasks: taskChangesOf(this.flushedHistory, this.assigneesAtLoad, openTask), notifications: [...this.flushedNotifications] };
  }
}

export const defaultIds = (): string => randomUUID();
