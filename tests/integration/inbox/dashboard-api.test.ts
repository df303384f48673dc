/**
 * The manager dashboard and case view (docs/inbox.md) on Tai Calon's real disclosure procedure:
 * a Community Housing Officer logs a disclosure and adds it to ReACT on time, but the
 * 1-working-day safe telephone contact is missed (the test executes its timer jobs); the Housing
 * Manager sees it overdue with its step, the compliance of both deadlines, the heat map, the case
 * timeline, acts on the case with reasons, and exports CSV. CMG's manager sees none of it.
 * The clock is a manual one: Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import type { ManualClock } from '../../../server/engine';
import type { TestApp } from '../../support/test-app';
import { openInboxApp, session, type Session } from './inbox-fixtures';

const T0 = '2027-03-02T10:00:00.000Z';
const HOUR = 3_600_000;

const FAILING_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="dash_failing_followup" name="Follow-up (test)" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:userTask id="wait" name="Wait for the follow-up" camunda:candidateGroups="tc_cho" />
    <bpmn:boundaryEvent id="t_follow_up" attachedToRef="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="t_follow_up" targetRef="g" />
    <bpmn:exclusiveGateway id="g" default="f4" />
    <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="end"><bpmn:conditionExpression>\${followUpCount.size() > 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="end" />
    <bpmn:sequenceFlow id="f5" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const DISCLOSURE = {
  disclosureRoute: 'Direct report from the victim',
  receivedAt: T0,
  receivedBy: 'Reception',
  victimName: 'A. Victim',
  victimAddress: '1 Example Terrace',
  victimStatus: 'Tenant',
  preferredContactArrangement: 'no preference',
  safeNumber: '07700 900123',
  safeToLeaveMessage: 'no',
  immediateDanger: 'no',
};

jest.setTimeout(60_000);

describe('manager dashboard and case view', () => {
  let t: TestApp;
  let clock: ManualClock;
  let cho: Session;
  let housingManager: Session;
  let cmgManager: Session;
  let caseId: string;
  let contactTask: string;

  async function openTask(taskKey: string, root = caseId): Promise<string> {
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT t.id FROM task t JOIN process_instance p ON p.id = t.instance_id WHERE p.root_instance_id = $1 AND t.task_definition_key = $2`,
      [root, taskKey],
    );
    if (rows.length !== 1) throw new Error(`expected one open '${taskKey}', found ${rows.length}`);
    return rows[0].id;
  }

  async function complete(taskKey: string, values: Record<string, unknown>): Promise<void> {
    const response = await cho.agent.post(`/api/tasks/${await openTask(taskKey)}/complete`).send({ values });
    if (response.status !== 200) throw new Error(`complete ${taskKey}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async function executeJob(where: string, params: unknown[]): Promise<void> {
    const [job] = await t.dataSource.query(`SELECT id FROM job WHERE ${where}`, params);
    await t.http.post(`/engine-rest/job/${job.id}/execute`).expect(204);
  }

  beforeAll(async () => {
    ({ t, clock } = await openInboxApp(T0, ['tai-calon', 'cmg']));
    [cho, housingManager, cmgManager] = await Promise.all(['tc.cho', 'tc.manager', 'cmg.manager'].map((u) => session(t, u)));
    const started = await cho.agent.post('/api/cases').send({ processKey: 'tai_calon_da_disclosure', businessKey: 'TC-DASH-1' }).expect(201);
    caseId = started.body.caseId;
    expect(started.body.nextTaskId).toBe(await openTask('log_disclosure'));
    await complete('log_disclosure', DISCLOSURE);
    clock.set(new Date('2027-03-02T11:00:00.000Z'));
    await complete('add_case_to_react', { reactReference: 'R-0302', reactAddedAt: '2027-03-02T11:00:00.000Z' });
    await complete('consider_risk_factors', { cohabitsWithPerpetrator: 'no', vulnerabilitiesOrBarriers: 'no', healthAndSafetyIssues: 'no', ongoingTenancyAction: 'no' });
    contactTask = await openTask('make_safe_telephone_contact');
    // Wednesday: the safe-contact window (from receipt, 10:00) and the contact task (from 11:00) both pass; nobody called.
    clock.set(new Date('2027-03-03T12:00:00.000Z'));
    await executeJob(`activity_id = 't_safe_contact_due' AND instance_id IN (SELECT id FROM process_instance WHERE root_instance_id = $1)`, [caseId]);
    await executeJob(`config->>'taskId' = $1`, [contactTask]);
  });
  afterAll(() => t.close());

  it('shows the missed contact overdue with its step, process, team and how long', async () => {
    const dashboard = await housingManager.agent.get('/api/dashboard').expect(200);
    const step = dashboard.body.openByStep.find((s: { stepKey: string }) => s.stepKey === 'make_safe_telephone_contact');
    expect(step).toEqual({
      key: 'tai_calon_da_disclosure:make_safe_telephone_contact',
      label: "Make 'safe' telephone contact (Tai Calon: responding to a disclosure of domestic abuse)",
      processKey: 'tai_calon_da_disclosure',
      stepKey: 'make_safe_telephone_contact',
      open: 1,
      overdue: 1,
      maxOverdueMs: HOUR,
    });
    expect(dashboard.body.openByProcess).toEqual([
      { key: 'tai_calon_da_disclosure', label: 'Tai Calon: responding to a disclosure of domestic abuse', open: 2, overdue: 1, maxOverdueMs: HOUR },
    ]);
    expect(dashboard.body.openByTeam).toEqual(
      expect.arrayContaining([
        { key: 'tc_cho', label: "Community Housing Officer (victim's patch)", open: 1, overdue: 1, maxOverdueMs: HOUR },
        { key: 'tc_housing_manager', label: 'Housing Manager', open: 1, overdue: 0, maxOverdueMs: 0 },
      ]),
    );
    expect(dashboard.body.openByPerson).toEqual([{ key: null, label: 'Not claimed yet', open: 2, overdue: 1, maxOverdueMs: HOUR }]);
    expect(dashboard.body.overdue.map((task: { id: string; businessKey: string; overdueForMs: number; workingHoursLeft: number }) => [task.id, task.businessKey, task.overdueForMs, task.workingHoursLeft])).toEqual([
      [contactTask, 'TC-DASH-1', HOUR, -1],
    ]);
    expect(dashboard.body.longestWaiting[0]).toMatchObject({ caseId, businessKey: 'TC-DASH-1', processName: 'Tai Calon: responding to a disclosure of domestic abuse' });
  });

  it('gives the deadline compliance of each timed step this month, with a six-month trend', async () => {
    const { body } = await housingManager.agent.get('/api/dashboard').expect(200);
    const react = body.compliance.find((c: { stepKey: string }) => c.stepKey === 'add_case_to_react');
    expect(react).toMatchObject({ processKey: 'tai_calon_da_disclosure', stepName: 'Add the case to the ReACT database', deadline: '1 working day', met: 1, missed: 0, rate: 1 });
    expect(react.trend.map((m: { month: string }) => m.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
    expect(react.trend[5]).toEqual({ month: '2027-03', met: 1, missed: 0, rate: 1 });
    expect(react.trend[4]).toEqual({ month: '2027-02', met: 0, missed: 0, rate: null });
    const contact = body.compliance.find((c: { stepKey: string }) => c.stepKey === 'make_safe_telephone_contact');
    expect(contact).toMatchObject({ deadline: '1 working day (or as agreed for the case)', met: 0, missed: 1, rate: 0 });
  });

  it('puts the counts on the process diagram and lists the cases at a step', async () => {
    const heatmap = await housingManager.agent.get('/api/dashboard/heatmap/tai_calon_da_disclosure').expect(200);
    expect(heatmap.body.xml).toContain('<bpmn:process id="tai_calon_da_disclosure"');
    expect(heatmap.body.steps).toEqual(
      expect.arrayContaining([
        { activityId: 'make_safe_telephone_contact', active: 1, overdue: 1 },
        { activityId: 'escalate_safe_contact_overdue', active: 1, overdue: 0 },
      ]),
    );
    const cases = await housingManager.agent.get('/api/dashboard/heatmap/tai_calon_da_disclosure/steps/make_safe_telephone_contact').expect(200);
    expect(cases.body).toEqual([
      expect.objectContaining({ caseId, businessKey: 'TC-DASH-1', taskId: contactTask, candidateGroups: ['tc_cho'], overdue: true, overdueForMs: HOUR }),
    ]);
  });

  it('shows the case: current position, timeline on time or late, variables, and audits the view', async () => {
    const view = await housingManager.agent.get(`/api/cases/${caseId}`).expect(200);
    expect(view.body.case).toMatchObject({ id: caseId, businessKey: 'TC-DASH-1', processKey: 'tai_calon_da_disclosure', state: 'ACTIVE' });
    expect(view.body.xml).toContain('make_safe_telephone_contact');
    expect(view.body.currentActivityIds).toEqual(expect.arrayContaining(['make_safe_telephone_contact', 'escalate_safe_contact_overdue']));
    const steps = (id: string) => view.body.timeline.filter((e: { activityId: string }) => e.activityId === id);
    expect(steps('log_disclosure')).toEqual([expect.objectContaining({ kind: 'step', name: 'Log the disclosure', assignee: null, start: T0, end: T0, durationMs: 0, due: null, onTime: null })]);
    expect(steps('add_case_to_react')).toEqual([
      expect.objectContaining({ start: T0, end: '2027-03-02T11:00:00.000Z', durationMs: HOUR, due: '2027-03-03T10:00:00.000Z', onTime: true }),
    ]);
    expect(steps('make_safe_telephone_contact')).toEqual([expect.objectContaining({ end: null, due: '2027-03-03T11:00:00.000Z', onTime: false })]);
    // Sensitive values: readable inside the organisation, redacted for the platform administrator.
    expect(view.body.variables.victimName).toEqual({ type: 'String', value: 'A. Victim', sensitive: true });
    expect(view.body.variables.victimStatus).toEqual({ type: 'String', value: 'Tenant' });
    const asAdmin = await t.http.get(`/api/cases/${caseId}`).expect(200);
    expect(asAdmin.body.variables.victimName).toEqual({ type: 'String', value: null, valueInfo: { sensitive: true, redacted: true }, sensitive: true });
    const audit: { case_ids: string[] }[] = await t.dataSource.query(`SELECT case_ids FROM audit_log WHERE action = 'GET /api/cases/:id' AND actor = 'tc.manager'`);
    expect(audit.some((row) => row.case_ids.includes(caseId))).toBe(true);
    // Staff see cases they work on.
    expect((await cho.agent.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it('records managers\' actions with their reasons, encrypted, in the case timeline', async () => {
    expect((await housingManager.agent.put(`/api/tasks/${contactTask}/due`).send({ due: '2027-03-03T16:00:00.000Z' })).status).toBe(400);
    expect((await cho.agent.put(`/api/tasks/${contactTask}/due`).send({ due: '2027-03-03T16:00:00.000Z', reason: 'x' })).status).toBe(403);
    await housingManager.agent.put(`/api/tasks/${contactTask}/due`).send({ due: '2027-03-03T16:00:00.000Z', reason: 'Victim asked for a call after 3pm' }).expect(204);
    await housingManager.agent.post(`/api/tasks/${contactTask}/reassign`).send({ userId: 'tc.cho', reason: 'Patch officer back from leave' }).expect(204);
    expect((await housingManager.agent.post(`/api/tasks/${contactTask}/reassign`).send({ userId: 'cmg.caseworker', reason: 'x' })).status).toBe(400);
    const task = await cho.agent.get(`/api/tasks/${contactTask}/page`).expect(200);
    expect(task.body.task).toMatchObject({ assignee: 'tc.cho', due: '2027-03-03T16:00:00.000Z', overdue: false });
    expect(task.body.deadline).toEqual({ due: '2027-03-03T16:00:00.000Z', workingHoursLeft: 4, overdue: false });
    const view = await housingManager.agent.get(`/api/cases/${caseId}`).expect(200);
    const actions = view.body.timeline.filter((e: { kind: string }) => e.kind === 'action');
    expect(actions).toEqual([
      expect.objectContaining({ action: 'change-due', name: 'Due date changed', actor: 'tc.manager', taskId: contactTask, activityId: 'make_safe_telephone_contact', reason: 'Victim asked for a call after 3pm', at: '2027-03-03T12:00:00.000Z' }),
      expect.objectContaining({ action: 'reassign', name: 'Task reassigned', actor: 'tc.manager', reason: 'Patch officer back from leave' }),
    ]);
    const rows: { reason: string }[] = await t.dataSource.query(`SELECT reason::text AS reason FROM case_action WHERE case_id = $1`, [caseId]);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.reason).toContain('"$enc": "v1"');
      expect(row.reason).not.toContain('3pm');
    }
    // The platform administrator sees that something was done, not why.
    const asAdmin = await t.http.get(`/api/cases/${caseId}`).expect(200);
    expect(asAdmin.body.timeline.filter((e: { kind: string }) => e.kind === 'action').map((e: { reason: string | null }) => e.reason)).toEqual([null, null]);
  });

  it('exports the overdue list and the compliance table as CSV', async () => {
    await housingManager.agent.put(`/api/tasks/${contactTask}/due`).send({ due: '2027-03-03T11:00:00.000Z', reason: 'Back to the original deadline' }).expect(204);
    const overdue = await housingManager.agent.get('/api/dashboard/overdue.csv').expect(200);
    expect(overdue.headers['content-type']).toContain('text/csv');
    const lines = overdue.text.trim().split('\r\n');
    expect(lines[0]).toBe('Case,Business key,Process,Step,Groups,Assignee,Due,Overdue for (hours),Working hours overdue');
    expect(lines.slice(1)).toEqual([`${caseId},TC-DASH-1,Tai Calon: responding to a disclosure of domestic abuse,Make 'safe' telephone contact,tc_cho,tc.cho,2027-03-03T11:00:00.000Z,1.0,1.0`]);
    const compliance = await housingManager.agent.get('/api/dashboard/compliance.csv').expect(200);
    expect(compliance.text).toContain('Tai Calon: responding to a disclosure of domestic abuse,Add the case to the ReACT database,1 working day,2027-03,1,0,100.0\r\n');
    expect(compliance.text).toContain("Tai Calon: responding to a disclosure of domestic abuse,Make 'safe' telephone contact,1 working day (or as agreed for the case),2027-03,0,1,0.0\r\n");
  });

  it('shows another organisation\'s manager none of it, and staff no dashboard', async () => {
    const dashboard = await cmgManager.agent.get('/api/dashboard').expect(200);
    expect(dashboard.body).toMatchObject({ openByProcess: [], openByStep: [], openByTeam: [], openByPerson: [], compliance: [], longestWaiting: [], overdue: [] });
    expect((await cmgManager.agent.get('/api/dashboard/heatmap/tai_calon_da_disclosure')).status).toBe(404);
    expect((await cmgManager.agent.get('/api/dashboard/heatmap/tai_calon_da_disclosure/steps/make_safe_telephone_contact')).body).toEqual([]);
    expect((await cmgManager.agent.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await cmgManager.agent.put(`/api/tasks/${contactTask}/due`).send({ due: null, reason: 'x' })).status).toBe(404);
    expect((await cmgManager.agent.post(`/api/cases/${caseId}/cancel`).send({ reason: 'x' })).status).toBe(404);
    expect((await cmgManager.agent.get('/api/dashboard/overdue.csv').expect(200)).text).not.toContain('TC-DASH-1');
    expect((await cmgManager.agent.get('/api/dashboard/compliance.csv').expect(200)).text).not.toContain('Tai Calon');
    expect((await cho.agent.get('/api/dashboard')).status).toBe(403);
    expect((await cho.agent.get('/api/dashboard/overdue.csv')).status).toBe(403);
  });

  it('retries a failed job from the case view, with the reason recorded', async () => {
    await t.engine.deploy({ name: 'failing', tenantId: 'tai-calon', resources: [{ name: 'failing.bpmn', content: FAILING_BPMN }] });
    const started = await t.engine.startProcessInstance({ definitionKey: 'dash_failing_followup', tenantId: 'tai-calon', businessKey: 'TC-FAIL-1' });
    const failing = started.instance.id;
    const [job] = await t.dataSource.query(`SELECT id FROM job WHERE instance_id = $1`, [failing]);
    for (let attempt = 0; attempt < 3; attempt++) expect((await t.http.post(`/engine-rest/job/${job.id}/execute`)).status).toBeGreaterThanOrEqual(400);
    const before = await housingManager.agent.get(`/api/cases/${failing}`).expect(200);
    expect(before.body.incidents).toEqual([expect.objectContaining({ type: 'failedJob', activityId: 't_follow_up', jobId: job.id })]);
    const incidentId = before.body.incidents[0].id;
    expect((await cho.agent.post(`/api/cases/${failing}/incidents/${incidentId}/retry`).send({})).status).toBe(403);
    await housingManager.agent.post(`/api/cases/${failing}/incidents/${incidentId}/retry`).send({ reason: 'Data fixed' }).expect(204);
    const after = await housingManager.agent.get(`/api/cases/${failing}`).expect(200);
    expect(after.body.incidents).toEqual([]);
    expect(after.body.timeline.filter((e: { kind: string }) => e.kind === 'action')).toEqual([expect.objectContaining({ action: 'retry-incident', reason: 'Data fixed' })]);
    const [retried] = await t.dataSource.query(`SELECT retries FROM job WHERE id = $1`, [job.id]);
    expect(retried.retries).toBe(1);
  });

  it('cancels a case with a reason', async () => {
    expect((await housingManager.agent.post(`/api/cases/${caseId}/cancel`).send({})).status).toBe(400);
    await housingManager.agent.post(`/api/cases/${caseId}/cancel`).send({ reason: 'Victim moved out of the area; referred on' }).expect(204);
    const view = await housingManager.agent.get(`/api/cases/${caseId}`).expect(200);
    expect(view.body.case).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'Cancelled by tc.manager' });
    expect(view.body.currentActivityIds).toEqual([]);
    expect(view.body.timeline.filter((e: { kind: string }) => e.kind === 'action').map((e: { action: string; reason: string }) => [e.action, e.reason]).at(-1)).toEqual([
      'cancel',
      'Victim moved out of the area; referred on',
    ]);
    expect((await housingManager.agent.get('/api/dashboard').expect(200)).body.overdue).toEqual([]);
  });
});
