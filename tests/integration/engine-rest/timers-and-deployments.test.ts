/** Story: a case waits on a timer that an operator inspects, reschedules and fires; a broken model is refused. */
import { createTestApp } from '../../support/test-app';
import type { TestApp } from '../../support/test-app';
import { deploy, startByKey } from './fixtures';

const TIMER_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="cooling" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="recheck" />
    <bpmn:userTask id="recheck" name="Recheck" />
    <bpmn:sequenceFlow id="f3" sourceRef="recheck" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const BROKEN_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="broken" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="missing" />
  </bpmn:process>
</bpmn:definitions>`;

describe('engine-rest: jobs and deployment problems', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await deploy(t, 'cooling.bpmn', TIMER_BPMN);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists timers by due date, reschedules one and fires it', async () => {
    // given
    const id = await startByKey(t, 'cooling');
    const jobs = await t.http.get('/engine-rest/job').query({ processInstanceId: id, timers: true });
    expect(jobs.status).toBe(200);
    expect(jobs.body).toHaveLength(1);
    const job = jobs.body[0];
    expect(job).toMatchObject({ processInstanceId: id, retries: expect.any(Number), suspended: false });
    expect((await t.http.get('/engine-rest/job/count').query({ processInstanceId: id, dueDates: 'gt_2000-01-01T00:00:00.000+0000' })).body).toEqual({ count: 1 });
    expect((await t.http.get('/engine-rest/job/count').query({ processInstanceId: id, dueDates: 'lt_2000-01-01T00:00:00.000+0000' })).body).toEqual({ count: 0 });
    expect((await t.http.get('/engine-rest/job').query({ dueDates: 'soon' })).status).toBe(400);

    // when the due date moves
    expect((await t.http.put(`/engine-rest/job/${job.id}/duedate`).send({ duedate: '2030-01-01T09:00:00.000+0000' })).status).toBe(204);
    expect((await t.http.get(`/engine-rest/job/${job.id}`)).body.dueDate).toBe('2030-01-01T09:00:00.000+0000');

    // when fired
    expect((await t.http.post(`/engine-rest/job/${job.id}/execute`)).status).toBe(204);
    // then
    const tasks = await t.http.get('/engine-rest/task').query({ processInstanceId: id });
    expect(tasks.body.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey)).toEqual(['recheck']);
    expect((await t.http.put('/engine-rest/job/nope/duedate').send({ duedate: null })).status).toBe(404);
  });

  it('refuses a broken model with a ParseException listing the problems per resource', async () => {
    const res = await t.http.post('/engine-rest/deployment/create').field('deployment-name', 'broken').attach('data', Buffer.from(BROKEN_BPMN), 'broken.bpmn');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('ParseException');
    expect(res.body.details['broken.bpmn'].errors.length).toBeGreaterThan(0);
    expect(res.body.details['broken.bpmn'].errors[0]).toEqual(
      expect.objectContaining({ message: expect.any(String), line: 0, column: 0, elementIds: expect.any(Array) }),
    );
    expect(res.body.details['broken.bpmn'].warnings).toEqual([]);
  });

  it('refuses a deployment without files', async () => {
    const res = await t.http.post('/engine-rest/deployment/create').field('deployment-name', 'empty');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'InvalidRequestException', message: 'No deployment resources contained in the form upload.' });
  });
});
