import { BusinessCalendar, computeDueDate } from '../calendar';
import type {
  CorrelateInput,
  CorrelationResult,
  EngineApi,
  ExternalTaskFailureInput,
  FetchAndLockInput,
  InstanceSummary,
  LockedExternalTaskWithVariables,
  OperationNote,
  OperationOptions,
  SignalInput,
  StartInput,
  StartResult,
  VariableMap,
} from '../engine-api';
import { EngineError, EngineErrorCode } from '../engine-error';
import { DecisionError, evaluateDecision, mapDecisionResult, parseDmn, type DecisionModel } from '../dmn';
import { TaskForms } from '../forms';
import { typedValueOf } from './variables';
import type { ProcessModel } from '../model/process-model';
import { systemClock, type Clock } from '../ports/clock';
import type { CaseStore, CaseTransaction, DefinitionRecord } from '../ports/case-store';
import { noopScheduler, type Scheduler } from '../ports/scheduler';
import * as commands from './commands';
import type { CommitListener, CommittedChanges } from './commit-events';
import { Deployer } from './deployer';
import { taskRecord } from './history-records';
import * as jobs from './jobs';
import { notifyTask } from './notifications';
import { timerStartJobs, type RawDueDate } from './timer-start';
import { changeTaskDue } from '../elements/tasks';
import type { ScheduledJob } from '../ports/scheduler';
import type { UserOperationType } from '../history/history-event';
import type { InstanceState, TypedValue } from './state';
import { isEnded } from './state';
import { defaultIds, UnitOfWork, type LoadedInstance } from './unit-of-work';
import { checkTypedValue, plainValueOf, toTyped, visibleTypedVariables, visibleVariables } from './variables';

/** How a job firing ended, for the timer worker: `retry` asks for another attempt later (with backoff). */
export type JobOutcome = 'fired' | 'gone' | 'retry' | 'incident';

/** How an engine is put together; every option has a default fit for tests. */
export interface EngineOptions {
  store: CaseStore;
  /** Wakes the engine for timers; default: none (jobs then fire only when executed by hand). */
  scheduler?: Scheduler;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: random UUIDs. */
  newId?: () => string;
  /** The business calendar of an organisation; default: England & Wales, Mon–Fri 09:00–17:00. */
  calendarFor?: (tenantId: string | null) => BusinessCalendar;
  /** Reports failures that happen after commit (scheduling); must not log case data. */
  onBackgroundError?: (error: unknown) => void;
}

/**
 * The Safepath engine: executes BPMN 2.0 process instances whose state lives in a `CaseStore`.
 *
 * Every public operation is one transaction: load what it needs, run steps until every token
 * waits, carry out the effects (called processes, signals), save each changed instance once,
 * and only after commit tell the scheduler about new timers. If anything throws, nothing of the
 * operation is written.
 */
export class Engine implements EngineApi {
  private readonly store: CaseStore;
  private readonly scheduler: Scheduler;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly calendarFor: (tenantId: string | null) => BusinessCalendar;
  private readonly onBackgroundError: (error: unknown) => void;
  private readonly models = new Map<string, Promise<ProcessModel>>();
  private readonly decisions = new Map<string, Promise<ReadonlyMap<string, DecisionModel>>>();
  private readonly decisionsReady = new Map<string, ReadonlyMap<string, DecisionModel>>();
  private readonly deployer: Deployer;
  private readonly taskForms = new TaskForms();
  private readonly commitListeners = new Set<CommitListener>();

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.scheduler = options.scheduler ?? noopScheduler;
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? defaultIds;
    const defaultCalendar = new BusinessCalendar({ region: 'ENG' });
    this.calendarFor = options.calendarFor ?? (() => defaultCalendar);
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
    this.deployer = new Deployer(this.newId, () => this.clock.now(), (model, definition) => {
      const now = this.clock.now();
      return timerStartJobs(model, definition, this.rawDueDate(now), this.newId, now);
    });
  }

  /**
   * Tells `listener` about the tasks and notifications of every transaction once it has
   * committed (live inboxes). Returns the function that stops telling it.
   */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private rawDueDate(now: Date): RawDueDate {
    return (kind, text, tenantId) => computeDueDate(kind, text, now, this.calendarFor(tenantId));
  }

  // ---- deployment ---------------------------------------------------------------------------

  async deploy(input: Parameters<EngineApi['deploy']>[0]): ReturnType<EngineApi['deploy']> {
    const { jobsCreated, jobsRemoved, ...result } = await this.deployer.deploy(this.store, input);
    await this.afterCommit(jobsCreated, jobsRemoved, []);
    return result;
  }

  /** The parsed model of a deployed definition (cached: definitions never change). */
  async model(definition: DefinitionRecord, tx: CaseTransaction): Promise<ProcessModel> {
    let model = this.models.get(definition.id);
    if (!model) {
      model = tx.loadDefinitionResource(definition.id).then((xml) => this.deployer.modelOf(xml, definition));
      this.models.set(definition.id, model);
      model.catch(() => this.models.delete(definition.id));
    }
    const loaded = await model;
    if ([...loaded.nodes.values()].some((n) => n.decision)) await this.decisionsOf(definition.deploymentId, tx);
    return loaded;
  }

  /**
   * The DMN decisions deployed together with a process (a deployment's `.dmn` resources, e.g. the
   * shared DASH decision deployed into every organisation). Loaded once per deployment.
   */
  private async decisionsOf(deploymentId: string, tx: CaseTransaction): Promise<ReadonlyMap<string, DecisionModel>> {
    let decisions = this.decisions.get(deploymentId);
    if (!decisions) {
      decisions = tx.loadDeploymentResources(deploymentId).then(async (resources) => {
        const byKey = new Map<string, DecisionModel>();
        for (const resource of resources.filter((r) => /\.dmn$/i.test(r.name))) {
          for (const decision of (await parseDmn(resource.content, resource.name)).decisions) byKey.set(decision.key, decision);
        }
        this.decisionsReady.set(deploymentId, byKey);
        return byKey;
      });
      this.decisions.set(deploymentId, decisions);
      decisions.catch(() => this.decisions.delete(deploymentId));
    }
    return decisions;
  }

  /**
   * Evaluates the latest deployed version of a decision for a tenant (Camunda's
   * `POST /decision-definition/key/{key}/evaluate`): one entry per matched rule, output name → value.
   */
  async evaluateDecisionByKey(key: string, tenantId: string | null, variables: VariableMap = {}): Promise<Record<string, TypedValue>[]> {
    checkVariables(variables);
    const resources = await this.store.transaction((tx) => tx.findLatestDecisionResources(tenantId));
    for (const resource of resources) {
      const decisions = new Map((await parseDmn(resource.content, resource.name)).decisions.map((d) => [d.key, d] as const));
      if (!decisions.has(key)) continue;
      const plain = Object.fromEntries(Object.entries(variables).map(([name, typed]) => [name, typed.value]));
      try {
        return evaluateDecision(decisions, key, plain).map((entry) =>
          Object.fromEntries(Object.entries(entry).map(([name, value]) => [name, typedValueOf(value)])),
        );
      } catch (error) {
        if (error instanceof DecisionError) throw new EngineError(EngineErrorCode.Expression, error.message);
        throw error;
      }
    }
    const tenant = tenantId ? `tenant-id ${tenantId}` : 'no tenant-id';
    throw new EngineError(EngineErrorCode.NotFound, `No matching decision definition with key: ${key} and ${tenant}`);
  }

  /** Evaluates a decision of a definition's deployment (business rule tasks); its decisions are preloaded with the model. */
  private evaluateDecision(definition: DefinitionRecord, key: string, variables: Record<string, unknown>, mapping: string): TypedValue {
    const cached = this.decisionsReady.get(definition.deploymentId);
    if (!cached) throw new EngineError(EngineErrorCode.InvalidRequest, `Decisions of deployment ${definition.deploymentId} are not loaded.`);
    if (!cached.has(key)) {
      throw new EngineError(EngineErrorCode.NotFound, `Decision '${key}' is not deployed with process '${definition.key}'.`);
    }
    try {
      return typedValueOf(mapDecisionResult(evaluateDecision(cached, key, variables), mapping));
    } catch (error) {
      if (error instanceof DecisionError) throw new EngineError(EngineErrorCode.Expression, error.message);
      throw error;
    }
  }

  // ---- instances ----------------------------------------------------------------------------

  async startProcessInstance(input: StartInput): Promise<StartResult> {
    checkVariables(input.variables);
    return this.inTransaction(async (uow) => {
      const definition = await this.findDefinition(uow.tx, input);
      const loaded = await uow.start(definition, input.variables, { businessKey: input.businessKey, startActivityId: input.startActivityId });
      return { instance: summary(loaded.state), variables: rootVariables(loaded.state) };
    });
  }

  private async findDefinition(tx: CaseTransaction, input: StartInput): Promise<DefinitionRecord> {
    if (input.definitionId) {
      const byId = await tx.findDefinitionById(input.definitionId);
      if (!byId || (input.tenantId !== undefined && byId.tenantId !== input.tenantId)) {
        throw new EngineError(EngineErrorCode.NotFound, `No matching process definition with id ${input.definitionId}`);
      }
      return byId;
    }
    const key = input.definitionKey ?? '';
    const byKey = await tx.findLatestDefinition(key, input.tenantId ?? null);
    if (!byKey) {
      const tenant = input.tenantId ? `tenant-id ${input.tenantId}` : 'no tenant-id';
      throw new EngineError(EngineErrorCode.NotFound, `No matching process definition with key: ${key} and ${tenant}`);
    }
    return byKey;
  }

  /** Cancels a case (and the cases it called); `options.operation` records who did it and why with it. */
  async deleteProcessInstance(instanceId: string, reason?: string | null, options: OperationOptions = {}): Promise<void> {
    checkOperation(options.operation);
    await this.inTransaction(async (uow) => {
      const loaded = await this.mustLoad(uow, instanceId);
      commands.deleteInstance(uow.step(loaded), reason ?? null);
      if (options.operation) uow.recordOperation(loaded, 'Delete', options.operation);
    });
  }

  async setVariables(instanceId: string, modifications: VariableMap, deletions: string[] = []): Promise<void> {
    checkVariables(modifications);
    await this.inTransaction(async (uow) => {
      const loaded = await this.mustLoad(uow, instanceId);
      const step = uow.step(loaded);
      for (const [name, value] of Object.entries(modifications)) step.setLocalVariable(instanceId, name, value);
      for (const name of deletions) {
        const variable = loaded.state.variables.find((v) => v.scopeId === instanceId && v.name === name && v.taskId === null);
        if (variable) step.removeVariable(variable);
      }
    });
  }

  // ---- user tasks ---------------------------------------------------------------------------

  async completeTask(taskId: string, variables?: VariableMap): Promise<VariableMap> {
    checkVariables(variables);
    return this.inTransaction(async (uow) => {
      const loaded = await this.loadByTask(uow, taskId);
      await this.checkTaskForm(uow.tx, loaded, taskId, variables);
      commands.completeTask(uow.step(loaded), taskId, variables);
      return rootVariables(loaded.state);
    });
  }

  /** A task with a deployed form-js form completes only when its variables, merged with `variables`, satisfy the form. */
  private async checkTaskForm(tx: CaseTransaction, loaded: LoadedInstance, taskId: string, variables: VariableMap | undefined): Promise<void> {
    const task = loaded.state.tasks.find((t) => t.id === taskId)!;
    const submitted = Object.fromEntries(Object.entries(variables ?? {}).map(([name, typed]) => [name, plainValueOf(typed)]));
    const values = () => ({ ...visibleVariables(loaded.state, task.executionId, task.id), ...submitted });
    await this.taskForms.check(task, loaded.definition.deploymentId, () => tx.loadDeploymentResources(loaded.definition.deploymentId), values);
  }

  async claimTask(taskId: string, userId: string): Promise<void> {
    await this.updateTask(taskId, (task) => {
      if (task.assignee && task.assignee !== userId) {
        throw new EngineError(EngineErrorCode.TaskAlreadyClaimed, `Task '${taskId}' is already claimed by someone else.`);
      }
      task.assignee = userId;
    });
  }

  async unclaimTask(taskId: string): Promise<void> {
    await this.updateTask(taskId, (task) => {
      task.assignee = null;
    });
  }

  /**
   * Assigns a task; the new assignee is notified unless they assigned it to themselves (`actorId`,
   * default: the operation's user). `options.operation` records who did it and why with it.
   */
  async setAssignee(taskId: string, userId: string | null, actorId?: string | null, options: OperationOptions = {}): Promise<void> {
    const actor = actorId ?? options.operation?.userId ?? null;
    await this.updateTask(
      taskId,
      (task, step) => {
        const changed = task.assignee !== userId;
        task.assignee = userId;
        if (userId && changed && userId !== actor) notifyTask(step, task, 'assignment', userId);
      },
      { type: 'Assign', note: options.operation },
    );
  }

  /**
   * Changes a task's due and follow-up dates (undefined: unchanged; null: none); the overdue check
   * moves with the due date. `options.operation` records who did it and why with it.
   */
  async updateTaskDates(taskId: string, dates: { due?: Date | null; followUp?: Date | null }, options: OperationOptions = {}): Promise<void> {
    await this.updateTask(
      taskId,
      (task, step) => {
        if (dates.followUp !== undefined) task.followUp = dates.followUp ? dates.followUp.toISOString() : null;
        if (dates.due !== undefined) changeTaskDue(step, task, dates.due ? dates.due.toISOString() : null);
      },
      { type: 'SetDueDate', note: options.operation },
    );
  }

  async setTaskVariables(taskId: string, modifications: VariableMap, deletions: string[] = []): Promise<void> {
    checkVariables(modifications);
    await this.inTransaction(async (uow) => {
      const loaded = await this.loadByTask(uow, taskId);
      const task = loaded.state.tasks.find((t) => t.id === taskId)!;
      const step = uow.step(loaded);
      for (const [name, value] of Object.entries(modifications)) step.setVariable(task.executionId, name, value);
      for (const name of deletions) {
        const variable = loaded.state.variables.find((v) => v.name === name && v.taskId === null && v.scopeId === loaded.state.id);
        if (variable) step.removeVariable(variable);
      }
    });
  }

  private async updateTask(
    taskId: string,
    change: (task: InstanceState['tasks'][number], step: ReturnType<UnitOfWork['step']>) => void,
    operation?: { type: UserOperationType; note: OperationNote | undefined },
  ): Promise<void> {
    checkOperation(operation?.note);
    await this.inTransaction(async (uow) => {
      const loaded = await this.loadByTask(uow, taskId);
      const task = loaded.state.tasks.find((t) => t.id === taskId)!;
      const step = uow.step(loaded);
      change(task, step);
      step.env.history.push({ kind: 'task', record: taskRecord(step, task, null, null) });
      if (operation?.note) uow.recordOperation(loaded, operation.type, operation.note, { taskId });
    });
  }

  // ---- messages and signals -----------------------------------------------------------------

  async correlateMessage(input: CorrelateInput): Promise<CorrelationResult[]> {
    checkVariables(input.processVariables);
    checkVariables(input.processVariablesLocal);
    return this.inTransaction(async (uow) => {
      const matches = await uow.tx.findMessageSubscriptions({
        messageName: input.messageName,
        businessKey: input.businessKey,
        processInstanceId: input.processInstanceId,
        tenantId: input.tenantId,
        withoutTenantId: input.withoutTenantId,
        correlationKeys: input.correlationKeys,
      });
      const starts =
        input.processInstanceId || (input.correlationKeys && Object.keys(input.correlationKeys).length)
          ? []
          : (await uow.tx.findStartEventSubscriptions('message', input.messageName, input.withoutTenantId ? null : input.tenantId)).filter(
              (s) => !input.withoutTenantId || s.tenantId === null,
            );
      if (!input.all && matches.length + starts.length !== 1) {
        throw new EngineError(
          EngineErrorCode.MismatchingMessageCorrelation,
          matches.length + starts.length === 0
            ? `Cannot correlate message '${input.messageName}': No process definition or execution matches the parameters`
            : `Cannot correlate message '${input.messageName}': ${matches.length + starts.length} executions or definitions match the parameters, exactly one was expected`,
        );
      }
      const results: CorrelationResult[] = [];
      for (const match of matches) {
        const loaded = await uow.load(match.instanceId);
        if (!loaded) continue;
        commands.triggerSubscription(uow.step(loaded), match.subscriptionId, input.processVariables, input.processVariablesLocal);
        results.push({ resultType: 'Execution', processInstance: summary(loaded.state), executionId: match.executionId });
      }
      if (results.length === 0) {
        for (const start of starts) {
          const definition = await uow.tx.findDefinitionById(start.definitionId);
          if (!definition) continue;
          const loaded = await uow.start(definition, input.processVariables, { businessKey: input.businessKey ?? null, startActivityId: start.activityId });
          results.push({ resultType: 'ProcessDefinition', processInstance: summary(loaded.state), executionId: null });
          if (!input.all) break;
        }
      }
      if (results.length === 0 && !input.all) {
        throw new EngineError(EngineErrorCode.MismatchingMessageCorrelation, `Cannot correlate message '${input.messageName}': No process definition or execution matches the parameters`);
      }
      return results;
    });
  }

  async throwSignal(input: SignalInput): Promise<void> {
    checkVariables(input.variables);
    await this.inTransaction(async (uow) => {
      if (input.executionId) {
        const matches = await uow.tx.findSignalSubscriptions(input.name, input.withoutTenantId ? null : input.tenantId);
        const match = matches.find((m) => m.executionId === input.executionId);
        if (!match) throw new EngineError(EngineErrorCode.NotFound, `Execution ${input.executionId} is not waiting for signal '${input.name}'.`);
        const loaded = await this.mustLoad(uow, match.instanceId);
        commands.triggerSubscription(uow.step(loaded), match.subscriptionId, input.variables);
        return;
      }
      await uow.broadcastSignal(input.name, input.withoutTenantId ? null : input.tenantId, input.variables ?? {});
    });
  }

  // ---- external tasks -----------------------------------------------------------------------

  async fetchAndLock(input: FetchAndLockInput): Promise<LockedExternalTaskWithVariables[]> {
    if (!input.workerId) throw new EngineError(EngineErrorCode.InvalidRequest, 'workerId is required to fetch and lock external tasks.');
    return this.inTransaction(async (uow) => {
      const locked = await uow.tx.lockExternalTasks({
        workerId: input.workerId,
        maxTasks: input.maxTasks,
        usePriority: input.usePriority ?? false,
        topics: input.topics,
        now: uow.now,
      });
      const result: LockedExternalTaskWithVariables[] = [];
      for (const task of locked) {
        const loaded = await uow.load(task.processInstanceId);
        const topic = input.topics.find((t) => t.topicName === task.topicName);
        const all = loaded ? visibleTypedVariables(loaded.state, task.executionId) : {};
        const names = topic?.variables;
        const variables = names ? Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name))) : all;
        result.push({ ...task, variables });
      }
      return result;
    });
  }

  async completeExternalTask(id: string, workerId: string, variables?: VariableMap, localVariables?: VariableMap): Promise<void> {
    checkVariables(variables);
    checkVariables(localVariables);
    await this.onExternalTask(id, (step) => commands.completeExternalTask(step, id, workerId, variables, localVariables));
  }

  async failExternalTask(id: string, input: ExternalTaskFailureInput): Promise<void> {
    await this.onExternalTask(id, (step) => commands.failExternalTask(step, id, input.workerId, input));
  }

  async bpmnErrorExternalTask(id: string, workerId: string, errorCode: string, errorMessage?: string | null, variables?: VariableMap): Promise<void> {
    checkVariables(variables);
    await this.onExternalTask(id, (step) => commands.externalTaskBpmnError(step, id, workerId, errorCode, errorMessage ?? null, variables));
  }

  async unlockExternalTask(id: string): Promise<void> {
    await this.onExternalTask(id, (step) => {
      const task = commands.findExternalTask(step, id, null);
      task.workerId = null;
      task.lockExpirationTime = null;
    });
  }

  async extendExternalTaskLock(id: string, workerId: string, newDuration: number): Promise<void> {
    if (!Number.isFinite(newDuration) || newDuration <= 0) {
      throw new EngineError(EngineErrorCode.InvalidRequest, 'newDuration must be a positive number of milliseconds.');
    }
    await this.onExternalTask(id, (step) => {
      const task = commands.findExternalTask(step, id, workerId);
      if (!task.lockExpirationTime || Date.parse(task.lockExpirationTime) < step.env.now.getTime()) {
        throw new EngineError(EngineErrorCode.InvalidRequest, `The lock of external task ${id} has expired: fetch it again.`);
      }
      task.lockExpirationTime = new Date(step.env.now.getTime() + newDuration).toISOString();
    });
  }

  private async onExternalTask(id: string, work: (step: ReturnType<UnitOfWork['step']>) => void): Promise<void> {
    await this.inTransaction(async (uow) => {
      const instanceId = await uow.tx.findInstanceIdByExternalTask(id);
      const loaded = instanceId ? await uow.load(instanceId) : null;
      if (!loaded) throw new EngineError(EngineErrorCode.NotFound, `External task with id ${id} does not exist`);
      work(uow.step(loaded));
    });
  }

  // ---- jobs ---------------------------------------------------------------------------------

  /** Fires a job now, whatever its due date; a failure takes a retry off the job and is rethrown. */
  async executeJob(jobId: string): Promise<void> {
    const { error } = await this.runJob(jobId, false);
    if (error) throw error;
  }

  /** Fires a due job for the timer worker; never throws (the outcome says whether to retry). */
  async fireJob(jobId: string): Promise<JobOutcome> {
    return (await this.runJob(jobId, true)).outcome;
  }

  private async runJob(jobId: string, due: boolean): Promise<{ outcome: JobOutcome; error?: unknown }> {
    try {
      const fired = await this.inTransaction((uow) => jobs.fireJob(uow, jobId, this.rawDueDate(uow.now), this.newId, due));
      return { outcome: fired ? 'fired' : 'incident' };
    } catch (error) {
      if (error instanceof EngineError && error.code === EngineErrorCode.NotFound) return { outcome: 'gone', error };
      // Someone else changed the case meanwhile: try again, it is not the job's fault.
      if (error instanceof EngineError && error.code === EngineErrorCode.OptimisticLock) return { outcome: 'retry', error };
      try {
        const left = await this.inTransaction((uow) => jobs.recordFailure(uow, jobId, jobs.describeFailure(error), this.newId));
        return { outcome: left === 0 ? 'incident' : 'retry', error };
      } catch (recording) {
        if (recording instanceof EngineError && recording.code === EngineErrorCode.NotFound) return { outcome: 'gone', error };
        this.onBackgroundError(recording);
        return { outcome: 'retry', error };
      }
    }
  }

  /**
   * Camunda's "set job retries": a job with an incident gets retries again and is woken at its due
   * date. `options.operation` records who did it and why with it (only for a case's jobs).
   */
  async setJobRetries(jobId: string, retries: number, options: OperationOptions = {}): Promise<void> {
    checkOperation(options.operation);
    await this.inTransaction((uow) => jobs.setRetries(uow, jobId, retries, options.operation));
  }

  /** Moves a job's due date (null: now); the scheduler's wake-up moves with it. */
  async setJobDueDate(jobId: string, due: Date | null): Promise<void> {
    await this.inTransaction((uow) => jobs.setDueDate(uow, jobId, due));
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private async inTransaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const outcome = await this.store.transaction(async (tx) => {
      const uow = new UnitOfWork(tx, {
        now,
        newId: this.newId,
        model: (definition, t) => this.model(definition, t),
        evaluateDecision: (definition, key, variables, mapping) => this.evaluateDecision(definition, key, variables, mapping),
        dueDate: (kind, value, tenantId) => dueDateOf(kind, value, now, this.calendarFor(tenantId)),
      });
      const value = await work(uow);
      await uow.drain();
      await uow.flush();
      return { value, created: uow.jobsCreated, removed: uow.jobsRemoved, rescheduled: uow.jobsRescheduled, changes: uow.committedChanges() };
    });
    await this.afterCommit(outcome.created, outcome.removed, outcome.rescheduled);
    this.tellCommitted(outcome.changes);
    return outcome.value;
  }

  private tellCommitted(changes: CommittedChanges): void {
    if (this.commitListeners.size === 0 || (changes.tasks.length === 0 && changes.notifications.length === 0)) return;
    for (const listener of this.commitListeners) {
      try {
        listener(changes);
      } catch (error) {
        this.onBackgroundError(error);
      }
    }
  }

  /** Tells the scheduler about committed jobs: new ones, removed ones, and moved ones (same id, new due date). */
  private async afterCommit(created: ScheduledJob[], removed: string[], rescheduled: ScheduledJob[]): Promise<void> {
    const gone = new Set(removed);
    const moved = new Map<string, ScheduledJob>();
    for (const job of rescheduled) if (!gone.has(job.id)) moved.set(job.id, job);
    const fresh = created.filter((j) => !gone.has(j.id) && !moved.has(j.id));
    const freshIds = new Set(created.map((j) => j.id));
    try {
      if (fresh.length) await this.scheduler.schedule(fresh);
      if (removed.length) await this.scheduler.cancel(removed);
      if (moved.size) {
        await this.scheduler.cancel([...moved.keys()].filter((id) => !freshIds.has(id)));
        await this.scheduler.schedule([...moved.values()]);
      }
    } catch (error) {
      // The job rows are committed; reconciliation schedules them again.
      this.onBackgroundError(error);
    }
  }

  private async mustLoad(uow: UnitOfWork, instanceId: string): Promise<LoadedInstance> {
    const loaded = await uow.load(instanceId);
    if (!loaded) throw new EngineError(EngineErrorCode.NotFound, `Process instance with id ${instanceId} does not exist`);
    return loaded;
  }

  private async loadByTask(uow: UnitOfWork, taskId: string): Promise<LoadedInstance> {
    const instanceId = await uow.tx.findInstanceIdByTask(taskId);
    const loaded = instanceId ? await uow.load(instanceId) : null;
    if (!loaded || !loaded.state.tasks.some((t) => t.id === taskId)) {
      throw new EngineError(EngineErrorCode.NotFound, `Cannot find task with id ${taskId}`);
    }
    return loaded;
  }
}

function dueDateOf(kind: 'date' | 'duration' | 'cycle', value: unknown, now: Date, calendar: BusinessCalendar) {
  if (value instanceof Date) return { due: value };
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EngineError(EngineErrorCode.Expression, `A timer or due date must be text (ISO 8601 or a working-time deadline), got ${value === null ? 'null' : typeof value}.`);
  }
  try {
    return computeDueDate(kind, value.trim(), now, calendar);
  } catch (error) {
    throw new EngineError(EngineErrorCode.Expression, (error as Error).message);
  }
}

/** An operation note names its person; its annotation is text or null. */
function checkOperation(note: OperationNote | undefined): void {
  if (note === undefined) return;
  if (typeof note.userId !== 'string' || note.userId.trim() === '') {
    throw new EngineError(EngineErrorCode.InvalidRequest, 'An operation must name the user who did it.');
  }
  if (note.annotation !== null && typeof note.annotation !== 'string') {
    throw new EngineError(EngineErrorCode.InvalidRequest, 'An operation annotation must be text or null.');
  }
}

function checkVariables(variables: VariableMap | undefined): void {
  for (const [name, value] of Object.entries(variables ?? {})) checkTypedValue(name, value);
}

function summary(state: InstanceState): InstanceSummary {
  return {
    id: state.id,
    definitionId: state.definitionId,
    definitionKey: state.definitionKey,
    businessKey: state.businessKey,
    tenantId: state.tenantId,
    ended: isEnded(state),
    suspended: state.state === 'SUSPENDED',
  };
}

function rootVariables(state: InstanceState): Record<string, TypedValue> {
  return Object.fromEntries(
    state.variables.filter((v) => v.scopeId === state.id && v.taskId === null).map((v) => [v.name, toTyped(v)]),
  );
}
