/**
 * One training simulation: its own engine (the same `Engine` as live, so the same semantics) on
 * an in-memory store with its own manual clock. Nothing of it reaches PostgreSQL, BullMQ, the
 * live engine's commit listeners (inboxes, live events) or notification delivery: the store is
 * private to this object and dropped with it.
 *
 * Every action that changes it is kept in `log` (who did what, at which simulated time, and the
 * timers that fired), so a trainer can record a walk-through as a scenario, a replay can play a
 * scenario's steps, and a practice can be compared with the scenario's own run (`finish`).
 *
 * Timers: the in-memory store's job rows are the truth (as PostgreSQL's are live); the scheduler
 * port only records what the engine asked for. `advance` moves the clock to each due job in due
 * order and fires it there, so a timer that creates another (an escalation, a retry) fires in turn.
 */
import { randomUUID } from 'node:crypto';
import {
  Engine,
  EngineError,
  parseBpmn,
  typedValueOf,
  type InstanceState,
  type ProcessModel,
  type TaskState,
  type VariableMap,
} from '../../engine';
import { deployedForms, type DeployedForms, type FormSchema } from '../../engine/forms';
import { InMemoryCaseStore, ManualClock } from '../../engine/sandbox';
import { findRawForm, findSchema, rawForms, toVariables, type FormJson, type RawForms } from '../inbox/form-values';
import { compareAttempt, type AttemptComparison } from './comparison';
import { explain, type Explanation } from './explanation';
import type { ScenarioDefinition, ScenarioStep } from './scenario';

import { RecordingScheduler } from './recording-scheduler';
import {
  SimulationStepError,
  type AdvanceBy,
  type FiredTimer,
  type PendingTimer,
  type Person,
  type RecordedStep,
  type ScenarioView,
  type SimulationMode,
  type SimulationSetup,
  type SimulationState,
  type TaskInfo,
} from './simulation-types';

export type { AttemptComparison } from './comparison';
export type { Explanation } from './explanation';
export * from './simulation-types';

/** Guards `advance` against a timer cycle that never ends (R/PT0S and the like). */
const MAX_FIRINGS_PER_ADVANCE = 500;
const SIMULATION_WORKER = 'simulation';

export class Simulation {
  readonly id = randomUUID();
  readonly ownerId: string;
  readonly tenantId: string;
  readonly processKey: string;
  readonly version: number | 'draft';
  readonly mode: SimulationMode;
  readonly owner: Person;
  readonly scenario: ScenarioDefinition | null;
  /** Every action that changed the simulation, in order (starting it is not a step). */
  readonly log: RecordedStep[] = [];
  readonly participants = new Map<string, Person>();
  /** Practice: the comparison with the scenario, once finished. */
  finished: AttemptComparison | null = null;
  /** When it was last used, in the server's time (set by the service that holds it). */
  lastUsed = 0;
  private readonly setup: SimulationSetup;
  private readonly store = new InMemoryCaseStore();
  private readonly clock: ManualClock;
  private readonly scheduler = new RecordingScheduler();
  private readonly engine: Engine;
  private readonly handed = new Map<string, Person>();
  private models = new Map<string, ProcessModel>();
  private forms: DeployedForms | null = null;
  private raw: RawForms | null = null;
  private rootId = '';
  private next = 0;

  constructor(setup: SimulationSetup) {
    if (setup.mode !== 'free' && !setup.scenario) throw new SimulationStepError(`A ${setup.mode} needs a scenario.`);
    this.setup = setup;
    this.ownerId = setup.ownerId;
    this.tenantId = setup.tenantId;
    this.processKey = setup.processKey;
    this.version = setup.version;
    this.mode = setup.mode;
    this.owner = setup.owner;
    this.scenario = setup.scenario ?? null;
    this.clock = new ManualClock(setup.start);
    // No onCommit listeners, no notification sink, no external-task workers: see the file comment.
    this.engine = new Engine({ store: this.store, clock: this.clock, scheduler: this.scheduler, calendarFor: setup.calendar });
  }

  /**
   * The reference run of a scenario: a replay from `scenario.startsAt` with the same resources,
   * every step played. A step that cannot apply throws a SimulationStepError naming it.
   */
  static async reference(setup: SimulationSetup, scenario: ScenarioDefinition): Promise<Simulation> {
    const start = new Date(scenario.startsAt);
    if (Number.isNaN(start.getTime())) throw new SimulationStepError(`Scenario '${scenario.key}' has no valid start time ('${scenario.startsAt}').`);
    const simulation = new Simulation({ ...setup, mode: 'replay', scenario, start });
    await simulation.beginScenario();
    while (simulation.cursor < scenario.steps.length) await simulation.replayNext();
    return simulation;
  }

  /** Next scenario step to replay. */
  get cursor(): number {
    return this.next;
  }

  /** Deploys the version's resources into the sandbox and starts one case at `startActivityId`. */
  async begin(startActivityId: string | undefined, variables: VariableMap): Promise<void> {
    await this.engine.deploy({ name: `simulation ${this.processKey}`, tenantId: this.tenantId, resources: this.resources });
    this.forms = deployedForms(this.resources);
    this.raw = rawForms(this.resources);
    this.models = await modelsOf(this.resources);
    const started = await this.engine.startProcessInstance({ definitionKey: this.processKey, tenantId: this.tenantId, startActivityId, variables, businessKey: `SIM-${this.id.slice(0, 8)}` });
    this.rootId = started.instance.id;
    await this.runDueJobs(this.clock.now(), []);
  }

  /** Starts the scenario's case: its start event and start variables (the clock is the setup's start). */
  async beginScenario(): Promise<void> {
    const scenario = this.scenario;
    if (!scenario) throw new SimulationStepError('This simulation has no scenario.');
    const variables: VariableMap = Object.fromEntries(Object.entries(scenario.startVariables ?? {}).map(([name, value]) => [name, typedValueOf(value)]));
    try {
      await this.begin(scenario.startEventId, variables);
    } catch (error) {
      if (error instanceof EngineError) throw new SimulationStepError(`Scenario '${scenario.key}' cannot start: ${error.message}`);
      throw error;
    }
  }

  private get resources(): { name: string; content: string }[] {
    return this.setup.resources;
  }

  private instances(): InstanceState[] {
    return [...this.store.data.instances.values()];
  }

  private task(taskId: string): TaskState | null {
    return this.instances().flatMap((i) => i.tasks).find((t) => t.id === taskId) ?? null;
  }

  /** Open tasks, oldest first (the order their activities started: the manual clock gives equal times). */
  private openTasks(): TaskState[] {
    const order = new Map(this.store.historyInWrittenOrder('activity-instance').map((a, i) => [a.id, i] as const));
    const rank = (t: TaskState) => order.get(t.activityInstanceId) ?? Number.MAX_SAFE_INTEGER;
    return this.instances()
      .flatMap((i) => i.tasks)
      .sort((a, b) => rank(a) - rank(b));
  }

  private schemaOf(task: { formKey: string | null; formRef?: string | null }): FormSchema | null {
    return this.forms ? findSchema({ formKey: task.formKey, formRef: task.formRef ?? null }, this.forms) : null;
  }

  /** The form as written for the viewer; form-js needs the root `type`, which older files leave out. */
  private formOf(task: { formKey: string | null; formRef?: string | null }): FormJson | null {
    const form = this.raw ? findRawForm({ formKey: task.formKey, formRef: task.formRef ?? null }, this.raw) : null;
    return form ? { ...form, type: form.type ?? 'default' } : null;
  }

  hasTask(taskId: string): boolean {
    return this.task(taskId) !== null;
  }

  hasExternalTask(id: string): boolean {
    return this.instances().some((i) => i.externalTasks.some((e) => e.id === id));
  }

  /** A user task of the deployed models by its key: its name, guidance and form. */
  taskInfo(taskKey: string): TaskInfo | null {
    const models = [this.models.get(this.processKey), ...this.models.values()];
    for (const model of models) {
      const node = model?.nodes.get(taskKey);
      if (!node?.userTask) continue;
      return { name: node.name, guidance: node.documentation, schema: this.schemaOf(node.userTask) };
    }
    return null;
  }

  // ---- steps ---------------------------------------------------------------------------------

  /** Applies one scenario step done by `by` and records it; a step that cannot apply throws SimulationStepError. */
  async applyStep(step: ScenarioStep, by: Person): Promise<FiredTimer[]> {
    switch (step?.kind) {
      case 'complete': {
        if (typeof step.taskKey !== 'string') throw new SimulationStepError('A complete step names the task to complete (taskKey).');
        const task = this.openTasks().find((t) => t.taskDefinitionKey === step.taskKey);
        if (!task) throw new SimulationStepError(`No open step '${step.taskKey}'. ${this.openStepsText()}`);
        return this.complete(task, plainObject(step.values, 'values'), by, step.note);
      }
      case 'external': {
        const external = this.instances().flatMap((i) => i.externalTasks).find((e) => e.activityId === step.activityId);
        if (!external) throw new SimulationStepError(`No open external task at '${step.activityId}'.`);
        return this.completeExternal(external.id, plainObject(step.values, 'values'), by, step.note);
      }
      case 'message':
        return this.correlate(step.messageName, plainObject(step.variables, 'variables'), by, step.note);
      case 'advance':
        return this.advance(step, by);
      default:
        throw new SimulationStepError(`Unknown kind of step '${(step as { kind?: unknown })?.kind}': use complete, external, message or advance.`);
    }
  }

  /** Completes a user task with form answers (validated against the task's form by the engine, as live). */
  async completeTask(taskId: string, values: Record<string, unknown>, by: Person): Promise<void> {
    const task = this.task(taskId);
    if (!task) throw new SimulationStepError(`Task ${taskId} is not open in this simulation.`);
    await this.complete(task, values, by);
  }

  private async complete(task: TaskState, values: Record<string, unknown>, by: Person, note?: string): Promise<FiredTimer[]> {
    this.checkNotFinished();
    const at = this.clock.now();
    await this.engineStep(() => this.engine.completeTask(task.id, toVariables(values, this.schemaOf(task))));
    this.handed.delete(task.id);
    const fired = await this.runDueJobs(this.clock.now(), []);
    this.record({ kind: 'complete', taskKey: task.taskDefinitionKey, values: structuredClone(values), note }, at, by, fired);
    return fired;
  }

  /** Completes an external task in place of a worker (no real worker ever sees a simulation's tasks). */
  async completeExternalTask(id: string, values: Record<string, unknown>, by: Person): Promise<void> {
    await this.completeExternal(id, values, by);
  }

  private async completeExternal(id: string, values: Record<string, unknown>, by: Person, note?: string): Promise<FiredTimer[]> {
    this.checkNotFinished();
    const external = this.instances().flatMap((i) => i.externalTasks).find((e) => e.id === id);
    if (!external) throw new SimulationStepError(`External task ${id} is not open in this simulation.`);
    const at = this.clock.now();
    await this.engineStep(async () => {
      await this.engine.fetchAndLock({ workerId: SIMULATION_WORKER, maxTasks: 1_000, topics: [{ topicName: external.topicName, lockDuration: 60_000 }] });
      await this.engine.completeExternalTask(id, SIMULATION_WORKER, toVariables(values, null));
    });
    const fired = await this.runDueJobs(this.clock.now(), []);
    this.record({ kind: 'external', activityId: external.activityId, values: structuredClone(values), note }, at, by, fired);
    return fired;
  }

  /** A message arrives in the sandbox (Camunda's correlate by name): a waiting case, or a message start. */
  private async correlate(messageName: string, variables: Record<string, unknown>, by: Person, note?: string): Promise<FiredTimer[]> {
    this.checkNotFinished();
    if (typeof messageName !== 'string' || messageName === '') throw new SimulationStepError('A message step names the message (messageName).');
    const at = this.clock.now();
    const typed: VariableMap = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typedValueOf(value)]));
    await this.engineStep(() => this.engine.correlateMessage({ messageName, tenantId: this.tenantId, processVariables: typed }));
    const fired = await this.runDueJobs(this.clock.now(), []);
    this.record({ kind: 'message', messageName, variables: structuredClone(variables), note }, at, by, fired);
    return fired;
  }

  /** Moves the clock, firing every job that falls due on the way, in due order. */
  async advance(by: AdvanceBy, actor: Person): Promise<FiredTimer[]> {
    this.checkNotFinished();
    const now = this.clock.now();
    const { asked, until } = this.advanceTarget(by, now);
    const fired = await this.runDueJobs(until, []);
    this.record({ kind: 'advance', ...asked, note: by.note }, now, actor, fired);
    return fired;
  }

  private advanceTarget(by: AdvanceBy, now: Date): { asked: Omit<Extract<ScenarioStep, { kind: 'advance' }>, 'kind'>; until: Date } {
    const given = (['hours', 'workingDays', 'toNextDeadline', 'to'] as const).filter((k) => by[k] !== undefined && by[k] !== false);
    if (given.length !== 1) throw new SimulationStepError('Say how far to move the clock: exactly one of hours, workingDays, toNextDeadline or to.');
    if (by.toNextDeadline) {
      const next = this.pendingJobs().find((j) => j.due !== null && dueMs(j.due) > now.getTime()) ?? this.pendingJobs()[0];
      return { asked: { toNextDeadline: true }, until: next?.due ? new Date(Math.max(now.getTime(), dueMs(next.due))) : now };
    }
    if (by.to !== undefined) {
      const to = typeof by.to === 'string' ? new Date(by.to) : new Date(Number.NaN);
      if (Number.isNaN(to.getTime())) throw new SimulationStepError(`'${String(by.to)}' is not a date and time (use ISO 8601, e.g. 2027-03-02T10:00:00Z).`);
      if (to.getTime() < now.getTime()) throw new SimulationStepError(`The clock cannot go back: ${to.toISOString()} is before ${now.toISOString()}.`);
      return { asked: { to: to.toISOString() }, until: to };
    }
    if (by.workingDays !== undefined) {
      if (!Number.isInteger(by.workingDays) || by.workingDays < 0) throw new SimulationStepError('workingDays must be a whole number of 0 or more.');
      return { asked: { workingDays: by.workingDays }, until: this.setup.calendar(this.tenantId).addWorkingDays(now, by.workingDays) };
    }
    const hours = by.hours;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) throw new SimulationStepError('hours must be a number of 0 or more.');
    return { asked: { hours }, until: new Date(now.getTime() + hours * 3_600_000) };
  }

  /** Runs an engine operation; its refusal (invalid form answers, no matching message, …) becomes a SimulationStepError. */
  private async engineStep<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof EngineError) throw new SimulationStepError(error.message);
      throw error;
    }
  }

  private record(step: ScenarioStep, at: Date, by: Person, fired: FiredTimer[]): void {
    // A step applied from a scenario keeps its note; an action from the screen has none.
    if (step.note === undefined) delete step.note;
    this.log.push({ ...step, at: at.toISOString(), by: { id: by.id, name: by.name }, fired });
  }

  private openStepsText(): string {
    const open = this.openTasks().map((t) => (t.name ? `'${t.taskDefinitionKey}' (${t.name})` : `'${t.taskDefinitionKey}'`));
    if (open.length === 0) return this.store.data.instances.has(this.rootId) ? 'There are no open steps.' : 'The case has ended: there are no open steps.';
    return `The open steps are ${[...new Set(open)].join(', ')}.`;
  }

  private checkNotFinished(): void {
    if (this.finished) throw new SimulationStepError('This practice is finished: it cannot change any more.');
  }

  // ---- replay and practice -------------------------------------------------------------------

  /** Replay: plays the scenario's next step as the owner. */
  async replayNext(): Promise<FiredTimer[]> {
    const scenario = this.scenario;
    if (this.mode !== 'replay' || !scenario) throw new SimulationStepError('Only a replay of a scenario plays its steps.');
    const step = scenario.steps[this.next];
    if (!step) throw new SimulationStepError(`The scenario has no more steps: all ${scenario.steps.length} have been played.`);
    try {
      const fired = await this.applyStep(step, this.owner);
      this.next++;
      return fired;
    } catch (error) {
      if (!(error instanceof SimulationStepError)) throw error;
      throw new SimulationStepError(`Step ${this.next + 1} of ${scenario.steps.length} of scenario '${scenario.key}' (${describeStep(step)}) cannot be played: ${error.message}`);
    }
  }

  /** Replay: plays every remaining step; the timers they fired, in order. */
  async replayAll(): Promise<FiredTimer[]> {
    const fired = await this.replayNext();
    while (this.scenario && this.next < this.scenario.steps.length) fired.push(...(await this.replayNext()));
    return fired;
  }

  /**
   * Practice: compares this attempt with the scenario's own run on the same resources (built here
   * unless the caller already has it) and ends the practice.
   */
  async finish(reference?: Simulation): Promise<AttemptComparison> {
    if (this.mode !== 'practice' || !this.scenario) throw new SimulationStepError('Only a practice can be finished.');
    this.checkNotFinished();
    reference ??= await Simulation.reference(this.setup, this.scenario);
    this.finished = compareAttempt(reference, this);
    return this.finished;
  }

  // ---- people --------------------------------------------------------------------------------

  invite(person: Person): void {
    if (person.id !== this.owner.id) this.participants.set(person.id, { id: person.id, name: person.name });
  }

  /** Hands an open task to a participant (inviting them if needed); null (or the owner) takes it back. */
  handTask(taskId: string, to: Person | null): void {
    if (!this.task(taskId)) throw new SimulationStepError(`Task ${taskId} is not open in this simulation.`);
    if (to === null || to.id === this.owner.id) {
      this.handed.delete(taskId);
      return;
    }
    this.invite(to);
    this.handed.set(taskId, this.participants.get(to.id)!);
  }

  handedTo(taskId: string): Person | null {
    return this.task(taskId) ? (this.handed.get(taskId) ?? null) : null;
  }

  /** The owner may complete any open task; a participant only those handed to them. */
  mayComplete(taskId: string, person: Person): boolean {
    if (!this.task(taskId)) return false;
    return person.id === this.owner.id || this.handed.get(taskId)?.id === person.id;
  }

  // ---- timers --------------------------------------------------------------------------------

  /**
   * Every job of the simulation's cases (timers and async continuations), earliest first. Timer
   * start events of deployed processes are definition jobs, not case jobs: they are neither
   * listed nor fired, since a simulation runs the case it started.
   */
  private pendingJobs(): (PendingTimer & { processKey: string; type: string })[] {
    const jobs: (PendingTimer & { processKey: string; type: string })[] = [];
    for (const instance of this.instances()) {
      for (const job of instance.jobs) {
        if (!job.exceptionMessage || job.retries > 0) jobs.push({ jobId: job.id, activityId: job.activityId, due: job.dueDate, processKey: instance.definitionKey, type: job.type });
      }
    }
    // Equal due dates keep the order the jobs were created in (a stable sort), so a replay fires them alike.
    return jobs.sort((a, b) => dueMs(a.due) - dueMs(b.due));
  }

  /** Fires, in due order, every job due up to `until`, moving the clock to each; then leaves the clock at `until`. */
  private async runDueJobs(until: Date, fired: FiredTimer[]): Promise<FiredTimer[]> {
    const tried = new Set<string>();
    for (let i = 0; i < MAX_FIRINGS_PER_ADVANCE; i++) {
      const next = this.pendingJobs().find((j) => !tried.has(j.jobId) && dueMs(j.due) <= until.getTime());
      if (!next) break;
      const at = next.due === null ? this.clock.now().getTime() : Math.max(this.clock.now().getTime(), dueMs(next.due));
      this.clock.set(new Date(at));
      const outcome = await this.engine.fireJob(next.jobId);
      // A job that failed stays pending with fewer retries; do not spin on it within one advance.
      if (outcome !== 'fired') tried.add(next.jobId);
      fired.push({ activityId: next.activityId, due: next.due, firedAt: new Date(at).toISOString(), outcome });
    }
    if (until.getTime() > this.clock.now().getTime()) this.clock.set(until);
    return fired;
  }

  // ---- what a viewer sees --------------------------------------------------------------------

  /** Activity ids and names in the order they started (every case of the simulation). */
  pathWithNames(): { id: string; name: string | null }[] {
    return this.store.historyInWrittenOrder('activity-instance').map((a) => ({ id: a.activityId, name: a.activityName }));
  }

  explanation(): Explanation {
    const instances = this.instances();
    return explain({
      models: this.models,
      activities: this.store.historyInWrittenOrder('activity-instance'),
      positions: instances.flatMap((i) => i.executions.filter((e) => e.activityId !== null).map((e) => ({ processKey: i.definitionKey, activityId: e.activityId as string }))),
      timers: this.pendingJobs().filter((j) => j.type === 'timer'),
      variablesOf: (id) => this.variablesOf(id),
    });
  }

  state(viewer: Person): SimulationState {
    const instances = this.instances();
    const root = this.store.data.instances.get(this.rootId) ?? null;
    const viewerIsOwner = viewer.id === this.owner.id;
    return {
      id: this.id,
      processKey: this.processKey,
      version: this.version,
      clock: this.clock.now().toISOString(),
      ended: root === null,
      mode: this.mode,
      owner: this.owner,
      participants: [...this.participants.values()],
      viewerIsOwner,
      tasks: this.openTasks().map((t) => {
        const handedTo = this.handed.get(t.id) ?? null;
        return {
          id: t.id,
          taskKey: t.taskDefinitionKey,
          name: t.name,
          candidateGroups: t.candidateGroups,
          due: t.due,
          formSchema: this.formOf(t),
          guidance: t.description,
          handedTo,
          mayComplete: !this.finished && (viewerIsOwner || handedTo?.id === viewer.id),
        };
      }),
      externalTasks: instances.flatMap((i) => i.externalTasks.map((e) => ({ id: e.id, activityId: e.activityId, topicName: e.topicName }))),
      position: instances.flatMap((i) => i.executions.filter((e) => e.activityId !== null).map((e) => e.activityId as string)),
      path: this.pathWithNames().map((a) => a.id),
      variables: root ? plainVariables(root) : this.variablesOf(this.rootId),
      pendingTimers: this.pendingJobs().map((j) => ({ activityId: j.activityId, due: j.due })),
      log: this.log,
      scenario: this.scenarioView(),
      explanation: this.explanation(),
      result: this.finished,
    };
  }

  /**
   * How many of the scenario's notes a viewer may read. A practice tells the story as it unfolds:
   * up to and including the first step the trainee has not done yet (its facts are what they
   * decide on), never what comes after; a finished practice and a replay tell all of it.
   */
  private storyRevealed(scenario: ScenarioDefinition): number {
    if (this.mode !== 'practice' || this.finished) return scenario.steps.length;
    const done = this.log.flatMap((step) => (step.kind === 'complete' ? [step.taskKey] : []));
    for (const [index, step] of scenario.steps.entries()) {
      if (step.kind !== 'complete') continue;
      const at = done.indexOf(step.taskKey);
      if (at < 0) return index + 1;
      done.splice(at, 1);
    }
    return scenario.steps.length;
  }

  private scenarioView(): ScenarioView | null {
    const scenario = this.scenario;
    if (!scenario) return null;
    const replay = this.mode === 'replay';
    return {
      key: scenario.key,
      name: scenario.name,
      summary: scenario.summary,
      stepCount: scenario.steps.length,
      taskStepCount: taskStepCount(scenario),
      cursor: replay ? this.next : null,
      nextStep: replay ? (scenario.steps[this.next] ?? null) : null,
      story: scenario.steps.slice(0, this.storyRevealed(scenario)).map((step, index) => ({
        index,
        kind: step.kind,
        ...(step.kind === 'complete' ? { taskKey: step.taskKey } : {}),
        note: step.note ?? null,
      })),
    };
  }

  /** A case's variables, every scope's (its own scope's win): a running case's, or an ended one's from history. */
  private variablesOf(processInstanceId: string): Record<string, unknown> {
    const instance = this.store.data.instances.get(processInstanceId);
    const result: Record<string, unknown> = {};
    if (instance) {
      for (const v of instance.variables) if (!v.taskId && v.scopeId !== instance.id && !(v.name in result)) result[v.name] = v.value;
      for (const v of instance.variables) if (!v.taskId && v.scopeId === instance.id) result[v.name] = v.value;
      return result;
    }
    for (const v of this.store.historyOf('variable')) {
      if (v.processInstanceId === processInstanceId && !v.taskId && v.state !== 'DELETED') result[v.name] = v.value;
    }
    return result;
  }
}

/** A recorded step as a scenario step: what was done, without when, by whom and what fired. */
/** The steps that complete a task: what a practice is compared and scored on. */
export function taskStepCount(scenario: ScenarioDefinition): number {
  return scenario.steps.filter((step) => step.kind === 'complete').length;
}

export function scenarioStepOf(recorded: RecordedStep): ScenarioStep {
  const { at: _at, by: _by, fired: _fired, ...step } = recorded;
  return step as ScenarioStep;
}

export function describeStep(step: ScenarioStep): string {
  switch (step.kind) {
    case 'complete':
      return `complete '${step.taskKey}'`;
    case 'external':
      return `external task at '${step.activityId}'`;
    case 'message':
      return `message '${step.messageName}'`;
    case 'advance':
      if (step.to !== undefined) return `advance to ${step.to}`;
      if (step.toNextDeadline) return 'advance to the next deadline';
      return step.workingDays !== undefined ? `advance ${step.workingDays} working day(s)` : `advance ${step.hours} hour(s)`;
  }
}

async function modelsOf(resources: { name: string; content: string }[]): Promise<Map<string, ProcessModel>> {
  const models = new Map<string, ProcessModel>();
  for (const resource of resources.filter((r) => /\.(bpmn|bpmn20\.xml)$/i.test(r.name))) {
    for (const model of (await parseBpmn(resource.content, resource.name)).processes) models.set(model.id, model);
  }
  return models;
}

function plainObject(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new SimulationStepError(`${name} must be an object of names and values.`);
  return value as Record<string, unknown>;
}

function plainVariables(instance: InstanceState): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const v of instance.variables) if (v.scopeId === instance.id && !v.taskId) result[v.name] = v.value;
  return result;
}

function dueMs(due: string | null): number {
  return due === null ? Number.NEGATIVE_INFINITY : new Date(due).getTime();
}
