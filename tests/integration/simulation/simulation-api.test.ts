/**
 * Training simulations (docs/simulation.md): the sandbox walls and the virtual clock. Three
 * simulations of Tai Calon's disclosure process run next to a live case of the same process
 * with a live safe-contact timer; each simulation's clock fires only its own timers, and nothing
 * of any simulation reaches a live table or a live query.
 * The live clock is a manual one: Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import { join } from 'node:path';
import { ManualClock, type VariableMap } from '../../../server/engine';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { asOrganisationToken, signIn, type Agent } from '../../support/auth';
import { createTestApp, type TestApp } from '../../support/test-app';
import { ONE_WORKING_DAY_LATER, PROCESS, T0, TENANT, disclosureAnswers } from '../../support/tai-calon-training';


/** Every live case table a simulation could leave a row in (audit_log records requests and is left out). */
const LIVE_TABLES = [
  'process_instance', 'execution', 'task', 'variable', 'event_subscription', 'job', 'external_task', 'incident',
  'hi_process_instance', 'hi_activity_instance', 'hi_task', 'hi_variable', 'hi_variable_update', 'hi_incident',
  'notification', 'case_action', 'task_offer', 'task_form_draft', 'deployment', 'deployment_resource', 'process_definition', 'decision_definition',
];

const DISCLOSURE = disclosureAnswers;

interface SimTask {
  id: string;
  taskKey: string;
  name: string;
  candidateGroups: string[];
  due: string | null;
  formSchema: { components: unknown[] } | null;
  guidance: string | null;
}

interface SimState {
  id: string;
  clock: string;
  processKey: string;
  version: number | 'draft';
  tasks: SimTask[];
  position: string[];
  path: string[];
  variables: Record<string, unknown>;
  pendingTimers: { activityId: string; due: string | null }[];
  ended: boolean;
  fired?: { activityId: string; due: string | null; outcome: string }[];
}

jest.setTimeout(90_000);

describe('training simulations API', () => {
  let t: TestApp;
  let trainer: Agent;
  let liveCaseId: string;
  let liveJobId: string;
  const sims: string[] = [];

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of LIVE_TABLES) counts[table] = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    return counts;
  }

  async function state(id: string): Promise<SimState> {
    const response = await trainer.get(`/api/simulations/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  function taskKeys(s: SimState): string[] {
    return s.tasks.map((task) => task.taskKey).sort();
  }

  async function complete(id: string, taskKey: string, values: Record<string, unknown>): Promise<SimState> {
    const task = (await state(id)).tasks.find((x) => x.taskKey === taskKey);
    if (!task) throw new Error(`no open ${taskKey} in simulation`);
    const response = await trainer.post(`/api/simulations/${id}/tasks/${task.id}/complete`).send({ values });
    expect(response.status).toBe(200);
    return response.body;
  }

  async function liveTasks(): Promise<string[]> {
    const rows: { task_definition_key: string }[] = await t.dataSource.query(`SELECT task_definition_key FROM task ORDER BY task_definition_key`);
    return rows.map((r) => r.task_definition_key);
  }

  let before: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(new Date(T0)) });
    await t.host.scheduler.queue.pause();
    const processesDir = join(__dirname, '../../../processes');
    const processes = readProcessDirectory(processesDir).find((o) => o.tenantId === TENANT);
    if (!processes) throw new Error('processes/tai-calon is missing');
    await t.engine.deploy({ name: TENANT, tenantId: TENANT, resources: processes.resources });
    // A live case of the same process, waiting at its live safe-contact deadline.
    const [correlated] = await t.engine.correlateMessage({ messageName: 'tc_direct_report_victim', tenantId: TENANT, businessKey: 'LIVE-1' });
    liveCaseId = correlated.processInstance.id;
    const [logTask] = await t.dataSource.query(`SELECT id FROM task WHERE instance_id = $1 AND task_definition_key = 'log_disclosure'`, [liveCaseId]);
    const vars: VariableMap = Object.fromEntries(Object.entries(DISCLOSURE({ victimName: 'Live victim' })).map(([k, v]) => [k, { type: 'String', value: v }]));
    await t.engine.completeTask(logTask.id, vars);
    const [job] = await t.dataSource.query(`SELECT j.id FROM job j WHERE j.activity_id = 't_safe_contact_due'`);
    liveJobId = job.id;
    trainer = await signIn(t, 'tc.trainer');
    before = await rowCounts();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('starts three simulations of the published process at the live time', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await trainer.post('/api/simulations').send({ processKey: PROCESS });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ processKey: PROCESS, version: 1, clock: T0 });
      sims.push(response.body.id);
    }
    const first = await state(sims[0]);
    expect(taskKeys(first)).toEqual(['log_disclosure']);
    expect(first.tasks[0].formSchema?.components.length).toBeGreaterThan(0);
    expect(first.tasks[0].candidateGroups).toEqual(['tc_receiving_staff']);
    expect(first.tasks[0].guidance).toContain('Disclosures of domestic abuse');
    expect(first.ended).toBe(false);
    const mine = await trainer.get('/api/simulations');
    expect(mine.status).toBe(200);
    expect(mine.body.map((s: { id: string }) => s.id).sort()).toEqual([...sims].sort());
  });

  it('checks form answers as live, and the answers drive the path', async () => {
    const task = (await state(sims[0])).tasks[0];
    const invalid = await trainer.post(`/api/simulations/${sims[0]}/tasks/${task.id}/complete`).send({ values: { disclosureRoute: 'Direct report from the victim' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.type).toBe('InvalidRequestException');

    for (const id of sims) await complete(id, 'log_disclosure', DISCLOSURE());
    const inScope = await state(sims[0]);
    expect(inScope.path).toEqual(expect.arrayContaining(['start_direct_report_victim', 'log_disclosure', 'g_in_scope', 'assign_patch_cho', 'pg_initial']));
    expect(taskKeys(inScope)).toEqual(['add_case_to_react', 'consider_risk_factors']);
    expect(inScope.variables.victimName).toBe('A. Trainee Victim');
    expect(inScope.pendingTimers).toEqual(expect.arrayContaining([{ activityId: 't_safe_contact_due', due: ONE_WORKING_DAY_LATER }]));
  });

  it('advancing one simulation by 1 working day fires only its own safe-contact deadline', async () => {
    const liveBefore = await liveTasks();
    const response = await trainer.post(`/api/simulations/${sims[0]}/advance`).send({ workingDays: 1 });
    expect(response.status).toBe(200);
    const advanced: SimState = response.body;
    expect(advanced.clock).toBe(ONE_WORKING_DAY_LATER);
    expect(advanced.fired!.map((f) => f.activityId)).toContain('t_safe_contact_due');
    expect(advanced.fired!.every((f) => f.outcome === 'fired')).toBe(true);
    expect(taskKeys(advanced)).toContain('escalate_safe_contact_overdue');
    expect(advanced.tasks.find((x) => x.taskKey === 'escalate_safe_contact_overdue')!.candidateGroups).toEqual(['tc_housing_manager']);

    for (const id of sims.slice(1)) {
      const other = await state(id);
      expect(other.clock).toBe(T0);
      expect(taskKeys(other)).toEqual(['add_case_to_react', 'consider_risk_factors']);
      expect(other.pendingTimers).toEqual(expect.arrayContaining([{ activityId: 't_safe_contact_due', due: ONE_WORKING_DAY_LATER }]));
    }
    // The live case: its timer row still pending, its tasks unchanged.
    expect(await t.dataSource.query(`SELECT id FROM job WHERE id = $1`, [liveJobId])).toHaveLength(1);
    expect(await liveTasks()).toEqual(liveBefore);
    expect(liveBefore).not.toContain('escalate_safe_contact_overdue');
  });

  it("'to the next deadline' jumps to that simulation's earliest timer and fires it", async () => {
    const s = await state(sims[1]);
    const earliest = s.pendingTimers.map((p) => p.due!).sort()[0];
    const response = await trainer.post(`/api/simulations/${sims[1]}/advance`).send({ toNextDeadline: true });
    expect(response.status).toBe(200);
    expect(response.body.clock).toBe(earliest);
    expect(response.body.fired.length).toBeGreaterThan(0);
    expect(response.body.fired.every((f: { due: string }) => f.due <= earliest)).toBe(true);
    expect(taskKeys(response.body)).toContain('escalate_safe_contact_overdue');
    // The third simulation and the live case are where they were.
    expect((await state(sims[2])).clock).toBe(T0);
    expect(taskKeys(await state(sims[2]))).not.toContain('escalate_safe_contact_overdue');
    expect(await t.dataSource.query(`SELECT id FROM job WHERE id = $1`, [liveJobId])).toHaveLength(1);
  });

  it('advances by hours and rejects an unclear advance', async () => {
    const response = await trainer.post(`/api/simulations/${sims[2]}/advance`).send({ hours: 1 });
    expect(response.status).toBe(200);
    expect(response.body.clock).toBe('2027-03-02T11:00:00.000Z');
    expect(response.body.fired).toEqual([]);
    const unclear = await trainer.post(`/api/simulations/${sims[2]}/advance`).send({ hours: 1, workingDays: 1 });
    expect(unclear.status).toBe(400);
    expect(unclear.body.type).toBe('InvalidRequestException');
  });

  it("runs the process library's draft, with the published forms", async () => {
    const policy = await signIn(t, 'tc.policy');
    const [resource] = await t.dataSource.query(`SELECT r.content FROM deployment_resource r JOIN process_definition pd ON pd.deployment_id = r.deployment_id AND pd.resource_name = r.name WHERE pd.key = $1`, [PROCESS]);
    const xml = String(resource.content).replace('name="Log the disclosure"', 'name="Log the disclosure (draft)"');
    expect((await policy.put(`/api/processes/${PROCESS}/draft`).send({ xml })).status).toBe(200);
    const created = await policy.post('/api/simulations').send({ processKey: PROCESS, version: 'draft' });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe('draft');
    expect(created.body.tasks.map((task: SimTask) => task.name)).toEqual(['Log the disclosure (draft)']);
    expect(created.body.tasks[0].formSchema?.components.length).toBeGreaterThan(0);
    // The trainer does not see the policy lead's simulation.
    expect((await trainer.get(`/api/simulations/${created.body.id}`)).status).toBe(404);
    expect((await policy.delete(`/api/simulations/${created.body.id}`)).status).toBe(204);
  });

  it('leaves no row in any live table and appears in no live query', async () => {
    expect(await rowCounts()).toEqual(before);
    const engineTasks = await t.http.get('/engine-rest/task').query({ tenantIdIn: TENANT });
    expect(engineTasks.status).toBe(200);
    expect(engineTasks.body.every((task: { processInstanceId: string }) => task.processInstanceId === liveCaseId)).toBe(true);
    expect(engineTasks.body.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey)).not.toContain('escalate_safe_contact_overdue');
    const instances = await t.http.get('/engine-rest/process-instance');
    expect(instances.body.map((p: { id: string }) => p.id)).toEqual([liveCaseId]);
    for (const [user, view] of [['tc.cho', 'team'], ['tc.manager', 'all']]) {
      const inbox = await (await signIn(t, user)).get('/api/inbox').query({ view });
      expect(inbox.status).toBe(200);
      const names = JSON.stringify(inbox.body);
      expect(names).not.toContain('escalate_safe_contact_overdue');
      expect(names).not.toContain('SIM-');
    }
  });

  it('is the creator\'s only: a colleague who was not invited and another organisation\'s trainer get 404, staff 403 for starting one', async () => {
    const staff = await signIn(t, 'tc.cho');
    expect((await staff.get(`/api/simulations/${sims[0]}`)).status).toBe(404);
    expect((await staff.get('/api/simulations')).body).toEqual([]);
    expect((await staff.post('/api/simulations').send({ processKey: PROCESS })).status).toBe(403);
    const otherTrainer = await signIn(t, 'cmg.trainer');
    const foreign = await otherTrainer.get(`/api/simulations/${sims[0]}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.type).toBe('InvalidRequestException');
    expect((await otherTrainer.delete(`/api/simulations/${sims[0]}`)).status).toBe(404);
    expect((await otherTrainer.get('/api/simulations')).body).toEqual([]);
    expect((await otherTrainer.post('/api/simulations').send({ processKey: PROCESS })).status).toBe(404);
    expect((await asOrganisationToken(t, TENANT).get('/api/simulations')).status).toBe(403);
  });

  it('ends a simulation: deleted with everything it created', async () => {
    for (const id of sims) {
      expect((await trainer.delete(`/api/simulations/${id}`)).status).toBe(204);
      expect((await trainer.get(`/api/simulations/${id}`)).status).toBe(404);
    }
    expect((await trainer.get('/api/simulations')).body).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });
});
