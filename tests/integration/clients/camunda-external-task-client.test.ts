import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bpmn, chain, userTask } from '../../../server/engine/testing/bpmn-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';
import { DEMO_TOKEN_SECRET, demoTokenId } from '../../../server/src/security/demo-directory';

/**
 * Camunda's own published worker library talks to Safepath unchanged: it fetches and locks an
 * external task over /engine-rest and completes it with variables; the case moves on.
 */
const model = bpmn(
  'acssl-referral',
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="sendReferral" name="Send ACSSL referral" camunda:type="external" camunda:topic="acssl-referral" />
   ${userTask('confirm', 'camunda:candidateGroups="caseworker"')}
   <bpmn:endEvent id="end" />
   ${chain(['start', 'sendReferral', 'confirm', 'end'])}`,
);

describe('camunda-external-task-client-js against Safepath', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    await t.engine.deploy({ name: 'client', tenantId: 'cmg', resources: [{ name: 'acssl.bpmn', content: model }] });
  });
  afterAll(() => t.close());

  it('given a waiting external task, when a worker process built on the published client subscribes to its topic with its organisation\'s API token, then it completes the task with its variables and the case moves on', async () => {
    const started = await t.http
      .post('/engine-rest/process-definition/key/acssl-referral/tenant-id/cmg/start')
      .send({ businessKey: 'CALL-7', variables: { callerSafe: { value: false, type: 'Boolean' } } })
      .expect(200);
    const instanceId = started.body.id as string;

    const worker = join(__dirname, '../../support/external-task-worker.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [worker, `${t.baseUrl}/engine-rest`, 'acssl-referral', demoTokenId('cmg'), DEMO_TOKEN_SECRET], { timeout: 30000 });
    const seen = JSON.parse(stdout);

    expect(seen).toEqual({ businessKey: 'CALL-7', callerSafe: false });
    const tasks = await t.http.get('/engine-rest/task').query({ processInstanceId: instanceId }).expect(200);
    expect(tasks.body.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey)).toEqual(['confirm']);
    const variable = await t.http.get(`/engine-rest/process-instance/${instanceId}/variables/referralReference`).expect(200);
    expect(variable.body).toMatchObject({ value: 'ACSSL-123', type: 'String' });
  });

  it('refuses a worker without credentials: the published client gets 401', async () => {
    const worker = join(__dirname, '../../support/external-task-worker.mjs');
    const run = promisify(execFile)(process.execPath, [worker, `${t.baseUrl}/engine-rest`, 'acssl-referral', demoTokenId('cmg'), 'wrong-secret'], { timeout: 30000 });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(/401|not valid|Unauthorized/i) });
  });
});
