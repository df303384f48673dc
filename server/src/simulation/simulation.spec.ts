/**
 * A training simulation on Tai Calon's real disclosure process (processes/tai-calon with the
 * shared DASH pieces, as the app deploys an organisation) and England & Wales working days:
 * the log of what was done, replaying it, clear refusals, and handing steps to participants.
 * The clock starts on Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import type { ScenarioDefinition } from './scenario';
import { Simulation, SimulationStepError, scenarioStepOf, type Person, type SimulationMode } from './simulation';
import { NOT_REACHED_ANSWERS, ONE_WORKING_DAY_LATER, PROCESS, RISK_FACTOR_ANSWERS, START_EVENT, T0, TENANT, disclosureAnswers, officeCalendar, taiCalonResources } from '../../../tests/support/tai-calon-training';

const RESOURCES = taiCalonResources();
const CALENDAR = officeCalendar();


const TRAINER: Person = { id: 'u-trainer', name: 'Tia Trainer' };
const CHO: Person = { id: 'u-cho', name: 'Cerys CHO' };
const MANAGER: Person = { id: 'u-manager', name: 'Huw Manager' };

const DISCLOSURE = disclosureAnswers();
const RISK_FACTORS = RISK_FACTOR_ANSWERS;
const NOT_REACHED = NOT_REACHED_ANSWERS;

function scenarioOf(steps: ScenarioDefinition['steps']): ScenarioDefinition {
  return { key: 'spec', name: 'Spec walk-through', summary: 'A direct report', processKey: PROCESS, startEventId: START_EVENT, startsAt: T0, steps };
}

function setup(mode: SimulationMode, scenario?: ScenarioDefinition) {
  return { ownerId: TRAINER.id, tenantId: TENANT, processKey: PROCESS, version: 1, resources: RESOURCES, start: new Date(T0), calendar: () => CALENDAR, owner: TRAINER, mode, scenario };
}

async function freeSimulation(): Promise<Simulation> {
  const simulation = new Simulation(setup('free'));
  await simulation.begin(START_EVENT, {});
  return simulation;
}

function taskId(simulation: Simulation, taskKey: string): string {
  const task = simulation.state(TRAINER).tasks.find((t) => t.taskKey === taskKey);
  if (!task) throw new Error(`no open ${taskKey}`);
  return task.id;
}

async function rejection(work: Promise<unknown>): Promise<SimulationStepError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SimulationStepError);
  return error as SimulationStepError;
}

describe('a training simulation', () => {
  it('logs every action: what was done, by whom, at which simulated time, and what fired', async () => {
    // Given a free simulation of a direct report
    const simulation = await freeSimulation();

    // When the trainer logs the disclosure, completes the risk factors by step and moves the clock
    await simulation.completeTask(taskId(simulation, 'log_disclosure'), DISCLOSURE, TRAINER);
    await simulation.applyStep({ kind: 'complete', taskKey: 'consider_risk_factors', values: RISK_FACTORS }, TRAINER);
    const fired = await simulation.advance({ workingDays: 1 }, TRAINER);

    // Then the log holds the three actions in order, with the answers as submitted
    expect(simulation.log.map(scenarioStepOf)).toEqual([
      { kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE },
      { kind: 'complete', taskKey: 'consider_risk_factors', values: RISK_FACTORS },
      { kind: 'advance', workingDays: 1 },
    ]);
    expect(simulation.log.map((s) => [s.at, s.by])).toEqual([[T0, TRAINER], [T0, TRAINER], [T0, TRAINER]]);
    expect(simulation.log[2].fired).toEqual(fired);
    expect(fired.map((f) => f.activityId)).toContain('t_safe_contact_due');
    expect(simulation.state(TRAINER).clock).toBe(ONE_WORKING_DAY_LATER);
    expect(simulation.state(TRAINER).log).toHaveLength(3);
  });

  it('shows the path in the order things happened, and only its own cases\' timers', async () => {
    const simulation = await freeSimulation();
    await simulation.completeTask(taskId(simulation, 'log_disclosure'), DISCLOSURE, TRAINER);

    const state = simulation.state(TRAINER);
    expect(state.path.slice(0, 6)).toEqual([START_EVENT, 'log_disclosure', 'g_in_scope', 'assign_patch_cho', 'pg_initial', 'add_case_to_react']);
    expect(state.path.indexOf('safe_contact_window')).toBeLessThan(state.path.indexOf('consider_risk_factors'));
    // The newsletter process's timer start event is deployed in the sandbox but is not this simulation's case.
    expect(state.pendingTimers.map((t) => t.activityId)).not.toContain('start_newsletter_edition');
    expect(state.pendingTimers).toEqual(expect.arrayContaining([{ activityId: 't_safe_contact_due', due: ONE_WORKING_DAY_LATER }]));
    expect(state.tasks.map((t) => t.formSchema?.type)).toEqual(['default', 'default']);
  });

  it('replays a recorded log to the same path, step by step or all at once', async () => {
    // Given a walk-through recorded in a free simulation
    const recorded = await freeSimulation();
    await recorded.applyStep({ kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE }, TRAINER);
    await recorded.applyStep({ kind: 'complete', taskKey: 'consider_risk_factors', values: RISK_FACTORS }, TRAINER);
    await recorded.applyStep({ kind: 'complete', taskKey: 'make_safe_telephone_contact', values: NOT_REACHED }, TRAINER);
    await recorded.applyStep({ kind: 'advance', workingDays: 1 }, TRAINER);
    const scenario = scenarioOf(recorded.log.map(scenarioStepOf));

    // When a replay plays the first step, then the rest
    const replay = new Simulation(setup('replay', scenario));
    await replay.beginScenario();
    expect(replay.state(TRAINER).scenario).toMatchObject({ cursor: 0, nextStep: scenario.steps[0], stepCount: 4 });
    await replay.replayNext();
    expect(replay.cursor).toBe(1);
    await replay.replayAll();

    // Then it went the same way, and the log says the owner did it
    const [original, replayed] = [recorded.state(TRAINER), replay.state(TRAINER)];
    expect(replayed.path).toEqual(original.path);
    expect(replayed.clock).toBe(original.clock);
    expect(replayed.tasks.map((t) => t.taskKey)).toEqual(original.tasks.map((t) => t.taskKey));
    expect(replayed.scenario).toMatchObject({ cursor: 4, nextStep: null });
    expect(replay.log.every((s) => s.by.id === TRAINER.id)).toBe(true);
    expect((await rejection(replay.replayNext())).message).toMatch(/no more steps/);
  });

  it('tells a trainee the story of a practice as it unfolds, without its answers', async () => {
    const scenario = scenarioOf([
      { kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE, note: 'The victim phones reception.' },
      { kind: 'advance', hours: 1, note: 'An hour passes.' },
      { kind: 'complete', taskKey: 'add_case_to_react', values: { reactReference: 'R-1', reactAddedAt: '2027-03-02T10:00:00.000Z' }, note: 'The CHO adds the case to ReACT.' },
      { kind: 'advance', hours: 1, note: 'The end.' },
    ]);
    const practice = new Simulation(setup('practice', scenario));
    await practice.beginScenario();

    const view = practice.state(TRAINER).scenario!;
    expect(view).toEqual({
      key: 'spec', name: 'Spec walk-through', summary: 'A direct report', stepCount: 4, taskStepCount: 2, cursor: null, nextStep: null,
      story: [{ index: 0, kind: 'complete', taskKey: 'log_disclosure', note: 'The victim phones reception.' }],
    });
    expect(JSON.stringify(view)).not.toContain('Trainee Victim');
    expect((await rejection(practice.replayNext())).message).toBe('Only a replay of a scenario plays its steps.');

    // Once the trainee has logged the disclosure, the story goes on to the next step they decide on, and no further.
    await practice.applyStep(scenario.steps[0], TRAINER);
    expect(practice.state(TRAINER).scenario!.story.map((s) => s.note)).toEqual(['The victim phones reception.', 'An hour passes.', 'The CHO adds the case to ReACT.']);
    // A finished practice tells all of it.
    await practice.finish();
    expect(practice.state(TRAINER).scenario!.story).toHaveLength(4);
  });

  it('refuses a step that cannot apply, saying why', async () => {
    const simulation = await freeSimulation();

    const unknown = await rejection(simulation.applyStep({ kind: 'complete', taskKey: 'close_case', values: {} }, TRAINER));
    expect(unknown.message).toBe("No open step 'close_case'. The open steps are 'log_disclosure' (Log the disclosure).");

    const invalid = await rejection(simulation.applyStep({ kind: 'complete', taskKey: 'log_disclosure', values: { disclosureRoute: 'Direct report from the victim' } }, TRAINER));
    expect(invalid.message).toMatch(/victimName|Victim's name/);

    const noMessage = await rejection(simulation.applyStep({ kind: 'message', messageName: 'tc_no_such_message' }, TRAINER));
    expect(noMessage.message).toMatch(/Cannot correlate message 'tc_no_such_message'/);

    expect((await rejection(simulation.advance({ to: '2027-03-01T10:00:00Z' }, TRAINER))).message).toMatch(/cannot go back/);
    expect((await rejection(simulation.advance({ hours: 1, workingDays: 1 }, TRAINER))).message).toMatch(/exactly one/);
    expect((await rejection(simulation.applyStep({ kind: 'external', activityId: 'nowhere' }, TRAINER))).message).toBe("No open external task at 'nowhere'.");

    // Nothing was done, so nothing was logged
    expect(simulation.log).toEqual([]);
    expect(simulation.state(TRAINER).tasks.map((t) => t.taskKey)).toEqual(['log_disclosure']);
  });

  it('moves the clock to a given instant and takes a message to a waiting case', async () => {
    const simulation = await freeSimulation();
    await simulation.applyStep({ kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE }, TRAINER);

    await simulation.applyStep({ kind: 'advance', to: '2027-03-02T12:30:00Z' }, TRAINER);
    await simulation.applyStep({ kind: 'message', messageName: 'tc_risk_increased' }, CHO);

    const state = simulation.state(TRAINER);
    expect(state.clock).toBe('2027-03-02T12:30:00.000Z');
    expect(state.tasks.map((t) => t.taskKey)).toContain('liaise_with_cso_on_risk_change');
    expect(state.log.slice(1).map((s) => [s.kind, s.at, s.by.id])).toEqual([
      ['advance', T0, TRAINER.id],
      ['message', '2027-03-02T12:30:00.000Z', CHO.id],
    ]);
  });

  it('names the step of a scenario that cannot be played as written', async () => {
    const broken = scenarioOf([
      { kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE },
      { kind: 'complete', taskKey: 'close_case', values: {} },
    ]);
    const error = await rejection(Simulation.reference(setup('practice', broken), broken));
    expect(error.message).toMatch(/^Step 2 of 2 of scenario 'spec' \(complete 'close_case'\) cannot be played: No open step 'close_case'/);
  });

  describe('handing steps to participants', () => {
    it('lets a participant complete only the steps handed to them; the owner any', async () => {
      const simulation = await freeSimulation();
      await simulation.completeTask(taskId(simulation, 'log_disclosure'), DISCLOSURE, TRAINER);
      const react = taskId(simulation, 'add_case_to_react');
      const risk = taskId(simulation, 'consider_risk_factors');

      // When the trainer hands the risk factors to a CHO not yet invited
      simulation.handTask(risk, CHO);

      // Then the CHO is a participant and may complete that step only
      expect(simulation.state(TRAINER).participants).toEqual([CHO]);
      expect(simulation.handedTo(risk)).toEqual(CHO);
      const seenByCho = simulation.state(CHO);
      expect(seenByCho.viewerIsOwner).toBe(false);
      expect(seenByCho.tasks.map((t) => [t.taskKey, t.handedTo?.id ?? null, t.mayComplete])).toEqual([
        ['add_case_to_react', null, false],
        ['consider_risk_factors', CHO.id, true],
      ]);
      expect(simulation.state(TRAINER).tasks.every((t) => t.mayComplete)).toBe(true);
      expect(simulation.mayComplete(react, CHO)).toBe(false);

      // And another invited colleague may complete neither
      simulation.invite(MANAGER);
      expect(simulation.state(MANAGER).tasks.some((t) => t.mayComplete)).toBe(false);

      // When the CHO completes it, the log says so and the hand-over ends with the task
      await simulation.completeTask(risk, RISK_FACTORS, CHO);
      expect(simulation.log.at(-1)).toMatchObject({ kind: 'complete', taskKey: 'consider_risk_factors', by: CHO });
      expect(simulation.handedTo(risk)).toBeNull();

      // Taking a step back, and handing a step that is not open
      simulation.handTask(react, MANAGER);
      simulation.handTask(react, null);
      expect(simulation.handedTo(react)).toBeNull();
      expect(() => simulation.handTask('no-such-task', CHO)).toThrow(new SimulationStepError('Task no-such-task is not open in this simulation.'));
    });
  });
});
