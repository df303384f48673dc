/**
 * The order of a case's steps when one engine step passes several of them at the same instant:
 * completing "Review" runs two intermediate events and the end event in one transaction, all
 * stamped with the same time. History lists them in the order they happened — in Camunda's
 * `sortBy=occurrence`, by default after the start time, and in the case timeline managers read.
 */
import { createTestApp, type TestApp } from '../../support/test-app';
import { deploy, startByKey } from './fixtures';

const CHAIN_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="chain" name="Chain" isExecutable="true">
    <bpmn:startEvent id="start" name="Referral received" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="triage" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="zeta" />
    <bpmn:intermediateThrowEvent id="zeta" name="Zeta: partners told" />
    <bpmn:sequenceFlow id="f3" sourceRef="zeta" targetRef="alpha" />
    <bpmn:intermediateThrowEvent id="alpha" name="Alpha: record updated" />
    <bpmn:sequenceFlow id="f4" sourceRef="alpha" targetRef="middle" />
    <bpmn:intermediateThrowEvent id="middle" name="Middle: case noted" />
    <bpmn:sequenceFlow id="f5" sourceRef="middle" targetRef="done" />
    <bpmn:endEvent id="done" name="Done" />
  </bpmn:process>
</bpmn:definitions>`;

const IN_ORDER = ['start', 'review', 'zeta', 'alpha', 'middle', 'done'];

describe('history: the order steps happened in', () => {
  let t: TestApp;
  const cases: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await deploy(t, 'chain.bpmn', CHAIN_BPMN);
    // Several cases: random activity ids would put three same-instant steps in order only by chance.
    for (let i = 0; i < 6; i++) {
      const id = await startByKey(t, 'chain');
      const tasks = await t.http.get('/engine-rest/task').query({ processInstanceId: id }).expect(200);
      await t.http.post(`/engine-rest/task/${tasks.body[0].id}/complete`).send({}).expect(204);
      cases.push(id);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists a case's activities in the order they happened (sortBy=occurrence and by default)", async () => {
    for (const id of cases) {
      const byOccurrence = await t.http.get('/engine-rest/history/activity-instance').query({ processInstanceId: id, sortBy: 'occurrence', sortOrder: 'asc' }).expect(200);
      expect(byOccurrence.body.map((a: { activityId: string }) => a.activityId)).toEqual(IN_ORDER);
      const byDefault = await t.http.get('/engine-rest/history/activity-instance').query({ processInstanceId: id }).expect(200);
      expect(byDefault.body.map((a: { activityId: string }) => a.activityId)).toEqual(IN_ORDER);
    }
  });

  it('shows them in that order in the case timeline', async () => {
    for (const id of cases) {
      const view = await t.http.get(`/api/cases/${id}`).expect(200);
      const steps = (view.body.timeline as { kind: string; activityId: string }[]).filter((entry) => entry.kind === 'step');
      expect(steps.map((s) => s.activityId)).toEqual(IN_ORDER);
    }
  });
});
