/**
 * Story: cases wait for messages, signals and external workers; the REST API correlates,
 * broadcasts, hands work to workers and shows the incidents a failing worker leaves behind.
 */
import { createTestApp } from '../../support/test-app';
import type { TestApp } from '../../support/test-app';
import { EXTERNAL_BPMN, MESSAGE_BPMN, SIGNAL_BPMN, deploy, startByKey } from './fixtures';

async function taskKeysOf(t: TestApp, processInstanceId: string): Promise<string[]> {
  const res = await t.http.get('/engine-rest/task').query({ processInstanceId });
  return res.body.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey);
}

async function fetchRiskChecks(t: TestApp, workerId = 'worker-1') {
  return t.http.post('/engine-rest/external-task/fetchAndLock').send({
    workerId,
    maxTasks: 10,
    topics: [{ topicName: 'risk-check', lockDuration: 60_000, variables: ['area'] }],
  });
}

describe('engine-rest: messages, signals, external tasks, incidents', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await deploy(t, 'message.bpmn', MESSAGE_BPMN);
    await deploy(t, 'signal.bpmn', SIGNAL_BPMN);
    await deploy(t, 'external.bpmn', EXTERNAL_BPMN);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /message', () => {
    it('correlates by business key and returns the result when asked', async () => {
      // given
      const id = await startByKey(t, 'awaitUpdate', { businessKey: 'MSG-1' });
      // when
      const res = await t.http.post('/engine-rest/message').send({
        messageName: 'ReferralUpdated',
        businessKey: 'MSG-1',
        processVariables: { updatedBy: { value: 'police', type: 'String' } },
        resultEnabled: true,
        variablesInResultEnabled: true,
      });
      // then
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(1);
      expect(res.body[0]).toMatchObject({ resultType: 'Execution', execution: { processInstanceId: id }, processInstance: null });
      expect(res.body[0].variables.updatedBy).toEqual({ type: 'String', value: 'police', valueInfo: {} });
      expect(await taskKeysOf(t, id)).toEqual(['followUp']);
    });

    it('correlates by process instance id with 204', async () => {
      const id = await startByKey(t, 'awaitUpdate', { businessKey: 'MSG-2' });
      const res = await t.http.post('/engine-rest/message').send({ messageName: 'ReferralUpdated', processInstanceId: id });
      expect(res.status).toBe(204);
      expect(await taskKeysOf(t, id)).toEqual(['followUp']);
    });

    it('correlates by correlation keys', async () => {
      const other = await startByKey(t, 'awaitUpdate', { variables: { caseNumber: { value: 'C-1', type: 'String' } } });
      const target = await startByKey(t, 'awaitUpdate', { variables: { caseNumber: { value: 'C-2', type: 'String' } } });
      const res = await t.http.post('/engine-rest/message').send({ messageName: 'ReferralUpdated', correlationKeys: { caseNumber: { value: 'C-2', type: 'String' } } });
      expect(res.status).toBe(204);
      expect(await taskKeysOf(t, target)).toEqual(['followUp']);
      expect(await taskKeysOf(t, other)).toEqual([]);
    });

    it('answers a message nobody waits for with MismatchingMessageCorrelationException', async () => {
      const res = await t.http.post('/engine-rest/message').send({ messageName: 'ReferralUpdated', businessKey: 'NOBODY' });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('MismatchingMessageCorrelationException');
    });

    it('requires a messageName', async () => {
      const res = await t.http.post('/engine-rest/message').send({ businessKey: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('InvalidRequestException');
      expect(res.body.message).toContain('messageName');
    });
  });

  it('POST /signal releases every waiting instance', async () => {
    // given
    const first = await startByKey(t, 'awaitSignal');
    const second = await startByKey(t, 'awaitSignal');
    // when
    const res = await t.http.post('/engine-rest/signal').send({ name: 'LockdownLifted', variables: { reason: { value: 'all clear' } } });
    // then
    expect(res.status).toBe(204);
    expect(await taskKeysOf(t, first)).toEqual(['resume']);
    expect(await taskKeysOf(t, second)).toEqual(['resume']);
  });

  describe('external tasks', () => {
    it('fetches and locks with a bare application/json content type, then completes', async () => {
      // given
      const id = await startByKey(t, 'riskCheck', { businessKey: 'EXT-1', variables: { area: { value: 'north' }, secret: { value: 'x' } } });
      // when
      const res = await fetchRiskChecks(t);
      // then
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      const task = res.body.find((x: { processInstanceId: string }) => x.processInstanceId === id);
      expect(task).toMatchObject({ topicName: 'risk-check', workerId: 'worker-1', activityId: 'check', businessKey: 'EXT-1' });
      expect(task.variables).toEqual({ area: { type: 'String', value: 'north', valueInfo: {} } });
      expect(task.lockExpirationTime).toMatch(/\+0000$/);
      expect((await t.http.get('/engine-rest/external-task/count').query({ locked: true, processInstanceId: id })).body).toEqual({ count: 1 });

      // a second worker gets nothing while the lock holds
      expect((await fetchRiskChecks(t, 'worker-2')).body).toEqual([]);

      // when completed
      const done = await t.http.post(`/engine-rest/external-task/${task.id}/complete`).send({ workerId: 'worker-1', variables: { risk: { value: 'high' } } });
      // then
      expect(done.status).toBe(204);
      expect(await taskKeysOf(t, id)).toEqual(['assess']);
      expect((await t.http.get(`/engine-rest/external-task/${task.id}`)).status).toBe(404);
    });

    it('long-polls: a waiting fetch receives a task created while it waits', async () => {
      // given a worker waiting with nothing to do
      const fetching = t.http.post('/engine-rest/external-task/fetchAndLock').send({
        workerId: 'patient-worker',
        maxTasks: 1,
        asyncResponseTimeout: 10_000,
        topics: [{ topicName: 'risk-check', lockDuration: 60_000 }],
      });
      const response = fetching.then((res) => res);
      // when a case reaches the external task
      const id = await startByKey(t, 'riskCheck');
      // then the waiting request answers with it
      const res = await response;
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.body).toHaveLength(1);
      expect(res.body[0]).toMatchObject({ processInstanceId: id, workerId: 'patient-worker' });
    });

    it('extends a lock for the worker that holds it', async () => {
      const id = await startByKey(t, 'riskCheck');
      const [task] = (await fetchRiskChecks(t)).body.filter((x: { processInstanceId: string }) => x.processInstanceId === id);
      const res = await t.http.post(`/engine-rest/external-task/${task.id}/extendLock`).send({ workerId: 'worker-1', newDuration: 3_600_000 });
      expect(res.status).toBe(204);
      const reloaded = await t.http.get(`/engine-rest/external-task/${task.id}`);
      expect(Date.parse(reloaded.body.lockExpirationTime.replace('+0000', 'Z'))).toBeGreaterThan(Date.parse(task.lockExpirationTime.replace('+0000', 'Z')));
    });

    it('unlocks a task so that another worker can fetch it', async () => {
      const id = await startByKey(t, 'riskCheck');
      const [task] = (await fetchRiskChecks(t)).body.filter((x: { processInstanceId: string }) => x.processInstanceId === id);
      expect((await t.http.post(`/engine-rest/external-task/${task.id}/unlock`)).status).toBe(204);
      const refetched = (await fetchRiskChecks(t, 'worker-2')).body;
      expect(refetched.map((x: { id: string }) => x.id)).toContain(task.id);
      const reloaded = await t.http.get(`/engine-rest/external-task/${task.id}`);
      expect(reloaded.body.workerId).toBe('worker-2');
    });

    it('routes a BPMN error to the boundary event', async () => {
      const id = await startByKey(t, 'riskCheck');
      const [task] = (await fetchRiskChecks(t)).body.filter((x: { processInstanceId: string }) => x.processInstanceId === id);
      const res = await t.http.post(`/engine-rest/external-task/${task.id}/bpmnError`).send({ workerId: 'worker-1', errorCode: 'NO_RISK' });
      expect(res.status).toBe(204);
      expect(await taskKeysOf(t, id)).toEqual(['noRisk']);
    });

    it('raises an incident when a failure leaves no retries', async () => {
      // given
      const id = await startByKey(t, 'riskCheck');
      const [task] = (await fetchRiskChecks(t)).body.filter((x: { processInstanceId: string }) => x.processInstanceId === id);
      // when
      const res = await t.http.post(`/engine-rest/external-task/${task.id}/failure`).send({ workerId: 'worker-1', errorMessage: 'service down', errorDetails: 'trace', retries: 0, retryTimeout: 0 });
      // then
      expect(res.status).toBe(204);
      const incidents = await t.http.get('/engine-rest/incident').query({ processInstanceId: id });
      expect(incidents.status).toBe(200);
      expect(incidents.body).toHaveLength(1);
      expect(incidents.body[0]).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'check', processInstanceId: id, configuration: task.id });
      expect((await t.http.get('/engine-rest/incident/count').query({ incidentType: 'failedExternalTask' })).body.count).toBeGreaterThanOrEqual(1);
      expect((await t.http.get('/engine-rest/external-task').query({ processInstanceId: id, noRetriesLeft: true })).body[0].errorMessage).toBe('service down');
    });

    it('refuses to complete a task locked by another worker', async () => {
      const id = await startByKey(t, 'riskCheck');
      const [task] = (await fetchRiskChecks(t)).body.filter((x: { processInstanceId: string }) => x.processInstanceId === id);
      const res = await t.http.post(`/engine-rest/external-task/${task.id}/complete`).send({ workerId: 'intruder' });
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('BadUserRequestException');
    });
  });
});
