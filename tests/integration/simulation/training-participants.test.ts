/**
 * Participants (docs/simulation.md): a trainer invites colleagues of their organisation into a
 * simulation and hands steps to them. A participant sees the simulation and completes the steps
 * handed to them, nothing else (403); a colleague who was not invited and anyone of another
 * organisation get 404 for it.
 * The live clock is a manual one: Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import { join } from 'node:path';
import { ManualClock } from '../../../server/engine';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { signIn, type Agent } from '../../support/auth';
import { createTestApp, type TestApp } from '../../support/test-app';
import { PROCESS, T0, TENANT, disclosureAnswers } from '../../support/tai-calon-training';


const DISCLOSURE = disclosureAnswers();

interface Person {
  id: string;
  name: string;
}

interface SimState {
  id: string;
  viewerIsOwner: boolean;
  participants: Person[];
  tasks: { id: string; taskKey: string; handedTo: Person | null; mayComplete: boolean }[];
  log: { kind: string; taskKey?: string; by: Person }[];
}

jest.setTimeout(120_000);

describe('training participants', () => {
  let t: TestApp;
  let trainer: Agent;
  let cho: Agent;
  let simId: string;
  let people: Person[];
  let choPerson: Person;
  let officerPerson: Person;

  const userId = async (username: string): Promise<string> => (await t.dataSource.query('SELECT id FROM app_user WHERE username = $1', [username]))[0].id;
  const taskOf = (state: SimState, taskKey: string) => state.tasks.find((task) => task.taskKey === taskKey)!;
  const stateAs = async (agent: Agent): Promise<SimState> => (await agent.get(`/api/simulations/${simId}`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(new Date(T0)) });
    await t.host.scheduler.queue.pause();
    const processes = readProcessDirectory(join(__dirname, '../../../processes')).find((o) => o.tenantId === TENANT);
    if (!processes) throw new Error('processes/tai-calon is missing');
    await t.engine.deploy({ name: TENANT, tenantId: TENANT, resources: processes.resources });
    trainer = await signIn(t, 'tc.trainer');
    cho = await signIn(t, 'tc.cho');
    simId = (await trainer.post('/api/simulations').send({ processKey: PROCESS }).expect(201)).body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it("lists the trainer's colleagues who can train: their own organisation's active people, the trainer left out", async () => {
    const response = await trainer.get('/api/simulations/people');
    expect(response.status).toBe(200);
    people = response.body;
    const names = people.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Community Housing Officer', 'Tai Calon housing services officer', 'Housing Manager', 'Tai Calon policy lead']));
    expect(names).not.toContain('Tai Calon trainer');
    expect(names).not.toContain('Tai Calon administrator');
    expect(names.some((name) => name.startsWith('CMG'))).toBe(false);
    expect(Object.keys(people[0]).sort()).toEqual(['id', 'name']);
    choPerson = people.find((p) => p.name === 'Community Housing Officer')!;
    officerPerson = people.find((p) => p.name === 'Tai Calon housing services officer')!;
    expect(choPerson.id).toBe(await userId('tc.cho'));
  });

  it('shows the simulation to an invited colleague, who may complete nothing yet', async () => {
    expect((await cho.get(`/api/simulations/${simId}`)).status).toBe(404);
    const invited = await trainer.post(`/api/simulations/${simId}/participants`).send({ userId: choPerson.id });
    expect(invited.status).toBe(200);
    expect(invited.body.participants).toEqual([choPerson]);

    const listed = await cho.get('/api/simulations');
    expect(listed.body).toEqual([expect.objectContaining({ id: simId, processKey: PROCESS, mode: 'free', role: 'participant', scenarioName: null })]);
    const seen = await stateAs(cho);
    expect(seen.viewerIsOwner).toBe(false);
    expect(taskOf(seen, 'log_disclosure')).toMatchObject({ handedTo: null, mayComplete: false });
    const refused = await cho.post(`/api/simulations/${simId}/tasks/${taskOf(seen, 'log_disclosure').id}/complete`).send({ values: DISCLOSURE });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('AuthorizationException');
    expect(refused.body.message).toContain('not handed to you');
  });

  it('lets a participant complete the step handed to them, and only that one', async () => {
    const log = taskOf(await stateAs(trainer), 'log_disclosure');
    const handed = await trainer.post(`/api/simulations/${simId}/tasks/${log.id}/hand`).send({ userId: choPerson.id });
    expect(handed.status).toBe(200);
    expect(taskOf(handed.body, 'log_disclosure').handedTo).toEqual(choPerson);
    expect(taskOf(await stateAs(cho), 'log_disclosure').mayComplete).toBe(true);

    const done = await cho.post(`/api/simulations/${simId}/tasks/${log.id}/complete`).send({ values: DISCLOSURE });
    expect(done.status).toBe(200);
    expect(done.body.log).toEqual([expect.objectContaining({ kind: 'complete', taskKey: 'log_disclosure', by: choPerson })]);

    // Handing a step to someone not yet invited invites them.
    const react = taskOf(done.body, 'add_case_to_react');
    const toOfficer = await trainer.post(`/api/simulations/${simId}/tasks/${react.id}/hand`).send({ userId: officerPerson.id });
    expect(toOfficer.body.participants).toEqual(expect.arrayContaining([choPerson, officerPerson]));
    const others = await cho.post(`/api/simulations/${simId}/tasks/${react.id}/complete`).send({ values: { reactReference: 'R-1', reactAddedAt: T0 } });
    expect(others.status).toBe(403);
    expect(others.body.message).toBe('This step is handed to Tai Calon housing services officer');
    const risk = taskOf(done.body, 'consider_risk_factors');
    expect((await cho.post(`/api/simulations/${simId}/tasks/${risk.id}/complete`).send({ values: {} })).status).toBe(403);

    // Taken back: nobody but the trainer may complete it.
    const back = await trainer.post(`/api/simulations/${simId}/tasks/${react.id}/hand`).send({ userId: null });
    expect(taskOf(back.body, 'add_case_to_react').handedTo).toBeNull();
  });

  it("keeps the clock, the simulation's end and the trainer's tools from participants (403)", async () => {
    const state = await stateAs(cho);
    const react = taskOf(state, 'add_case_to_react');
    for (const request of [
      cho.post(`/api/simulations/${simId}/advance`).send({ hours: 1 }),
      cho.post(`/api/simulations/${simId}/external-tasks/x/complete`).send({ values: {} }),
      cho.delete(`/api/simulations/${simId}`),
      cho.post(`/api/simulations/${simId}/finish`),
      cho.post(`/api/simulations/${simId}/replay`).send({}),
      cho.post(`/api/simulations/${simId}/participants`).send({ userId: officerPerson.id }),
      cho.post(`/api/simulations/${simId}/tasks/${react.id}/hand`).send({ userId: choPerson.id }),
      cho.get('/api/simulations/people'),
      cho.post('/api/simulations/scenarios').send({ simulationId: simId, name: 'Mine now' }),
    ]) {
      const response = await request;
      expect(response.status).toBe(403);
      expect(response.body.type).toBe('AuthorizationException');
    }
    expect((await stateAs(trainer)).tasks.map((task) => task.taskKey).sort()).toEqual(['add_case_to_react', 'consider_risk_factors']);
  });

  it('is 404 for a colleague who was not invited and for anyone of another organisation', async () => {
    const state = await stateAs(trainer);
    const task = taskOf(state, 'consider_risk_factors');
    const cso = await signIn(t, 'tc.cso');
    expect((await cso.get(`/api/simulations/${simId}`)).status).toBe(404);
    expect((await cso.get('/api/simulations')).body).toEqual([]);
    for (const username of ['cmg.caseworker', 'cmg.trainer']) {
      const other = await signIn(t, username);
      for (const request of [
        other.get(`/api/simulations/${simId}`),
        other.post(`/api/simulations/${simId}/tasks/${task.id}/complete`).send({ values: {} }),
        other.post(`/api/simulations/${simId}/advance`).send({ hours: 1 }),
        other.delete(`/api/simulations/${simId}`),
      ]) {
        const response = await request;
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ type: 'InvalidRequestException', message: `Simulation ${simId} does not exist` });
      }
      expect((await other.get('/api/simulations')).body).toEqual([]);
    }
    const cmgTrainer = await signIn(t, 'cmg.trainer');
    expect((await cmgTrainer.post(`/api/simulations/${simId}/participants`).send({ userId: choPerson.id })).status).toBe(404);
    expect((await cmgTrainer.get('/api/simulations/people')).body.map((p: Person) => p.id)).not.toContain(choPerson.id);
  });

  it('invites only colleagues of the same organisation who can train', async () => {
    const cases: [string, number, string][] = [
      [await userId('cmg.caseworker'), 404, 'No colleague with id'],
      ['no-such-user', 404, 'No colleague with id'],
      [await userId('tc.admin'), 400, 'has no training role'],
      [await userId('tc.trainer'), 400, 'You started this simulation'],
    ];
    for (const [id, status, message] of cases) {
      const response = await trainer.post(`/api/simulations/${simId}/participants`).send({ userId: id });
      expect(response.status).toBe(status);
      expect(response.body.message).toContain(message);
    }
    const task = taskOf(await stateAs(trainer), 'consider_risk_factors');
    const foreign = await trainer.post(`/api/simulations/${simId}/tasks/${task.id}/hand`).send({ userId: await userId('cmg.caseworker') });
    expect(foreign.status).toBe(404);
    expect((await trainer.post(`/api/simulations/${simId}/tasks/no-such-task/hand`).send({ userId: choPerson.id })).status).toBe(404);
  });

  it('answers bad bodies with 400 {type, message}', async () => {
    const task = taskOf(await stateAs(trainer), 'consider_risk_factors');
    const bad: [Promise<{ status: number; body: { type: string; message: string } }>, string][] = [
      [trainer.post(`/api/simulations/${simId}/participants`).send({}), 'userId is required'],
      [trainer.post(`/api/simulations/${simId}/participants`).send({ userId: 7 }), 'userId is required'],
      [trainer.post(`/api/simulations/${simId}/tasks/${task.id}/hand`).send({}), 'userId must be the id of a colleague, or null'],
      [trainer.post(`/api/simulations/${simId}/tasks/${task.id}/hand`).send({ userId: ['x'] }), 'userId must be the id of a colleague, or null'],
      [trainer.post(`/api/simulations/${simId}/tasks/${task.id}/complete`).send({ values: 'yes' }), 'values must be an object'],
    ];
    for (const [request, message] of bad) {
      const response = await request;
      expect({ status: response.status, type: response.body.type }).toEqual({ status: 400, type: 'InvalidRequestException' });
      expect(response.body.message).toContain(message);
    }
  });
});
