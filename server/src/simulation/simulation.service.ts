/**
 * The training simulations of this server process, and the scenarios and attempts around them
 * (docs/simulation.md). Simulations live in memory only: a restart ends them all, and one unused
 * for `SIMULATION_TTL_MINUTES` is deleted with everything it created.
 *
 * Who sees what: a simulation belongs to its owner (who started it) and is visible to the
 * colleagues the owner invited (participants), who may complete only the steps handed to them.
 * Anyone else, other organisations included, gets 404 for its id. Scenarios and attempts are
 * the caller's organisation's; a trainee sees their own attempts, `simulation:run` all of them.
 */
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../engine';
import { CalendarService } from '../calendars/calendar.service';
import { AppConfig } from '../config/app-config';
import { CLOCK } from '../engine-host/tokens';
import { badRequest, CamundaRestError, notFoundRest } from '../engine-rest/camunda-rest-error';
import { forbidden, requestCaller } from '../engine-rest/controllers/caller-scope';
import type { Resource } from '../library/library.repository';
import { hasPermission, permissionsOf, type Caller } from '../security/caller';
import { IdentityRepository } from '../security/identity.repository';
import type { ScenarioDefinition, ScenarioSource } from './scenario';
import { ScenarioValidationError, validateScenario } from './scenario-validation';
import { SandboxResources } from './sandbox-resources';
import { ShippedScenarios } from './shipped-scenarios';
import { Simulation, SimulationStepError, taskStepCount, type AttemptComparison, type FiredTimer, type Person, type SimulationMode, type SimulationSetup, type SimulationState } from './simulation';
import { TrainingRepository, type Attempt, type AttemptSummary } from './training.repository';

export interface SimulationSummary {
  id: string;
  processKey: string;
  version: number | 'draft';
  clock: string;
  ended: boolean;
  mode: SimulationMode;
  scenarioName: string | null;
  role: 'owner' | 'participant';
}

export interface ScenarioSummary {
  key: string;
  name: string;
  summary: string;
  processKey: string;
  version: number | null;
  source: ScenarioSource;
  stepCount: number;
  /** The steps that complete a task (a practice's score counts these). */
  taskStepCount: number;
  createdBy: Person | null;
  createdAt: string | null;
}

/** One running simulation and when it started. */
interface Running {
  simulation: Simulation;
  startEventId: string;
  startVariables: Record<string, unknown>;
  /** The simulated time it started at (a recorded scenario's `startsAt`). */
  startsAt: string;
  /** The real time it started at (an attempt's `startedAt`). */
  startedAt: string;
  /** Practice: being compared right now (a second finish meanwhile is refused, not stored twice). */
  finishing: boolean;
}

function personOf(caller: Caller): Person {
  return { id: caller.id, name: caller.displayName };
}

/** A readable, URL-safe key for a recorded scenario named `name`. */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'scenario' : slug;
}

/** 409 InvalidRequestException: the request conflicts with what exists (as the library answers). */
function conflict(message: string): CamundaRestError {
  return new CamundaRestError(409, 'InvalidRequestException', message);
}

/** Runs a step of a simulation: a step that cannot apply is the caller's mistake (400, its message says why). */
async function applying<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SimulationStepError) throw badRequest(error.message);
    throw error;
  }
}

/** How many simulations one person may run at once (each holds an engine and its cases in memory). */
export const SIMULATIONS_PER_PERSON = 10;

@Injectable()
export class SimulationService implements OnModuleDestroy {
  private readonly running = new Map<string, Running>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly sandbox: SandboxResources,
    private readonly calendars: CalendarService,
    private readonly identity: IdentityRepository,
    private readonly training: TrainingRepository,
    private readonly shipped: ShippedScenarios,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly liveClock: Clock,
  ) {
    this.sweeper = setInterval(() => this.expire(), 60_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    this.running.clear();
  }

  private expire(): void {
    // The server's clock (a manual one in tests), not any simulation's.
    const oldest = this.liveClock.now().getTime() - this.config.simulationTtlMinutes * 60_000;
    for (const [id, { simulation }] of this.running) if (simulation.lastUsed < oldest) this.running.delete(id);
  }

  /** The caller's organisation: training runs an organisation's processes. */
  private organisation(caller: Caller): string {
    if (caller.tenantId === null) throw badRequest('Training runs the processes of an organisation: sign in as a member of one');
    return caller.tenantId;
  }

  // --- access to one simulation --------------------------------------------------------------------

  /** A simulation the caller owns or takes part in, or 404 (its existence is not disclosed to anyone else). */
  private visible(id: string): { running: Running; simulation: Simulation; viewer: Person; isOwner: boolean } {
    this.expire();
    const caller = requestCaller();
    const running = this.running.get(id);
    const simulation = running?.simulation;
    const isOwner = simulation?.owner.id === caller.id;
    if (!running || !simulation || simulation.tenantId !== caller.tenantId || (!isOwner && !simulation.participants.has(caller.id))) {
      throw notFoundRest(`Simulation ${id} does not exist`);
    }
    simulation.lastUsed = this.liveClock.now().getTime();
    return { running, simulation, viewer: personOf(caller), isOwner };
  }

  /** A simulation the caller owns: 404 as `visible`, 403 for its participants. */
  private owned(id: string, what: string): { running: Running; simulation: Simulation; viewer: Person } {
    const found = this.visible(id);
    if (!found.isOwner) throw forbidden(`Only ${found.simulation.owner.name}, who started this simulation, may ${what}`);
    return found;
  }

  // --- starting ------------------------------------------------------------------------------------

  /** A free simulation of a published version (default: the latest) or the draft, at the live time. */
  async create(processKey: string, version: number | 'draft' | undefined, startEventId: string | undefined): Promise<SimulationState> {
    const caller = requestCaller();
    const tenantId = this.organisation(caller);
    const owner = personOf(caller);
    const { xml, resources, resolved } = await this.sandbox.resourcesOf(tenantId, processKey, version);
    const start = await this.sandbox.startEventOf(xml, processKey, startEventId);
    const setup = this.setupOf(tenantId, processKey, resolved, resources, this.liveClock.now(), owner, 'free');
    return this.begin(setup, start);
  }

  /** A replay (trainer) or practice (trainee) of a scenario: its version, start event, start variables and start time. */
  async createFromScenario(scenarioKey: string, mode: 'replay' | 'practice'): Promise<SimulationState> {
    const caller = requestCaller();
    const tenantId = this.organisation(caller);
    const owner = personOf(caller);
    const { definition } = await this.scenarioOf(tenantId, scenarioKey);
    this.checkRoomFor(owner, tenantId);
    const setup = await this.scenarioSetup(tenantId, definition, owner, mode);
    // A practice is compared with the scenario played as written: if that no longer runs, say so now, not after the trainee's work.
    if (mode === 'practice') await this.referenceRun(setup);
    const simulation = new Simulation(setup);
    await applying(() => simulation.beginScenario());
    return this.keep(simulation, setup, setup.scenario!.startEventId!, definition.startVariables ?? {});
  }

  private setupOf(tenantId: string, processKey: string, version: number | 'draft', resources: Resource[], start: Date, owner: Person, mode: SimulationMode, scenario?: ScenarioDefinition): SimulationSetup {
    return {
      ownerId: owner.id,
      tenantId,
      processKey,
      version,
      resources,
      start,
      calendar: (tenant) => this.calendars.calendarFor(tenant),
      owner,
      mode,
      ...(scenario ? { scenario } : {}),
    };
  }

  /** The setup of a scenario's simulation; its start event resolved (absent: the process's none start event). */
  private async scenarioSetup(tenantId: string, definition: ScenarioDefinition, owner: Person, mode: SimulationMode): Promise<SimulationSetup> {
    const { xml, resources, resolved } = await this.sandbox.resourcesOf(tenantId, definition.processKey, definition.version);
    const startEventId = await this.sandbox.startEventOf(xml, definition.processKey, definition.startEventId);
    return this.setupOf(tenantId, definition.processKey, resolved, resources, new Date(definition.startsAt), owner, mode, { ...definition, startEventId });
  }

  private async begin(setup: SimulationSetup, startEventId: string): Promise<SimulationState> {
    this.checkRoomFor(setup.owner, setup.tenantId);
    const simulation = new Simulation(setup);
    await applying(() => simulation.begin(startEventId, {}));
    return this.keep(simulation, setup, startEventId, {});
  }

  /** Each simulation holds an engine in memory: one person may run `SIMULATIONS_PER_PERSON` at once. */
  private checkRoomFor(owner: Person, tenantId: string): void {
    this.expire();
    let owned = 0;
    for (const { simulation } of this.running.values()) if (simulation.owner.id === owner.id && simulation.tenantId === tenantId) owned++;
    if (owned >= SIMULATIONS_PER_PERSON) throw conflict(`You have ${owned} simulations running, the most one person may run at once: end one first`);
  }

  private keep(simulation: Simulation, setup: SimulationSetup, startEventId: string, startVariables: Record<string, unknown>): SimulationState {
    simulation.lastUsed = this.liveClock.now().getTime();
    this.running.set(simulation.id, { simulation, startEventId, startVariables, startsAt: setup.start.toISOString(), startedAt: this.liveClock.now().toISOString(), finishing: false });
    return simulation.state(setup.owner);
  }

  /** Runs every step of the setup's scenario on its own sandbox; 409 naming the step when the process no longer fits it. */
  private async referenceRun(setup: SimulationSetup): Promise<Simulation> {
    const scenario = setup.scenario!;
    try {
      return await Simulation.reference(setup, scenario);
    } catch (error) {
      if (error instanceof SimulationStepError) throw conflict(`Scenario '${scenario.key}' no longer fits process '${scenario.processKey}': ${error.message}`);
      throw error;
    }
  }

  // --- the simulations -----------------------------------------------------------------------------

  /** The caller's simulations: those they own and those they were invited to. */
  list(): SimulationSummary[] {
    this.expire();
    const caller = requestCaller();
    const viewer = personOf(caller);
    const summaries: SimulationSummary[] = [];
    for (const { simulation } of this.running.values()) {
      if (simulation.tenantId !== caller.tenantId) continue;
      const role = simulation.owner.id === caller.id ? 'owner' : simulation.participants.has(caller.id) ? 'participant' : null;
      if (role === null) continue;
      const state = simulation.state(viewer);
      summaries.push({ id: simulation.id, processKey: simulation.processKey, version: simulation.version, clock: state.clock, ended: state.ended, mode: simulation.mode, scenarioName: simulation.scenario?.name ?? null, role });
    }
    return summaries;
  }

  get(id: string): SimulationState {
    const { simulation, viewer } = this.visible(id);
    return simulation.state(viewer);
  }

  /** The owner completes any task; a participant only the tasks handed to them. */
  async completeTask(id: string, taskId: string, values: Record<string, unknown>): Promise<SimulationState> {
    const { simulation, viewer, isOwner } = this.visible(id);
    if (!simulation.hasTask(taskId)) throw notFoundRest(`Task ${taskId} does not exist in simulation ${id}`);
    if (!isOwner) {
      const handedTo = simulation.handedTo(taskId);
      if (handedTo?.id !== viewer.id) {
        throw forbidden(handedTo ? `This step is handed to ${handedTo.name}` : `This step is not handed to you: ${simulation.owner.name} hands you the steps that are yours`);
      }
    }
    await applying(() => simulation.completeTask(taskId, values, viewer));
    return simulation.state(viewer);
  }

  async completeExternalTask(id: string, externalTaskId: string, values: Record<string, unknown>): Promise<SimulationState> {
    const { simulation, viewer } = this.owned(id, 'complete its external tasks');
    if (!simulation.hasExternalTask(externalTaskId)) throw notFoundRest(`External task ${externalTaskId} does not exist in simulation ${id}`);
    await applying(() => simulation.completeExternalTask(externalTaskId, values, viewer));
    return simulation.state(viewer);
  }

  async advance(id: string, by: { hours?: number; workingDays?: number; toNextDeadline?: boolean }): Promise<SimulationState & { fired: FiredTimer[] }> {
    const { simulation, viewer } = this.owned(id, 'move its clock');
    const fired = await applying(() => simulation.advance(by, viewer));
    return { ...simulation.state(viewer), fired };
  }

  /** A replay plays the scenario's next step (or all remaining ones) as the owner. */
  async replay(id: string, all: boolean): Promise<SimulationState & { fired: FiredTimer[] }> {
    const { simulation, viewer } = this.owned(id, 'play its scenario');
    if (simulation.mode !== 'replay') throw badRequest('Only a replay of a scenario plays its steps: start one from the scenario');
    const fired = await applying(() => (all ? simulation.replayAll() : simulation.replayNext()));
    return { ...simulation.state(viewer), fired };
  }

  delete(id: string): void {
    this.running.delete(this.owned(id, 'end it').simulation.id);
  }

  // --- participants --------------------------------------------------------------------------------

  /** Active users of the caller's organisation who may take part in training, the caller left out. */
  async people(): Promise<Person[]> {
    const caller = requestCaller();
    const users = await this.identity.listUsers(this.organisation(caller));
    return users
      .filter((u) => !u.disabled && u.id !== caller.id && permissionsOf(u.roles).has('simulation:practise'))
      .map((u) => ({ id: u.id, name: u.displayName }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** A colleague who may be invited: same organisation, active, able to practise, not the owner. */
  private async colleague(simulation: Simulation, userId: string): Promise<Person> {
    const user = await this.identity.findUserById(userId);
    if (!user || user.tenantId !== simulation.tenantId || user.disabled) throw notFoundRest(`No colleague with id ${userId}`);
    if (user.id === simulation.owner.id) throw badRequest('You started this simulation: invite a colleague');
    if (!permissionsOf(user.roles).has('simulation:practise')) throw badRequest(`${user.displayName} has no training role and could not open the simulation`);
    return { id: user.id, name: user.displayName };
  }

  async invite(id: string, userId: string): Promise<SimulationState> {
    const { simulation, viewer } = this.owned(id, 'invite colleagues');
    simulation.invite(await this.colleague(simulation, userId));
    return simulation.state(viewer);
  }

  /** Hands a task to a participant (inviting them if needed), or takes it back with `userId` null. */
  async hand(id: string, taskId: string, userId: string | null): Promise<SimulationState> {
    const { simulation, viewer } = this.owned(id, 'hand its steps to others');
    if (!simulation.hasTask(taskId)) throw notFoundRest(`Task ${taskId} does not exist in simulation ${id}`);
    if (userId === null) {
      simulation.handTask(taskId, null);
    } else {
      const person = await this.colleague(simulation, userId);
      if (!simulation.participants.has(person.id)) simulation.invite(person);
      simulation.handTask(taskId, person);
    }
    return simulation.state(viewer);
  }

  // --- practice and attempts -----------------------------------------------------------------------

  /** Ends a practice: compares it with the scenario played as written and stores the attempt. */
  async finish(id: string): Promise<Attempt> {
    const { running, simulation } = this.owned(id, 'finish it');
    if (simulation.mode !== 'practice' || simulation.scenario === null) throw badRequest('Only a practice is finished and scored: end other simulations with DELETE');
    if (simulation.finished || running.finishing) throw conflict('This practice is finished already');
    const scenario = simulation.scenario;
    let result: AttemptComparison;
    running.finishing = true;
    try {
      result = await simulation.finish();
    } catch (error) {
      if (error instanceof SimulationStepError) throw conflict(`Scenario '${scenario.key}' no longer fits process '${scenario.processKey}': ${error.message}`);
      throw error;
    } finally {
      running.finishing = false;
    }
    const attempt: Attempt = {
      id: randomUUID(),
      scenarioKey: result.scenarioKey,
      scenarioName: result.scenarioName,
      trainee: simulation.owner,
      startedAt: running.startedAt,
      finishedAt: this.liveClock.now().toISOString(),
      matched: result.matched,
      total: result.total,
      score: result.score,
      result,
    };
    await this.training.insertAttempt(simulation.tenantId, attempt);
    return attempt;
  }

  /** The caller's attempts; with `simulation:run` every attempt of the organisation. */
  async attempts(scenarioKey: string | undefined): Promise<AttemptSummary[]> {
    const caller = requestCaller();
    const traineeId = hasPermission(caller, 'simulation:run') ? undefined : caller.id;
    return this.training.attempts(this.organisation(caller), { traineeId, scenarioKey });
  }

  async attempt(id: string): Promise<Attempt> {
    const caller = requestCaller();
    const attempt = await this.training.attempt(this.organisation(caller), id);
    if (!attempt || (attempt.trainee.id !== caller.id && !hasPermission(caller, 'simulation:run'))) throw notFoundRest(`Attempt ${id} does not exist`);
    return attempt;
  }

  // --- scenarios -----------------------------------------------------------------------------------

  private async scenarioOf(tenantId: string, key: string): Promise<{ definition: ScenarioDefinition; source: ScenarioSource }> {
    const shipped = this.shipped.find(tenantId, key);
    if (shipped) return { definition: shipped, source: 'shipped' };
    const recorded = await this.training.scenario(tenantId, key);
    if (recorded) return { definition: recorded.definition, source: 'recorded' };
    throw notFoundRest(`Scenario '${key}' does not exist`);
  }

  /** The organisation's shipped scenarios, then the recorded ones. */
  async scenarios(): Promise<ScenarioSummary[]> {
    const tenantId = this.organisation(requestCaller());
    const shipped = this.shipped.of(tenantId).map((definition) => summaryOf(definition, 'shipped', null, null));
    const recorded = (await this.training.scenarios(tenantId)).map((r) => summaryOf(r.definition, 'recorded', r.createdBy, r.createdAt));
    return [...shipped, ...recorded];
  }

  /** A scenario with its answers (for trainers). */
  async scenario(key: string): Promise<ScenarioDefinition> {
    return (await this.scenarioOf(this.organisation(requestCaller()), key)).definition;
  }

  /** Records what was done in one of the caller's simulations as a scenario of the organisation. */
  async record(simulationId: string, name: string, summary: string, key: string | undefined): Promise<ScenarioSummary> {
    const caller = requestCaller();
    const tenantId = this.organisation(caller);
    const { running, simulation } = this.owned(simulationId, 'record it');
    if (simulation.log.length === 0) throw badRequest('Nothing to record yet: complete a step or move the clock first');
    const scenarioKey = key ?? slugOf(name);
    let definition: ScenarioDefinition;
    try {
      // Only the step itself is kept: not when or by whom it was done, nor what fired (the replay finds that out again).
      definition = validateScenario({
        key: scenarioKey,
        name,
        summary,
        processKey: simulation.processKey,
        ...(simulation.version === 'draft' ? {} : { version: simulation.version }),
        startEventId: running.startEventId,
        startVariables: running.startVariables,
        startsAt: running.startsAt,
        steps: simulation.log,
      });
    } catch (error) {
      if (error instanceof ScenarioValidationError) throw badRequest(`The simulation cannot be recorded: ${error.message}`);
      throw error;
    }
    if (this.shipped.find(tenantId, scenarioKey)) throw conflict(`Scenario '${scenarioKey}' exists already: give another key`);
    // A draft can change: what was recorded on it must run on the published version it will replay on.
    if (simulation.version === 'draft') await this.referenceRun(await this.scenarioSetup(tenantId, definition, personOf(caller), 'replay'));
    const createdAt = this.liveClock.now();
    if (!(await this.training.insertScenario(tenantId, definition, personOf(caller), createdAt))) throw conflict(`Scenario '${scenarioKey}' exists already: give another key`);
    return summaryOf(definition, 'recorded', personOf(caller), createdAt.toISOString());
  }

  async deleteScenario(key: string): Promise<void> {
    const tenantId = this.organisation(requestCaller());
    if (this.shipped.find(tenantId, key)) throw badRequest(`Scenario '${key}' comes with the organisation's procedures and cannot be deleted`);
    if (!(await this.training.deleteScenario(tenantId, key))) throw notFoundRest(`Scenario '${key}' does not exist`);
  }
}

function summaryOf(definition: ScenarioDefinition, source: ScenarioSource, createdBy: Person | null, createdAt: string | null): ScenarioSummary {
  return {
    key: definition.key,
    name: definition.name,
    summary: definition.summary,
    processKey: definition.processKey,
    version: definition.version ?? null,
    source,
    stepCount: definition.steps.length,
    taskStepCount: taskStepCount(definition),
    createdBy,
    createdAt,
  };
}
