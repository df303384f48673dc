/**
 * Story: a call handler completes CMG's "Ask: are you safe?" task. The server checks the answers
 * against the task's deployed form-js form (the real `processes/cmg/cmg_ask_are_you_safe.form`):
 * an incomplete form is refused with the missing field named and nothing written; questions the
 * form hides for the answers given are not demanded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESSES_DIR } from '../../support/scenario';
import { createTestApp, type TestApp } from '../../support/test-app';

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">`;

/** start → `askSafe` (formRef cmg_ask_are_you_safe) → `record` (formKey camunda-forms:deployment:record.form) → end. */
const CALL_BPMN = `${header}
  <bpmn:process id="call" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="askSafe" />
    <bpmn:userTask id="askSafe" name="Ask: are you safe?" camunda:formRef="cmg_ask_are_you_safe" camunda:formRefBinding="deployment" />
    <bpmn:sequenceFlow id="f2" sourceRef="askSafe" targetRef="record" />
    <bpmn:userTask id="record" name="Record the call" camunda:formKey="camunda-forms:deployment:record.form" />
    <bpmn:sequenceFlow id="f3" sourceRef="record" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const RECORD_FORM = JSON.stringify({
  type: 'default',
  id: 'record',
  components: [{ type: 'textfield', key: 'callReference', label: 'Call reference', validate: { required: true, pattern: '^CMG-\\d+$' } }],
});

const ANSWERS = { caseworkerLocation: 'Office-based', shift: 'Standard', contactType: 'Inbound call' };
type Answers = Record<string, string>;
const rest = (answers: Answers) => Object.fromEntries(Object.entries(answers).map(([name, value]) => [name, { value, type: 'String' }]));

describe('engine-rest: a task form is checked when the task is completed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const askForm = readFileSync(join(PROCESSES_DIR, 'cmg/cmg_ask_are_you_safe.form'), 'utf8');
    await t.engine.deploy({
      name: 'call',
      tenantId: 'cmg',
      resources: [
        { name: 'call.bpmn', content: CALL_BPMN },
        { name: 'cmg_ask_are_you_safe.form', content: askForm },
        { name: 'record.form', content: RECORD_FORM },
      ],
    });
  });
  afterAll(() => t.close());

  async function startCall(): Promise<{ instanceId: string; taskId: string }> {
    const started = await t.http.post('/engine-rest/process-definition/key/call/tenant-id/cmg/start').send({}).expect(200);
    const tasks = await t.http.get('/engine-rest/task').query({ processInstanceId: started.body.id }).expect(200);
    return { instanceId: started.body.id, taskId: tasks.body[0].id };
  }

  /** The case's variables, live and in history. */
  async function variableNames(instanceId: string): Promise<{ live: string[]; history: string[] }> {
    const live = await t.http.get(`/engine-rest/process-instance/${instanceId}/variables`).expect(200);
    const history = await t.http.get('/engine-rest/history/variable-instance').query({ processInstanceId: instanceId }).expect(200);
    return { live: Object.keys(live.body).sort(), history: history.body.map((v: { name: string }) => v.name).sort() };
  }

  it('given a required answer is missing, then 400 naming it, and the task stays open with nothing written; with it, the task completes', async () => {
    const { instanceId, taskId } = await startCall();

    const refused = await t.http.post(`/engine-rest/task/${taskId}/complete`).send({ variables: rest(ANSWERS) }).expect(400);

    expect(refused.body).toEqual({ type: 'InvalidRequestException', message: "The form is incomplete: 'Are you safe at the moment?' is required" });
    await t.http.get(`/engine-rest/task/${taskId}`).expect(200);
    expect(await variableNames(instanceId)).toEqual({ live: [], history: [] });

    await t.http.post(`/engine-rest/task/${taskId}/complete`).send({ variables: rest({ ...ANSWERS, areYouSafe: 'Not safe' }) }).expect(204);
    await t.http.get(`/engine-rest/task/${taskId}`).expect(404);
    const written = ['areYouSafe', 'caseworkerLocation', 'contactType', 'shift'];
    expect(await variableNames(instanceId)).toEqual({ live: written, history: written });
  });

  it('given the answers hide a required question, then it is not demanded; when they show it, it is', async () => {
    // "Does the customer have ongoing concerns…" is hidden unless the customer is safe.
    const hidden = await startCall();
    await t.http.post(`/engine-rest/task/${hidden.taskId}/complete`).send({ variables: rest({ ...ANSWERS, areYouSafe: 'No answer / cannot respond' }) }).expect(204);

    const shown = await startCall();
    const refused = await t.http.post(`/engine-rest/task/${shown.taskId}/submit-form`).send({ variables: rest({ ...ANSWERS, areYouSafe: 'Safe' }) }).expect(400);
    expect(refused.body.message).toBe(
      "The form is incomplete: 'Does the customer have ongoing concerns about domestic abuse?' is required; 'Do you still have concerns about their immediate safety?' is required",
    );
    await t.http
      .post(`/engine-rest/task/${shown.taskId}/submit-form`)
      .send({ variables: rest({ ...ANSWERS, areYouSafe: 'Safe', ongoingConcernsAboutDA: 'no', caseworkerConcernedImmediateSafety: 'no' }) })
      .expect(204);
  });

  it('given an answer outside the options, then 400; process variables count towards the form', async () => {
    const { instanceId, taskId } = await startCall();
    const refused = await t.http.post(`/engine-rest/task/${taskId}/complete`).send({ variables: rest({ ...ANSWERS, areYouSafe: 'Probably' }) }).expect(400);
    expect(refused.body).toEqual({ type: 'InvalidRequestException', message: "The form is not valid: 'Are you safe at the moment?' must be one of its options" });

    // Answers saved earlier (e.g. a draft) are process variables: the completion need not repeat them.
    await t.http.post(`/engine-rest/process-instance/${instanceId}/variables`).send({ modifications: rest({ ...ANSWERS, areYouSafe: 'Not safe' }) }).expect(204);
    await t.http.post(`/engine-rest/task/${taskId}/complete`).send({}).expect(204);
  });

  it('given a camunda-forms:deployment: form key, then that deployed form is checked too', async () => {
    const { instanceId, taskId: askId } = await startCall();
    await t.http.post(`/engine-rest/task/${askId}/complete`).send({ variables: rest({ ...ANSWERS, areYouSafe: 'Not safe' }) }).expect(204);
    const record = (await t.http.get('/engine-rest/task').query({ processInstanceId: instanceId }).expect(200)).body[0];

    const refused = await t.http.post(`/engine-rest/task/${record.id}/complete`).send({ variables: rest({ callReference: '1234' }) }).expect(400);
    expect(refused.body.message).toBe("The form is not valid: 'Call reference' does not have the expected format");
    await t.http.post(`/engine-rest/task/${record.id}/complete`).send({ variables: rest({ callReference: 'CMG-1234' }) }).expect(204);
  });
});
