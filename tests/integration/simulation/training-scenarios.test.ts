/**
 * Training scenarios (docs/simulation.md): a trainer records what they did in a simulation as a
 * scenario and replays it step by step or at once, reaching the same path; scenarios shipped with
 * an organisation's procedures are listed for that organisation only, and a broken file is
 * skipped with a warning that names the file, not its content.
 *
 * The shipped scenarios come from a copy of `processes/` in a temporary folder (PROCESSES_DIR)
 * with this file's own scenario files, so the test does not depend on the library's scenarios.
 * The live clock is a manual one: Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import { Logger } from '@nestjs/common';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { ManualClock } from '../../../server/engine';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { SIMULATIONS_PER_PERSON } from '../../../server/src/simulation/simulation.service';
import { signIn, type Agent } from '../../support/auth';
import { createTestApp, type TestApp } from '../../support/test-app';
import { ONE_WORKING_DAY_LATER, PROCESS, REACT_ANSWERS, RISK_FACTOR_ANSWERS, T0, disclosureAnswers } from '../../support/tai-calon-training';


const DISCLOSURE = disclosureAnswers();
const REACT = REACT_ANSWERS;
const RISK_FACTORS = RISK_FACTOR_ANSWERS;

/** A shipped scenario of Tai Calon: a disclosure late on a Friday, then the clock moves a working day. */
const TC_SHIPPED = {
  key: 'TC-T1',
  name: 'Friday afternoon disclosure',
  summary: 'A tenant discloses abuse at 16:30 on a Friday.',
  processKey: PROCESS,
  startEventId: 'start_direct_report_victim',
  startsAt: '2026-05-22T16:30:00+01:00',
  steps: [
    { kind: 'complete', taskKey: 'log_disclosure', values: { ...DISCLOSURE, receivedAt: '2026-05-22T15:30:00.000Z' }, note: 'Log what you were told.' },
    { kind: 'advance', workingDays: 1 },
  ],
};
const CMG_SHIPPED = {
  key: 'CMG-T1',
  name: 'A caller mentions abuse',
  summary: 'A customer talks about domestic abuse on the phone.',
  processKey: 'cmg_da_call_handling',
  startsAt: '2026-06-01T10:00:00+01:00',
  steps: [{ kind: 'complete', taskKey: 'ask_are_you_safe', values: {} }],
};
/** Content that must never reach a log line. */
const BROKEN_MARKER = 'BROKEN-SCENARIO-CONTENT';

interface SimState {
  id: string;
  clock: string;
  mode: string;
  tasks: { id: string; taskKey: string }[];
  position: string[];
  path: string[];
  log: { kind: string; at: string; by: { id: string; name: string } }[];
  scenario: { key: string; cursor: number | null; stepCount: number; nextStep: { kind: string } | null; story: { note: string | null }[] } | null;
  fired?: { activityId: string }[];
}

jest.setTimeout(120_000);

describe('training scenarios', () => {
  let t: TestApp;
  let dir: string;
  let trainer: Agent;
  let cmgTrainer: Agent;
  let staff: Agent;
  let free: SimState;
  const liveClock = new ManualClock(new Date(T0));
  /** Shorter than the default 240, so that moving the live clock past it keeps everyone's session (idle limit). */
  const TTL_MINUTES = 5;
  const warnings: string[] = [];

  async function complete(agent: Agent, id: string, taskKey: string, values: Record<string, unknown>): Promise<SimState> {
    const task = ((await agent.get(`/api/simulations/${id}`)).body as SimState).tasks.find((x) => x.taskKey === taskKey);
    if (!task) throw new Error(`no open ${taskKey} in simulation`);
    const response = await agent.post(`/api/simulations/${id}/tasks/${task.id}/complete`).send({ values });
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safepath-scenarios-'));
    for (const folder of ['_shared', 'tai-calon', 'cmg']) {
      cpSync(join(__dirname, '../../../processes', folder), join(dir, folder), { recursive: true, filter: (source) => !source.split(sep).includes('scenarios') });
    }
    mkdirSync(join(dir, 'tai-calon', 'scenarios'));
    mkdirSync(join(dir, 'cmg', 'scenarios'));
    writeFileSync(join(dir, 'tai-calon', 'scenarios', 'tc-t1.scenario.json'), JSON.stringify(TC_SHIPPED));
    writeFileSync(join(dir, 'tai-calon', 'scenarios', 'broken.scenario.json'), JSON.stringify({ ...TC_SHIPPED, key: 'TC-T2', startsAt: BROKEN_MARKER }));
    writeFileSync(join(dir, 'tai-calon', 'scenarios', 'not-json.scenario.json'), `{ "key": "${BROKEN_MARKER}",`);
    writeFileSync(join(dir, 'cmg', 'scenarios', 'cmg-t1.scenario.json'), JSON.stringify(CMG_SHIPPED));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));

    t = await createTestApp({ clock: liveClock, config: { processesDir: dir, simulationTtlMinutes: TTL_MINUTES } });
    await t.host.scheduler.queue.pause();
    for (const { tenantId, resources } of readProcessDirectory(dir)) await t.engine.deploy({ name: tenantId, tenantId, resources });
    trainer = await signIn(t, 'tc.trainer');
    cmgTrainer = await signIn(t, 'cmg.trainer');
    staff = await signIn(t, 'tc.cho');
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('records what a trainer did in a simulation as a scenario of the organisation', async () => {
    const created = await trainer.post('/api/simulations').send({ processKey: PROCESS });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ mode: 'free', clock: T0, scenario: null });
    const id = created.body.id;
    await complete(trainer, id, 'log_disclosure', DISCLOSURE);
    await complete(trainer, id, 'add_case_to_react', REACT);
    await complete(trainer, id, 'consider_risk_factors', RISK_FACTORS);
    const advanced = await trainer.post(`/api/simulations/${id}/advance`).send({ workingDays: 1 });
    expect(advanced.status).toBe(200);
    free = advanced.body;
    expect(free.log.map((step) => step.kind)).toEqual(['complete', 'complete', 'complete', 'advance']);
    expect(free.path).toContain('escalate_safe_contact_overdue');

    const recorded = await trainer.post('/api/simulations/scenarios').send({ simulationId: id, name: 'Safe contact missed', summary: 'Nobody reaches the victim within a working day.' });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toEqual({
      key: 'safe-contact-missed',
      name: 'Safe contact missed',
      summary: 'Nobody reaches the victim within a working day.',
      processKey: PROCESS,
      version: 1,
      source: 'recorded',
      stepCount: 4,
      taskStepCount: 3,
      createdBy: { id: expect.any(String), name: 'Tai Calon trainer' },
      createdAt: T0,
    });

    const definition = await trainer.get('/api/simulations/scenarios/safe-contact-missed');
    expect(definition.status).toBe(200);
    expect(definition.body).toEqual({
      key: 'safe-contact-missed',
      name: 'Safe contact missed',
      summary: 'Nobody reaches the victim within a working day.',
      processKey: PROCESS,
      version: 1,
      startEventId: 'start_direct_report_victim',
      startsAt: T0,
      steps: [
        { kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE },
        { kind: 'complete', taskKey: 'add_case_to_react', values: REACT },
        { kind: 'complete', taskKey: 'consider_risk_factors', values: RISK_FACTORS },
        { kind: 'advance', workingDays: 1 },
      ],
    });

    const again = await trainer.post('/api/simulations/scenarios').send({ simulationId: id, name: 'Safe contact missed' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain("'safe-contact-missed' exists already");
    expect((await trainer.delete(`/api/simulations/${id}`)).status).toBe(204);
  });

  it('replays the recorded scenario step by step to the same path', async () => {
    const started = await trainer.post('/api/simulations').send({ scenarioKey: 'safe-contact-missed' });
    expect(started.status).toBe(201);
    let state: SimState = started.body;
    expect(state).toMatchObject({ mode: 'replay', clock: T0, scenario: { key: 'safe-contact-missed', cursor: 0, stepCount: 4, nextStep: { kind: 'complete' } } });
    expect(state.tasks.map((task) => task.taskKey)).toEqual(['log_disclosure']);
    for (let cursor = 1; cursor <= 4; cursor++) {
      const played = await trainer.post(`/api/simulations/${state.id}/replay`).send({});
      expect(played.status).toBe(200);
      state = played.body;
      expect(state.scenario!.cursor).toBe(cursor);
    }
    expect(state.clock).toBe(ONE_WORKING_DAY_LATER);
    expect(state.fired!.map((f) => f.activityId)).toContain('t_safe_contact_due');
    expect(state.path).toEqual(free.path);
    expect(state.scenario!.nextStep).toBeNull();

    const beyond = await trainer.post(`/api/simulations/${state.id}/replay`).send({});
    expect(beyond.status).toBe(400);
    expect(beyond.body.type).toBe('InvalidRequestException');
    expect(beyond.body.message).toContain('no more steps');
  });

  it('replays it at once to the same path', async () => {
    const started = await trainer.post('/api/simulations').send({ scenarioKey: 'safe-contact-missed' });
    const played = await trainer.post(`/api/simulations/${started.body.id}/replay`).send({ all: true });
    expect(played.status).toBe(200);
    expect(played.body.scenario.cursor).toBe(4);
    expect(played.body.path).toEqual(free.path);
    expect(played.body.fired.map((f: { activityId: string }) => f.activityId)).toContain('t_safe_contact_due');
  });

  it("lists the organisation's shipped and recorded scenarios, and no other organisation's", async () => {
    const tc = await staff.get('/api/simulations/scenarios');
    expect(tc.status).toBe(200);
    expect(tc.body.map((s: { key: string; source: string }) => `${s.source} ${s.key}`)).toEqual(['shipped TC-T1', 'recorded safe-contact-missed']);
    expect(tc.body[0]).toEqual({
      key: 'TC-T1',
      name: 'Friday afternoon disclosure',
      summary: 'A tenant discloses abuse at 16:30 on a Friday.',
      processKey: PROCESS,
      version: null,
      source: 'shipped',
      stepCount: 2,
      taskStepCount: 1,
      createdBy: null,
      createdAt: null,
    });
    const cmg = await cmgTrainer.get('/api/simulations/scenarios');
    expect(cmg.status).toBe(200);
    expect(cmg.body.map((s: { key: string }) => s.key)).toEqual(['CMG-T1']);
    for (const key of ['TC-T1', 'safe-contact-missed']) {
      const foreign = await cmgTrainer.get(`/api/simulations/scenarios/${key}`);
      expect(foreign.status).toBe(404);
      expect((await cmgTrainer.post('/api/simulations').send({ scenarioKey: key })).status).toBe(404);
      expect((await cmgTrainer.delete(`/api/simulations/scenarios/${key}`)).status).toBe(404);
    }
  });

  it('skips a broken scenario file with a warning naming the file, never its content', () => {
    const skipped = warnings.filter((w) => w.includes('scenario.json'));
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/processes\/tai-calon\/scenarios\/broken\.scenario\.json: startsAt must be an ISO 8601 instant/),
        expect.stringMatching(/processes\/tai-calon\/scenarios\/not-json\.scenario\.json: not readable JSON/),
      ]),
    );
    expect(warnings.join('\n')).not.toContain(BROKEN_MARKER);
  });

  it("starts a shipped scenario's replay at its start time and start event", async () => {
    const started = await trainer.post('/api/simulations').send({ scenarioKey: 'TC-T1' });
    expect(started.status).toBe(201);
    expect(started.body.clock).toBe('2026-05-22T15:30:00.000Z');
    expect(started.body.path[0]).toBe('start_direct_report_victim');
    expect(started.body.scenario.story[0].note).toBe('Log what you were told.');
    const played = await trainer.post(`/api/simulations/${started.body.id}/replay`).send({ all: true });
    expect(played.status).toBe(200);
    // One working day after Friday 22 May 2026 16:30 is Tuesday 16:30: Monday 25 May is a bank holiday.
    expect(played.body.clock).toBe('2026-05-26T15:30:00.000Z');
    expect(played.body.tasks.map((task: { taskKey: string }) => task.taskKey)).toEqual(expect.arrayContaining(['add_case_to_react', 'consider_risk_factors']));
  });

  it('deletes recorded scenarios only', async () => {
    const shipped = await trainer.delete('/api/simulations/scenarios/TC-T1');
    expect(shipped.status).toBe(400);
    expect(shipped.body.message).toContain('cannot be deleted');
    expect((await trainer.delete('/api/simulations/scenarios/safe-contact-missed')).status).toBe(204);
    expect((await trainer.get('/api/simulations/scenarios/safe-contact-missed')).status).toBe(404);
    expect((await trainer.delete('/api/simulations/scenarios/safe-contact-missed')).status).toBe(404);
  });

  it(`lets one person run at most ${SIMULATIONS_PER_PERSON} simulations at once, and no more once they end one`, async () => {
    const person = await signIn(t, 'tc.policy');
    const started: string[] = [];
    for (let i = 0; i < SIMULATIONS_PER_PERSON; i++) {
      const response = await person.post('/api/simulations').send({ processKey: PROCESS });
      expect(response.status).toBe(201);
      started.push(response.body.id);
    }
    const refused = await person.post('/api/simulations').send({ processKey: PROCESS });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ type: 'InvalidRequestException', message: expect.stringContaining('end one first') });
    // Another person is not held back by it.
    const other = await (await signIn(t, 'tc.manager')).post('/api/simulations').send({ processKey: PROCESS });
    expect(other.status).toBe(201);
    expect((await person.delete(`/api/simulations/${started[0]}`)).status).toBe(204);
    expect((await person.post('/api/simulations').send({ processKey: PROCESS })).status).toBe(201);
  });

  it('starts a process that only a timer starts (a newsletter edition) as if its timer had just fired', async () => {
    const response = await trainer.post('/api/simulations').send({ processKey: 'tai_calon_newsletter_da_policy' });
    expect(response.status).toBe(201);
    expect(response.body.path[0]).toBe('start_newsletter_edition');
    expect(response.body.tasks.length).toBeGreaterThan(0);
    expect((await trainer.delete(`/api/simulations/${response.body.id}`)).status).toBe(204);
  });

  it('deletes a simulation nobody has used for SIMULATION_TTL_MINUTES, and only that one', async () => {
    const idle = (await trainer.post('/api/simulations').send({ processKey: PROCESS })).body.id as string;
    liveClock.advance(3 * 60_000);
    const used = (await trainer.post('/api/simulations').send({ processKey: PROCESS })).body.id as string;
    liveClock.advance((TTL_MINUTES - 3 + 1) * 60_000);
    expect((await trainer.get(`/api/simulations/${idle}`)).status).toBe(404);
    expect((await trainer.get(`/api/simulations/${used}`)).status).toBe(200);
    expect(((await trainer.get('/api/simulations')).body as { id: string }[]).map((s) => s.id)).not.toContain(idle);
    expect((await trainer.delete(`/api/simulations/${used}`)).status).toBe(204);
  });

  it('keeps run-only routes from staff (403) and answers bad requests with 400 {type, message}', async () => {
    for (const request of [
      staff.post('/api/simulations').send({ scenarioKey: 'TC-T1' }),
      staff.get('/api/simulations/scenarios/TC-T1'),
      staff.post('/api/simulations/scenarios').send({ simulationId: 'x', name: 'x' }),
      staff.delete('/api/simulations/scenarios/TC-T1'),
    ]) {
      const response = await request;
      expect(response.status).toBe(403);
      expect(response.body.type).toBe('AuthorizationException');
    }
    const sim = (await trainer.post('/api/simulations').send({ processKey: PROCESS })).body.id;
    const bad: [Promise<{ status: number; body: { type: string; message: string } }>, string][] = [
      [trainer.post('/api/simulations').send({ scenarioKey: 5 }), 'scenarioKey is required'],
      [trainer.post('/api/simulations').send({ scenarioKey: 'TC-T1', processKey: PROCESS }), 'either scenarioKey or processKey'],
      [trainer.post('/api/simulations/scenarios').send({ name: 'x' }), 'simulationId is required'],
      [trainer.post('/api/simulations/scenarios').send({ simulationId: sim, name: '  ' }), 'name is required'],
      [trainer.post('/api/simulations/scenarios').send({ simulationId: sim, name: 'x', summary: 3 }), 'summary must be a text'],
      [trainer.post('/api/simulations/scenarios').send({ simulationId: sim, name: 'x', key: 'no spaces please' }), 'key must be letters'],
      [trainer.post('/api/simulations/scenarios').send({ simulationId: sim, name: 'Nothing done' }), 'Nothing to record yet'],
      [trainer.post(`/api/simulations/${sim}/replay`).send({ all: 'yes' }), 'all must be a boolean'],
      [trainer.post(`/api/simulations/${sim}/replay`).send({}), 'Only a replay'],
      [trainer.post('/api/simulations/practice').send([1]), 'must be a JSON object'],
    ];
    for (const [request, message] of bad) {
      const response = await request;
      expect({ status: response.status, type: response.body.type }).toEqual({ status: 400, type: 'InvalidRequestException' });
      expect(response.body.message).toContain(message);
    }
    const unknown = await trainer.post('/api/simulations').send({ scenarioKey: 'no-such-scenario' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ type: 'InvalidRequestException', message: "Scenario 'no-such-scenario' does not exist" });
  });

  it('runs a version deployed on its own with the latest published versions of the processes it calls', async () => {
    const bpmn = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">${body}</bpmn:definitions>`;
    const child = bpmn(`<bpmn:process id="training_child" isExecutable="true">
      <bpmn:startEvent id="child_start" /><bpmn:sequenceFlow id="c1" sourceRef="child_start" targetRef="child_task" />
      <bpmn:userTask id="child_task" name="Called step" camunda:candidateGroups="tc_cho" />
      <bpmn:sequenceFlow id="c2" sourceRef="child_task" targetRef="child_end" /><bpmn:endEvent id="child_end" /></bpmn:process>`);
    const parent = bpmn(`<bpmn:process id="training_parent" isExecutable="true">
      <bpmn:startEvent id="parent_start" /><bpmn:sequenceFlow id="p1" sourceRef="parent_start" targetRef="call_child" />
      <bpmn:callActivity id="call_child" calledElement="training_child" />
      <bpmn:sequenceFlow id="p2" sourceRef="call_child" targetRef="parent_end" /><bpmn:endEvent id="parent_end" /></bpmn:process>`);
    await t.engine.deploy({ name: 'child', tenantId: 'tai-calon', resources: [{ name: 'training_child.bpmn', content: child }] });
    await t.engine.deploy({ name: 'parent', tenantId: 'tai-calon', resources: [{ name: 'training_parent.bpmn', content: parent }] });
    const started = await trainer.post('/api/simulations').send({ processKey: 'training_parent' });
    expect(started.status).toBe(201);
    expect(started.body.tasks.map((task: { taskKey: string }) => task.taskKey)).toEqual(['child_task']);
    const done = await complete(trainer, started.body.id, 'child_task', {});
    expect(done.position).toEqual([]);
    expect(done.path).toEqual(expect.arrayContaining(['call_child', 'child_end', 'parent_end']));
  });

  it('leaves no attempt (only finishing a practice writes one) and no deleted scenario in the training tables', async () => {
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM training_attempt')).toEqual([{ n: 0 }]);
    expect(await t.dataSource.query('SELECT tenant_id, key FROM training_scenario')).toEqual([]);
  });
});
