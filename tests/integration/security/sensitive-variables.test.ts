import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../../server/src/app.module';
import { AppConfig } from '../../../server/src/config/app-config';
import { loadTestConfig } from '../../../server/src/config/test-config';
import { configureApp } from '../../../server/src/configure-app';
import { EngineHostService } from '../../../server/src/engine-host/engine-host.service';
import { asOrganisationToken, signIn, type Agent } from '../../support/auth';
import { uniquePrefix } from '../../support/redis';
import { createTestApp, type TestApp } from '../../support/test-app';

/**
 * Sensitive variables (docs/encryption.md): `notes` and `address` are listed in the model, so
 * their values are stored encrypted, read in plain by the organisation's own people and tokens,
 * and redacted for the platform administrator.
 *
 * start → route: notes == "weapon mentioned" → lookup (external, topic records) → urgent (cmg_manager)
 *                otherwise                   → routine (cmg_caseworker)
 */
const INTAKE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="intake" isExecutable="true">
    <bpmn:extensionElements>
      <camunda:properties><camunda:property name="safepath.sensitive" value="notes address" /></camunda:properties>
    </bpmn:extensionElements>
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="route" />
    <bpmn:exclusiveGateway id="route" default="toRoutine" />
    <bpmn:sequenceFlow id="toUrgent" sourceRef="route" targetRef="lookup">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${notes == "weapon mentioned"}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="toRoutine" sourceRef="route" targetRef="routine" />
    <bpmn:serviceTask id="lookup" camunda:type="external" camunda:topic="records" />
    <bpmn:sequenceFlow id="f2" sourceRef="lookup" targetRef="urgent" />
    <bpmn:userTask id="urgent" camunda:candidateGroups="cmg_manager" />
    <bpmn:userTask id="routine" camunda:candidateGroups="cmg_caseworker" />
  </bpmn:process>
</bpmn:definitions>`;

const NOTES = 'weapon mentioned';
const ADDRESS = '12 Acacia Avenue, Lowtown';
const CALLER = 'concerned neighbour';
const REDACTED = { value: null, valueInfo: { sensitive: true, redacted: true } };

const rest = (value: string) => ({ value, type: 'String' });

async function start(agent: Agent, notes: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await agent
    .post('/engine-rest/process-definition/key/intake/tenant-id/cmg/start')
    .send({ variables: { notes: rest(notes), address: rest(ADDRESS), caller: rest(CALLER), ...extra } });
  expect(response.status).toBe(200);
  return response.body.id;
}

/** Every stored copy of the case's variables: runtime, history and the history of each change. */
async function storedRows(t: TestApp, instanceId: string): Promise<{ table: string; name: string; sensitive: boolean; text: string; info: string | null }[]> {
  return t.dataSource.query(
    `SELECT 'variable' AS table, name, sensitive, value::text AS text, value_info::text AS info FROM variable WHERE instance_id = $1
     UNION ALL SELECT 'hi_variable', name, sensitive, value::text, value_info::text FROM hi_variable WHERE instance_id = $1
     UNION ALL SELECT 'hi_variable_update', name, sensitive, value::text, NULL FROM hi_variable_update WHERE instance_id = $1`,
    [instanceId],
  );
}

describe('sensitive variables are encrypted at rest', () => {
  let t: TestApp;
  let cmg: Agent;
  let urgentCase: string;

  beforeAll(async () => {
    t = await createTestApp();
    for (const tenantId of ['cmg', 'tai-calon']) {
      await t.engine.deploy({ name: tenantId, tenantId, resources: [{ name: 'intake.bpmn', content: INTAKE_BPMN }] });
    }
    cmg = asOrganisationToken(t, 'cmg');
    urgentCase = await start(cmg, NOTES);
  });
  afterAll(() => t.close());

  it('stores no plaintext of the listed variables in variable, hi_variable or hi_variable_update, but the others as they are', async () => {
    const rows = await storedRows(t, urgentCase);

    const sensitive = rows.filter((r) => r.name === 'notes' || r.name === 'address');
    expect(new Set(rows.map((r) => r.table))).toEqual(new Set(['variable', 'hi_variable', 'hi_variable_update']));
    expect(sensitive).toHaveLength(6);
    for (const row of sensitive) {
      expect(row.sensitive).toBe(true);
      expect(row.text).not.toContain('weapon');
      expect(row.text).not.toContain('Acacia');
      expect(JSON.parse(row.text)).toEqual({ $enc: 'v1', kid: 'test', iv: expect.any(String), tag: expect.any(String), ct: expect.any(String) });
      expect(row.info).toBeNull();
    }
    const plain = rows.filter((r) => r.name === 'caller');
    expect(plain).toHaveLength(3);
    expect(plain.map((r) => [r.sensitive, r.text])).toEqual([0, 1, 2].map(() => [false, JSON.stringify(CALLER)]));
  });

  it('routes on the plain value of a sensitive variable', async () => {
    const external = await cmg.get('/engine-rest/external-task').query({ processInstanceId: urgentCase }).expect(200);

    expect(external.body.map((x: { activityId: string }) => x.activityId)).toEqual(['lookup']);
  });

  it("shows the organisation's token and manager the plain values, runtime and historic", async () => {
    const manager = await signIn(t, 'cmg.manager');
    for (const reader of [cmg, manager]) {
      const live = await reader.get(`/engine-rest/process-instance/${urgentCase}/variables`).expect(200);
      const history = await reader.get('/engine-rest/history/variable-instance').query({ processInstanceId: urgentCase }).expect(200);

      expect(live.body).toEqual({
        address: { type: 'String', value: ADDRESS, valueInfo: {} },
        caller: { type: 'String', value: CALLER, valueInfo: {} },
        notes: { type: 'String', value: NOTES, valueInfo: {} },
      });
      expect(Object.fromEntries(history.body.map((v: { name: string; value: unknown }) => [v.name, v.value]))).toEqual({ notes: NOTES, address: ADDRESS, caller: CALLER });
    }
  });

  it('shows the platform administrator the sensitive variables redacted', async () => {
    const live = await t.http.get(`/engine-rest/process-instance/${urgentCase}/variables`).expect(200);
    const one = await t.http.get(`/engine-rest/process-instance/${urgentCase}/variables/notes`).expect(200);
    const history = await t.http.get('/engine-rest/history/variable-instance').query({ processInstanceId: urgentCase }).expect(200);

    expect(live.body).toEqual({
      address: { type: 'String', ...REDACTED },
      caller: { type: 'String', value: CALLER, valueInfo: {} },
      notes: { type: 'String', ...REDACTED },
    });
    expect(one.body).toEqual({ type: 'String', ...REDACTED });
    const byName = Object.fromEntries(history.body.map((v: { name: string }) => [v.name, v]));
    expect(byName.notes).toMatchObject(REDACTED);
    expect(byName.address).toMatchObject(REDACTED);
    expect(byName.caller).toMatchObject({ value: CALLER });
  });

  it('hands a worker of the organisation the plain values, and the platform administrator redacted ones', async () => {
    const fetch = (agent: Agent, workerId: string) =>
      agent.post('/engine-rest/external-task/fetchAndLock').send({ workerId, maxTasks: 1, topics: [{ topicName: 'records', lockDuration: 60000 }] }).expect(200);

    const asAdmin = (await fetch(t.http, 'admin-worker')).body;
    await t.http.post(`/engine-rest/external-task/${asAdmin[0].id}/unlock`).expect(204);
    const asOrganisation = (await fetch(cmg, 'cmg-worker')).body;

    expect(asAdmin[0].variables.notes).toEqual({ type: 'String', ...REDACTED });
    expect(asAdmin[0].variables.caller.value).toBe(CALLER);
    expect(asOrganisation[0].variables.notes).toEqual({ type: 'String', value: NOTES, valueInfo: {} });
    await cmg.post(`/engine-rest/external-task/${asOrganisation[0].id}/complete`).send({ workerId: 'cmg-worker', variables: { address: rest('4 New Road') } }).expect(204);
    const rows = await storedRows(t, urgentCase);
    expect(rows.filter((r) => r.text.includes('New Road'))).toEqual([]);
  });

  it('shows staff the plain values only of cases they have a task in, and other organisations nothing', async () => {
    const routineCase = await start(cmg, 'routine call');
    const caseworker = await signIn(t, 'cmg.caseworker');
    const [task] = (await caseworker.get('/engine-rest/task').query({ processInstanceId: routineCase }).expect(200)).body;

    const form = await caseworker.get(`/engine-rest/task/${task.id}/form-variables`).expect(200);
    const mine = await caseworker.get('/engine-rest/history/variable-instance').query({ processInstanceIdIn: `${routineCase},${urgentCase}` }).expect(200);
    await caseworker.get(`/engine-rest/process-instance/${urgentCase}/variables`).expect(404);
    await asOrganisationToken(t, 'tai-calon').get(`/engine-rest/process-instance/${urgentCase}/variables`).expect(404);
    const otherHistory = await asOrganisationToken(t, 'tai-calon').get('/engine-rest/history/variable-instance').query({ processInstanceId: urgentCase }).expect(200);

    expect(form.body.notes).toEqual({ type: 'String', value: 'routine call', valueInfo: {} });
    expect(new Set(mine.body.map((v: { processInstanceId: string }) => v.processInstanceId))).toEqual(new Set([routineCase]));
    expect(otherHistory.body).toEqual([]);
  });

  it('redacts task form variables and the variables a completion returns for the platform administrator', async () => {
    const routineCase = await start(cmg, 'another routine call');
    const [task] = (await t.http.get('/engine-rest/task').query({ processInstanceId: routineCase }).expect(200)).body;

    const form = await t.http.get(`/engine-rest/task/${task.id}/form-variables`).expect(200);
    const completed = await t.http.post(`/engine-rest/task/${task.id}/complete`).send({ withVariablesInReturn: true }).expect(200);

    expect(form.body.notes).toEqual({ type: 'String', ...REDACTED });
    expect(completed.body.address).toEqual({ type: 'String', ...REDACTED });
    expect(completed.body.caller.value).toBe(CALLER);
  });

  describe('after a key rotation', () => {
    let rotated: INestApplication;

    beforeAll(async () => {
      const current = t.app.get(AppConfig);
      const old = current.dataKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
      const env = { ...process.env, DATA_KEYS: `${old},next:${randomBytes(32).toString('base64')}`, DATA_KEY_ID: 'next' };
      const config = loadTestConfig({ databaseSchema: current.databaseSchema, queuePrefix: uniquePrefix() }, env);
      const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
      rotated = moduleRef.createNestApplication({ logger: false });
      configureApp(rotated);
      await rotated.init();
    });
    afterAll(async () => {
      await rotated.get(EngineHostService).scheduler.queue.obliterate({ force: true }).catch(() => undefined);
      await rotated.close();
    });

    it('decrypts values written with the old key and writes new values with the new key id', async () => {
      const token = () => request.agent(rotated.getHttpServer()).auth('cmg-engine', 'safepath-demo-token');
      const routineCase = await start(cmg, 'before rotation');

      await token()
        .put(`/engine-rest/process-instance/${routineCase}/variables/notes`)
        .send(rest('after rotation'))
        .expect(204);

      const kids: { table: string; kid: string }[] = await t.dataSource.query(
        `SELECT 'variable' AS table, value->>'kid' AS kid FROM variable WHERE instance_id = $1 AND name = 'notes'
         UNION ALL SELECT 'hi_variable_update', value->>'kid' FROM hi_variable_update WHERE instance_id = $1 AND name = 'notes'`,
        [routineCase],
      );
      expect(kids.filter((k) => k.table === 'variable').map((k) => k.kid)).toEqual(['next']);
      expect(kids.filter((k) => k.table === 'hi_variable_update').map((k) => k.kid).sort()).toEqual(['next', 'test']);
      const live = await token().get(`/engine-rest/process-instance/${routineCase}/variables`).expect(200);
      expect(live.body.notes.value).toBe('after rotation');
      expect(live.body.address.value).toBe(ADDRESS);
      const old = await token().get(`/engine-rest/process-instance/${urgentCase}/variables`).expect(200);
      expect(old.body.notes.value).toBe(NOTES);
      // The first app never had the new key: it refuses clearly rather than show anything.
      const refused = await cmg.get(`/engine-rest/process-instance/${routineCase}/variables`);
      expect(refused.status).toBe(500);
      expect(JSON.stringify(refused.body)).not.toContain('after rotation');
    });
  });
});
