/**
 * A manager's action on a case and its reason are one transaction (docs/inbox.md): the engine
 * command carries the reason, and the store writes it to `case_action`, encrypted, with the change.
 * An action that is refused leaves no reason behind; a reason that cannot be written undoes the
 * action. Tai Calon's Housing Manager acts on small follow-up cases; the clock is a manual one.
 */
import type { ManualClock } from '../../../server/engine';
import type { TestApp } from '../../support/test-app';
import { openInboxApp, session, type Session } from './inbox-fixtures';

const T0 = '2027-03-02T10:00:00.000Z';

const FOLLOW_UP_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="action_follow_up" name="Follow-up call (test)" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call_back" />
    <bpmn:userTask id="call_back" name="Call the victim back" camunda:candidateGroups="tc_cho" camunda:dueDate="1 working day" />
    <bpmn:sequenceFlow id="f2" sourceRef="call_back" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface CaseActionRow {
  case_id: string;
  task_id: string | null;
  actor: string;
  action: string;
  reason: string | null;
  at: Date;
}

jest.setTimeout(60_000);

describe("a manager's action and its reason", () => {
  let t: TestApp;
  let clock: ManualClock;
  let cho: Session;
  let manager: Session;

  async function followUp(businessKey: string): Promise<{ caseId: string; taskId: string }> {
    const started = await t.engine.startProcessInstance({ definitionKey: 'action_follow_up', tenantId: 'tai-calon', businessKey });
    const [task] = await t.dataSource.query(`SELECT id FROM task WHERE instance_id = $1`, [started.instance.id]);
    return { caseId: started.instance.id, taskId: task.id };
  }

  async function caseActions(caseId: string): Promise<CaseActionRow[]> {
    return t.dataSource.query(`SELECT case_id, task_id, actor, action, reason::text AS reason, at FROM case_action WHERE case_id = $1 ORDER BY id`, [caseId]);
  }

  beforeAll(async () => {
    ({ t, clock } = await openInboxApp(T0, ['tai-calon']));
    [cho, manager] = await Promise.all(['tc.cho', 'tc.manager'].map((u) => session(t, u)));
    await t.engine.deploy({ name: 'follow-up', tenantId: 'tai-calon', resources: [{ name: 'follow-up.bpmn', content: FOLLOW_UP_BPMN }] });
  });
  afterAll(() => t.close());

  it('writes a reassignment with its reason, encrypted in case_action and readable in the case view', async () => {
    const { caseId, taskId } = await followUp('TC-ACT-1');
    clock.set(new Date('2027-03-02T10:30:00.000Z'));

    await manager.agent.post(`/api/tasks/${taskId}/reassign`).send({ userId: 'tc.cho', reason: 'Patch officer back from leave' }).expect(204);

    const rows = await caseActions(caseId);
    expect(rows).toEqual([{ case_id: caseId, task_id: taskId, actor: 'tc.manager', action: 'reassign', reason: expect.stringContaining('"$enc": "v1"'), at: new Date('2027-03-02T10:30:00.000Z') }]);
    expect(rows[0].reason).not.toContain('leave');
    const view = await manager.agent.get(`/api/cases/${caseId}`).expect(200);
    expect(view.body.timeline.filter((e: { kind: string }) => e.kind === 'action')).toEqual([
      expect.objectContaining({ action: 'reassign', name: 'Task reassigned', actor: 'tc.manager', taskId, activityId: 'call_back', reason: 'Patch officer back from leave', at: '2027-03-02T10:30:00.000Z' }),
    ]);
    expect((await cho.agent.get(`/api/tasks/${taskId}/page`).expect(200)).body.task.assignee).toBe('tc.cho');
  });

  it('writes no reason for an action that is refused: of two cancellations at once, one stands with its reason', async () => {
    const { caseId } = await followUp('TC-ACT-2');

    const responses = await Promise.all([
      manager.agent.post(`/api/cases/${caseId}/cancel`).send({ reason: 'Referred to the neighbouring authority' }),
      manager.agent.post(`/api/cases/${caseId}/cancel`).send({ reason: 'Victim asked us to stop' }),
    ]);

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    const refused = responses.find((r) => r.status !== 204)!;
    expect([400, 404, 409]).toContain(refused.status);
    expect(refused.body).toEqual({ type: expect.any(String), message: expect.any(String) });
    const rows = await caseActions(caseId);
    expect(rows.map((r) => [r.action, r.actor])).toEqual([['cancel', 'tc.manager']]);
    const view = await manager.agent.get(`/api/cases/${caseId}`).expect(200);
    const standing = responses.indexOf(responses.find((r) => r.status === 204)!) === 0 ? 'Referred to the neighbouring authority' : 'Victim asked us to stop';
    expect(view.body.timeline.filter((e: { kind: string }) => e.kind === 'action').map((e: { reason: string }) => e.reason)).toEqual([standing]);
  });

  it('undoes the action when its reason cannot be written: the case never changes without it', async () => {
    const { caseId, taskId } = await followUp('TC-ACT-3');
    const before = (await cho.agent.get(`/api/tasks/${taskId}/page`).expect(200)).body.task;
    // The database refuses every new reason, as a failing disk or a lost connection would.
    await t.dataSource.query(`CREATE FUNCTION refuse_case_action() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'case_action is refused by the test'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER refuse_case_action BEFORE INSERT ON case_action FOR EACH ROW EXECUTE FUNCTION refuse_case_action()`);
    try {
      const reassign = await manager.agent.post(`/api/tasks/${taskId}/reassign`).send({ userId: 'tc.cho', reason: 'Patch officer back from leave' });
      const due = await manager.agent.put(`/api/tasks/${taskId}/due`).send({ due: '2027-03-05T16:00:00.000Z', reason: 'Victim away until Friday' });
      const cancel = await manager.agent.post(`/api/cases/${caseId}/cancel`).send({ reason: 'Referred on' });

      expect([reassign.status, due.status, cancel.status]).toEqual([500, 500, 500]);
      expect(JSON.stringify([reassign.body, due.body, cancel.body])).not.toMatch(/leave|Friday|Referred/);
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_case_action ON case_action; DROP FUNCTION refuse_case_action()`);
    }

    const after = await cho.agent.get(`/api/tasks/${taskId}/page`).expect(200);
    expect(after.body.task).toMatchObject({ assignee: null, due: before.due });
    const view = await manager.agent.get(`/api/cases/${caseId}`).expect(200);
    expect(view.body.case).toMatchObject({ state: 'ACTIVE', deleteReason: null });
    expect(view.body.timeline.filter((e: { kind: string }) => e.kind === 'action')).toEqual([]);
    const [hiTask] = await t.dataSource.query(`SELECT assignee, due FROM hi_task WHERE id = $1`, [taskId]);
    expect(hiTask).toEqual({ assignee: null, due: new Date(before.due) });
    expect(await caseActions(caseId)).toEqual([]);
  });
});
