/**
 * One training simulation: its own engine (the same `Engine` as live, so the same semantics) on
 * an in-memory store with its own manual clock. Nothing of it reaches PostgreSQL, BullMQ, the
 * live engine's commit listeners (inboxes, live events) or notification delivery: the store is
 * private to this object and dropped with it.
 *
 * Timers: the in-memory store's job rows are the truth (as PostgreSQL's are live); the scheduler
 * port only records what the engine asked for. `advance` moves the clock to each due job in due
 * order and fires it there, so a timer that creates another (an escalation, a retry) fires in turn.
 */
import { randomUUID } from 'node:crypto';
import { Engine, type BusinessCalendar, type InstanceState, type ScheduledJob, type Scheduler, type VariableMap } from '../../engine';
import { deployedForms, type DeployedForms, type FormSchema } from '../../engine/forms';
import { InMemoryCaseStore, ManualClock } from '../../engine/sandbox';
import { findSchema, toVariables } from '../inbox/form-values';

/** A scheduler that only records the wake-ups the engine asks for (no queue): the simulation fires jobs itself. */
export class RecordingScheduler implements Scheduler {
  readonly wakeUps = new Map<string, Date | null>();
  async schedule(jobs: ScheduledJob[]): Promise<void> {
    for (const job of jobs) this.wakeUps.set(job.id, job.dueDate);
  }
  async cancel(jobIds: string[]): Promise<void> {
    for (const id of jobIds) this.wakeUps.delete(id);
  }
}

export interface SimulationTask {
  id: string;
  taskKey: string;
  name: string | null;
  candidateGroups: string[];
  due: string | null;
  formSchema: FormSchema | null;
  guidance: string | null;
}

export interface SimulationExternalTask {
  id: string;
  activityId: string;
  topicName: string;
}

export interface PendingTimer {
  jobId: string;
  activityId: string;
  due: string | null;
}

export interface FiredTimer {
  activityId: string;
  due: string | null;
  firedAt: string;
  outcome: string;
}

export interface SimulationState {
  id: string;
  processKey: string;
  version: number | 'draft';
  clock: string;
  tasks: SimulationTask[];
  externalTasks: SimulationExternalTask[];
  position: string[];
  path: string[];
  variables: Record<string, unknown>;
  pendingTimers: { activityId: string; due: string | null }[];
  ended: boolean;
}

export interface SimulationSetup {
  ownerId: string;
  tenantId: string;
  processKey: string;
  version: number | 'draft';
  resources: { name: string; content: string }[];
  start: Date;
  calendar: (tenantId: string | null) => BusinessCalendar;
}

/** Guards `advance` against a timer cycle that never ends (R/PT0S and the like). */
const MAX_FIRINGS_PER_ADVANCE = 500;
const SIMULATION_WORKER = 'simulation';

export class Simulation {
  readonly id = randomUUID();
  readonly ownerId: string;
  readonly tenantId: string;
  readonly processKey: string;
  readonly version: number | 'draft';
  lastUsed = Date.now();
  private readonly store = new InMemoryCaseStore();
  private readonly clock: ManualClock;
  private readonly scheduler = new RecordingScheduler();
  private readonly engine: Engine;
  private readonly resources: { name: string; content: string }[];
  private readonly calendar: (tenantId: string | null) => BusinessCalendar;
  private forms: DeployedForms | null = null;
  private rootId = '';

  constructor(setup: SimulationSetup) {
    this.ownerId = setup.ownerId;
    this.tenantId = setup.tenantId;
    this.processKey = setup.processKey;
    this.version = setup.version;
    this.resources = setup.resources;
    this.calendar = setup.calendar;
    this.clock = new ManualClock(setup.start);
    // No onCommit listeners, no notification sink, no external-task workers: see the file comment.
    this.engine = new Engine({ store: this.store, clock: this.clock, scheduler: this.scheduler, calendarFor: setup.calendar });
  }

  /** Deploys the version's resources into the sandbox and starts one case at `startActivityId`. */
  async begin(startActivityId: string | undefined, variables: VariableMap): Promise<void> {
    await this.engine.deploy({ name: `simulation ${this.processKey}`, tenantId: this.tenantId, resources: this.resources });
    this.forms = deployedForms(this.resources);
    const started = await this.engine.startProcessInstance({ definitionKey: this.processKey, tenantId: this.tenantId, startActivityId, variables, businessKey: `SIM-${this.id.slice(0, 8)}` });
    this.rootId = started.instance.id;
    await this.runDueJobs(this.clock.now(), []);
  }

  private instances(): InstanceState[] {
    return [...this.store.data.instances.values()];
  }

  private task(taskId: string) {
    return this.instances().flatMap((i) => i.tasks).find((t) => t.id === taskId) ?? null;
  }

  private schemaOf(task: { formKey: string | null; formRef?: string | null }): FormSchema | null {
    return this.forms ? findSchema({ formKey: task.formKey, formRef: task.formRef ?? null }, this.forms) : null;
  }

  hasTask(taskId: string): boolean {
    return this.task(taskId) !== null;
  }

  hasExternalTask(id: string): boolean {
    return this.instances().some((i) => i.externalTasks.some((e) => e.id === id));
  }

  /** Completes a user task with form answers (validated against the task's form by the engine, as live). */
  async completeTask(taskId: string, values: Record<string, unknown>): Promise<void> {
    const task = this.task(taskId);
    if (!task) return;
    await this.engine.completeTask(taskId, toVariables(values, this.schemaOf(task)));
    await this.runDueJobs(this.clock.now(), []);
  }

  /** Completes an external task in place of a worker (no real worker ever sees a simulation's tasks). */
  async completeExternalTask(id: string, values: Record<string, unknown>): Promise<void> {
    const external = this.instances().flatMap((i) => i.externalTasks).find((e) => e.id === id);
    if (!external) return;
    await this.engine.fetchAndLock({ workerId: SIMULATION_WORKER, maxTasks: 1_000, topics: [{ topicName: external.topicName, lockDuration: 60_000 }] });
    await this.engine.completeExternalTask(id, SIMULATION_WORKER, toVariables(values, null));
    await this.runDueJobs(this.clock.now(), []);
  }

  /**
   * Every job of the simulation's cases (timers and async continuations), earliest first. Timer
   * start events of deployed processes are not fired: a simulation runs the one case it started.
   */
  private pendingJobs(): PendingTimer[] {
    const jobs: PendingTimer[] = [];
    for (const instance of this.instances()) {
      for (const job of instance.jobs) if (!job.exceptionMessage || job.retries > 0) jobs.push({ jobId: job.id, activityId: job.activityId, due: job.dueDate });
    }
    return jobs.sort((a, b) => dueMs(a.due) - dueMs(b.due) || a.jobId.localeCompare(b.jobId));
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

  async advance(by: { hours?: number; workingDays?: number; toNextDeadline?: boolean }): Promise<FiredTimer[]> {
    const now = this.clock.now();
    let until = now;
    if (by.toNextDeadline) {
      const next = this.pendingJobs().find((j) => j.due !== null && dueMs(j.due) > now.getTime()) ?? this.pendingJobs()[0];
      if (next?.due) until = new Date(Math.max(now.getTime(), dueMs(next.due)));
    } else if (by.workingDays !== undefined) {
      until = this.calendar(this.tenantId).addWorkingDays(now, by.workingDays);
    } else if (by.hours !== undefined) {
      until = new Date(now.getTime() + by.hours * 3_600_000);
    }
    return this.runDueJobs(until, []);
  }

  state(): SimulationState {
    const instances = this.instances();
    const root = this.store.data.instances.get(this.rootId) ?? null;
    // Every record of this private store is the simulation's (its case and the cases it called).
    const activities = this.store.historyOf('activity-instance');
    return {
      id: this.id,
      processKey: this.processKey,
      version: this.version,
      clock: this.clock.now().toISOString(),
      tasks: instances.flatMap((i) =>
        i.tasks.map((t) => ({ id: t.id, taskKey: t.taskDefinitionKey, name: t.name, candidateGroups: t.candidateGroups, due: t.due, formSchema: this.schemaOf(t), guidance: t.description })),
      ),
      externalTasks: instances.flatMap((i) => i.externalTasks.map((e) => ({ id: e.id, activityId: e.activityId, topicName: e.topicName }))),
      position: instances.flatMap((i) => i.executions.filter((e) => e.activityId !== null).map((e) => e.activityId as string)),
      path: [...activities].sort((a, b) => (a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0)).map((a) => a.activityId),
      variables: root ? plainVariables(root) : this.endedVariables(),
      pendingTimers: this.pendingJobs().map((j) => ({ activityId: j.activityId, due: j.due })),
      ended: root === null,
    };
  }

  private endedVariables(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const v of this.store.historyOf('variable')) if (v.processInstanceId === this.rootId) result[v.name] = v.value;
    return result;
  }
}

function dueMs(due: string | null): number {
  return due === null ? Number.NEGATIVE_INFINITY : new Date(due).getTime();
}

function plainVariables(instance: InstanceState): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const v of instance.variables) if (v.scopeId === instance.id && !v.taskId) result[v.name] = v.value;
  return result;
}
