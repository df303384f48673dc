/**
 * Practice (docs/simulation.md): a trainee walks a scenario making the decisions themselves; when
 * they finish, Safepath compares their answers with the scenario's and stores the attempt. A
 * trainee sees their own attempts, a trainer every attempt of the organisation, and another
 * organisation none. A scenario the process no longer fits is refused with the step named.
 * The live clock is a manual one: Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import { join } from 'node:path';
import { ManualClock } from '../../../server/engine';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { signIn, type Agent } from '../../support/auth';
import { createTestApp, type TestApp } from '../../support/test-app';
import { PROCESS, RISK_FACTOR_ANSWERS, T0, TENANT, disclosureAnswers } from '../../support/tai-calon-training';


const DISCLOSURE = disclosureAnswers();
const RISK_FACTORS = RISK_FACTOR_ANSWERS;

interface SimState {
  id: string;
  clock: string;
  mode: string;
  owner: { id: string; name: string };
  viewerIsOwner: boolean;
  tasks: { id: string; taskKey: string; mayComplete: boolean }[];
  scenario: { key: string; cursor: number | null; nextStep: unknown; story: { index: number; kind: string; taskKey?: string }[] } | null;
  result: unknown;
}

jest.setTimeout(120_000);

describe('training practice and attempts', () => {
  let t: TestApp;
  let trainer: Agent;
  let cho: Agent;
  let practiceId: string;
  let attemptId: string;

  async function complete(agent: Agent, id: string, taskKey: string, values: Record<string, unknown>): Promise<SimState> {
    const task = ((await agent.get(`/api/simulations/${id}`)).body as SimState).tasks.find((x) => x.taskKey === taskKey);
    if (!task) throw new Error(`no open ${taskKey} in simulation`);
    const response = await agent.post(`/api/simulations/${id}/tasks/${task.id}/complete`).send({ values });
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(new Date(T0)) });
    await t.host.scheduler.queue.pause();
    const processes = readProcessDirectory(join(__dirname, '../../../processes')).find((o) => o.tenantId === TENANT);
    if (!processes) throw new Error('processes/tai-calon is missing');
    await t.engine.deploy({ name: TENANT, tenantId: TENANT, resources: processes.resources });
    trainer = await signIn(t, 'tc.trainer');
    cho = await signIn(t, 'tc.cho');

    // The trainer's walk-through: the disclosure, the first two steps, then a working day passes.
    const sim = (await trainer.post('/api/simulations').send({ processKey: PROCESS })).body.id;
    await complete(trainer, sim, 'log_disclosure', DISCLOSURE);
    await complete(trainer, sim, 'add_case_to_react', { reactReference: 'R-0302', reactAddedAt: T0 });
    await complete(trainer, sim, 'consider_risk_factors', RISK_FACTORS);
    await trainer.post(`/api/simulations/${sim}/advance`).send({ workingDays: 1 }).expect(200);
    await trainer.post('/api/simulations/scenarios').send({ simulationId: sim, name: 'First day', key: 'first-day' }).expect(201);
    await trainer.delete(`/api/simulations/${sim}`).expect(204);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets staff start a practice of one of their organisation\'s scenarios, without its answers', async () => {
    const listed = await cho.get('/api/simulations/scenarios');
    expect(listed.status).toBe(200);
    expect(listed.body.map((s: { key: string }) => s.key)).toContain('first-day');
    const started = await cho.post('/api/simulations/practice').send({ scenarioKey: 'first-day' });
    expect(started.status).toBe(201);
    const state: SimState = started.body;
    practiceId = state.id;
    expect(state).toMatchObject({ mode: 'practice', clock: T0, owner: { name: 'Community Housing Officer' }, viewerIsOwner: true, result: null });
    expect(state.scenario).toMatchObject({ key: 'first-day', cursor: null, nextStep: null });
    // The story as far as the first decision: what comes later is told as the trainee gets there.
    expect(state.scenario!.story.map((s) => s.taskKey ?? s.kind)).toEqual(['log_disclosure']);
    expect(JSON.stringify(state.scenario)).not.toContain('A. Trainee Victim');
    expect(state.tasks.map((task) => task.taskKey)).toEqual(['log_disclosure']);
    const mine = await cho.get('/api/simulations');
    expect(mine.body).toEqual([expect.objectContaining({ id: practiceId, mode: 'practice', scenarioName: 'First day', role: 'owner' })]);
  });

  it('keeps replay and the answers to trainers (403 for staff)', async () => {
    expect((await cho.post(`/api/simulations/${practiceId}/replay`).send({})).status).toBe(403);
    expect((await cho.get('/api/simulations/scenarios/first-day')).status).toBe(403);
    expect((await cho.post('/api/simulations').send({ scenarioKey: 'first-day' })).status).toBe(403);
  });

  it('compares the trainee\'s decisions with the scenario when they finish, and stores the attempt', async () => {
    await complete(cho, practiceId, 'log_disclosure', DISCLOSURE);
    await complete(cho, practiceId, 'add_case_to_react', { reactReference: 'REACT 2 March', reactAddedAt: T0 });
    await complete(cho, practiceId, 'consider_risk_factors', { ...RISK_FACTORS, cohabitsWithPerpetrator: 'yes' });
    expect((await cho.post(`/api/simulations/${practiceId}/advance`).send({ workingDays: 1 })).status).toBe(200);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM training_attempt')).toEqual([{ n: 0 }]);

    const finished = await cho.post(`/api/simulations/${practiceId}/finish`);
    expect(finished.status).toBe(200);
    attemptId = finished.body.id;
    expect(finished.body).toMatchObject({
      scenarioKey: 'first-day',
      scenarioName: 'First day',
      trainee: { name: 'Community Housing Officer' },
      startedAt: T0,
      finishedAt: T0,
      matched: 2,
      total: 3,
      score: 67,
    });
    const steps = finished.body.result.steps as { taskKey: string; status: string; differences: unknown[]; freeText: { field: string }[] }[];
    expect(steps.map((s) => `${s.taskKey} ${s.status}`)).toEqual(['log_disclosure matched', 'add_case_to_react matched', 'consider_risk_factors different']);
    expect(steps[2].differences).toEqual([expect.objectContaining({ field: 'cohabitsWithPerpetrator', expected: 'no', given: 'yes' })]);
    expect(steps[1].freeText).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reactReference', expected: 'R-0302', given: 'REACT 2 March' })]));

    const rows = await t.dataSource.query('SELECT tenant_id, scenario_key, trainee_name, matched, total, score FROM training_attempt');
    expect(rows).toEqual([{ tenant_id: TENANT, scenario_key: 'first-day', trainee_name: 'Community Housing Officer', matched: 2, total: 3, score: 67 }]);

    const again = await cho.post(`/api/simulations/${practiceId}/finish`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ type: 'InvalidRequestException', message: 'This practice is finished already' });
    const after: SimState = (await cho.get(`/api/simulations/${practiceId}`)).body;
    expect(after.result).toMatchObject({ score: 67 });
    expect(after.tasks.every((task) => !task.mayComplete)).toBe(true);
  });

  it('shows a trainee their own attempts and a trainer every attempt of the organisation', async () => {
    const own = await cho.get('/api/simulations/attempts');
    expect(own.status).toBe(200);
    expect(own.body).toEqual([expect.objectContaining({ id: attemptId, scenarioKey: 'first-day', score: 67, trainee: expect.objectContaining({ name: 'Community Housing Officer' }) })]);
    expect(own.body[0].result).toBeUndefined();
    expect((await cho.get(`/api/simulations/attempts/${attemptId}`)).body.result.score).toBe(67);

    expect((await trainer.get('/api/simulations/attempts')).body.map((a: { id: string }) => a.id)).toEqual([attemptId]);
    expect((await trainer.get('/api/simulations/attempts').query({ scenarioKey: 'first-day' })).body).toHaveLength(1);
    expect((await trainer.get('/api/simulations/attempts').query({ scenarioKey: 'another' })).body).toEqual([]);
    const seen = await trainer.get(`/api/simulations/attempts/${attemptId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.result.steps).toHaveLength(3);

    const colleague = await signIn(t, 'tc.officer');
    expect((await colleague.get('/api/simulations/attempts')).body).toEqual([]);
    expect((await colleague.get(`/api/simulations/attempts/${attemptId}`)).status).toBe(404);
  });

  it("hides the organisation's attempts and practices from another organisation (404 by id)", async () => {
    for (const username of ['cmg.trainer', 'cmg.caseworker']) {
      const other = await signIn(t, username);
      expect((await other.get('/api/simulations/attempts')).body).toEqual([]);
      const byId = await other.get(`/api/simulations/attempts/${attemptId}`);
      expect(byId.status).toBe(404);
      expect(byId.body).toEqual({ type: 'InvalidRequestException', message: `Attempt ${attemptId} does not exist` });
      expect((await other.get(`/api/simulations/${practiceId}`)).status).toBe(404);
      expect((await other.post(`/api/simulations/${practiceId}/finish`)).status).toBe(404);
      expect((await other.post('/api/simulations/practice').send({ scenarioKey: 'first-day' })).status).toBe(404);
    }
    expect((await cho.get('/api/simulations/attempts/not-a-uuid')).status).toBe(404);
  });

  it('finishes practices only (400 for a free simulation)', async () => {
    const free = (await trainer.post('/api/simulations').send({ processKey: PROCESS })).body.id;
    const response = await trainer.post(`/api/simulations/${free}/finish`);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('Only a practice');
  });

  it('refuses to start a practice of a scenario the process no longer fits (409, naming the step)', async () => {
    await t.dataSource.query(
      `INSERT INTO training_scenario (tenant_id, key, name, summary, process_key, version, start_event_id, starts_at, steps, created_by, created_by_name, created_at)
       VALUES ($1, 'stale', 'Stale', '', $2, NULL, NULL, $3, $4, 'x', 'Former trainer', $3)`,
      [TENANT, PROCESS, T0, JSON.stringify([{ kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE }, { kind: 'complete', taskKey: 'task_that_was_removed', values: {} }])],
    );
    const response = await cho.post('/api/simulations/practice').send({ scenarioKey: 'stale' });
    expect(response.status).toBe(409);
    expect(response.body.type).toBe('InvalidRequestException');
    expect(response.body.message).toMatch(/Step 2 of 2 .*task_that_was_removed/);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM training_attempt')).toEqual([{ n: 1 }]);
  });
});
