/**
 * The inbox API (docs/inbox.md) against the real processes of CMG and Tai Calon, as their demo
 * people use it: views, counts, order and filters; claim, release and assign; live events;
 * starting a case from a start form; the task page of a real step; drafts; completion.
 * The clock is a manual one: Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import type { Engine } from '../../../server/engine';
import type { TestApp } from '../../support/test-app';
import { EventStream, closeStreams, INTAKE_BPMN, INTAKE_FORM, REVIEW_FORM, openInboxApp, session, type Session } from './inbox-fixtures';
import type { ManualClock } from '../../../server/engine';

const T0 = '2027-03-02T10:00:00.000Z';
const HOUR = 3_600_000;

interface Task {
  id: string;
  name: string;
  processKey: string;
  processName: string | null;
  taskKey: string;
  businessKey: string | null;
  caseId: string;
  assignee: string | null;
  candidateGroups: string[];
  due: string | null;
  overdue: boolean;
  overdueForMs: number;
  priority: number;
  workingHoursLeft: number | null;
}

const CMG_SECTION_A: [string, Record<string, unknown>][] = [
  ['ask_are_you_safe', { areYouSafe: 'Not safe', ongoingConcernsAboutDA: null, caseworkerConcernedImmediateSafety: null, caseworkerLocation: 'Office-based', shift: 'Standard', contactType: 'Inbound call' }],
  ['take_statement_seriously', { fullAttentionGiven: true }],
  ['summon_help_office', { helpSummonedBy: 'Raising an arm', customerPutOnHold: 'no – used mute', supportingColleagueName: 'Tom', supportingColleagueRole: 'Team leader on my workgroup' }],
  [
    'gather_risk_information',
    {
      whereAreYou: 'At home', whyImmediateDanger: 'He is on his way', childrenWithYou: 'no', whoThreatened: 'Ex-partner', whatThreatened: 'To come round',
      intendToGoAnywhere: 'No', customerLocation: 'address on file', immediateDangerOrRiskOfAttack: 'yes', abuserWithOrOnRoute: 'yes',
    },
  ],
  ['ask_customer_to_phone_999', { customerWillPhone999: 'Customer is unable or unwilling', reassuredAboutCmConversation: true }],
  ['ask_consent_to_call', { consentToCall: 'Refused' }],
];

jest.setTimeout(60_000);

describe('inbox API', () => {
  let t: TestApp;
  let clock: ManualClock;
  let engine: Engine;
  let caseworker: Session;
  let teamLeader: Session;
  let manager: Session;
  let colleague: Session;
  let cho: Session;
  let tcManager: Session;
  /** Intake cases by name: due dates and priorities chosen to test the order. */
  const intake: Record<string, { caseId: string; taskId: string }> = {};

  async function inbox(who: Session, query: Record<string, string> = {}): Promise<{ tasks: Task[]; counts: { mine: number; team: number; all: number | null } }> {
    const response = await who.agent.get('/api/inbox').query(query);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function openTask(caseId: string, taskKey: string): Promise<string> {
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT t.id FROM task t JOIN process_instance p ON p.id = t.instance_id WHERE p.root_instance_id = $1 AND t.task_definition_key = $2`,
      [caseId, taskKey],
    );
    if (rows.length !== 1) throw new Error(`expected one open '${taskKey}' in ${caseId}, found ${rows.length}`);
    return rows[0].id;
  }

  async function startIntake(name: string, variables: Record<string, unknown>): Promise<void> {
    const started = await engine.startProcessInstance({ definitionKey: 'inbox_intake', tenantId: 'cmg', businessKey: `INTAKE-${name}`, variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { type: typeof v === 'number' ? 'Integer' : 'String', value: v }])) });
    intake[name] = { caseId: started.instance.id, taskId: await openTask(started.instance.id, 'review_intake') };
  }

  beforeAll(async () => {
    ({ t, clock } = await openInboxApp(T0, ['cmg', 'tai-calon']));
    engine = t.host.engine;
    await t.engine.deploy({
      name: 'inbox-intake',
      tenantId: 'cmg',
      resources: [
        { name: 'inbox_intake.bpmn', content: INTAKE_BPMN },
        { name: 'inbox_intake_form.form', content: INTAKE_FORM },
        { name: 'inbox_review_form.form', content: REVIEW_FORM },
      ],
    });
    [caseworker, teamLeader, manager, colleague, cho, tcManager] = await Promise.all(
      ['cmg.caseworker', 'cmg.teamleader', 'cmg.manager', 'cmg.colleague', 'tc.cho', 'tc.manager'].map((u) => session(t, u)),
    );
    // Overdue by a day, overdue by an hour, due Friday (two priorities), and no due date.
    await startIntake('late-day', { dueIn: '2027-03-01T10:00:00Z' });
    await startIntake('late-hour', { dueIn: '2027-03-02T09:00:00Z' });
    await startIntake('friday-high', { dueIn: '2027-03-05T10:00:00Z', priority: 80 });
    await startIntake('friday-low', { dueIn: '2027-03-05T10:00:00Z', priority: 20 });
    await startIntake('undated', {});
  });
  afterAll(() => t.close());

  describe('views, counts, order and filters', () => {
    it('orders the team view overdue first, then by due date, then by priority, undated last, with working hours left', async () => {
      const { tasks, counts } = await inbox(caseworker, { view: 'team' });
      expect(tasks.map((task) => task.businessKey)).toEqual(['INTAKE-late-day', 'INTAKE-late-hour', 'INTAKE-friday-high', 'INTAKE-friday-low', 'INTAKE-undated']);
      expect(counts).toEqual({ mine: 0, team: 5, all: null });
      const [lateDay, lateHour, fridayHigh, , undated] = tasks;
      expect(lateDay).toMatchObject({ name: 'Review the intake', processKey: 'inbox_intake', processName: 'Intake (test)', taskKey: 'review_intake', caseId: intake['late-day'].caseId, assignee: null, candidateGroups: ['cmg_caseworker'], overdue: true, overdueForMs: 24 * HOUR, priority: 50 });
      // Monday 10:00 to Tuesday 10:00 is one office day of 8 hours on the default calendar.
      expect(lateDay.workingHoursLeft).toBe(-8);
      expect(lateHour).toMatchObject({ overdue: true, overdueForMs: HOUR, workingHoursLeft: -1 });
      // Tuesday 10:00 to Friday 10:00: 7 + 8 + 8 + 1 working hours.
      expect(fridayHigh).toMatchObject({ overdue: false, overdueForMs: 0, priority: 80, workingHoursLeft: 24, due: '2027-03-05T10:00:00.000Z' });
      expect(undated).toMatchObject({ due: null, overdue: false, workingHoursLeft: null });
    });

    it('filters by due window, process and step', async () => {
      const keys = async (query: Record<string, string>) => (await inbox(caseworker, { view: 'team', ...query })).tasks.map((task) => task.businessKey);
      expect(await keys({ dueWithin: 'overdue' })).toEqual(['INTAKE-late-day', 'INTAKE-late-hour']);
      expect(await keys({ dueWithin: 'today' })).toEqual(['INTAKE-late-day', 'INTAKE-late-hour']);
      expect(await keys({ dueWithin: 'week' })).toEqual(['INTAKE-late-day', 'INTAKE-late-hour', 'INTAKE-friday-high', 'INTAKE-friday-low']);
      expect(await keys({ processKey: 'inbox_intake', taskKey: 'review_intake', maxResults: '2', firstResult: '1' })).toEqual(['INTAKE-late-hour', 'INTAKE-friday-high']);
      expect(await keys({ processKey: 'cmg_da_call_handling' })).toEqual([]);
      expect((await caseworker.agent.get('/api/inbox').query({ view: 'everything' })).status).toBe(400);
      expect((await caseworker.agent.get('/api/inbox').query({ dueWithin: 'soon' })).body.type).toBe('InvalidRequestException');
    });

    it('refuses the whole-organisation view to staff (403) and shows it to managers, within their organisation only', async () => {
      const refused = await caseworker.agent.get('/api/inbox').query({ view: 'all' });
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe('AuthorizationException');
      const all = await inbox(manager, { view: 'all' });
      expect(all.tasks.map((task) => task.businessKey)).toEqual(['INTAKE-late-day', 'INTAKE-late-hour', 'INTAKE-friday-high', 'INTAKE-friday-low', 'INTAKE-undated']);
      expect(all.counts.all).toBe(5);
      const other = await inbox(tcManager, { view: 'all' });
      expect(other.tasks).toEqual([]);
      expect(other.counts).toEqual({ mine: 0, team: 0, all: 0 });
      // A team leader is not offered caseworkers' tasks.
      expect((await inbox(teamLeader, { view: 'team' })).tasks).toEqual([]);
      expect((await t.anonymous.get('/api/inbox')).status).toBe(401);
    });
  });

  describe('claim, release and assign', () => {
    it('claims a task into "mine", refuses a second claim (409) and hides it from people outside its groups (404)', async () => {
      const { taskId } = intake['friday-high'];
      expect((await caseworker.agent.post(`/api/inbox/${taskId}/claim`)).status).toBe(204);
      const mine = await inbox(caseworker, { view: 'mine' });
      expect(mine.tasks.map((task) => [task.businessKey, task.assignee])).toEqual([['INTAKE-friday-high', 'cmg.caseworker']]);
      expect(mine.counts).toEqual({ mine: 1, team: 4, all: null });
      expect((await manager.agent.post(`/api/inbox/${taskId}/claim`)).status).toBe(409);
      expect((await colleague.agent.post(`/api/inbox/${taskId}/claim`)).status).toBe(404);
      expect((await cho.agent.post(`/api/inbox/${taskId}/claim`)).status).toBe(404);
    });

    it('releases your own claim, but not someone else\'s unless you may assign', async () => {
      const { taskId } = intake['friday-high'];
      expect((await caseworker.agent.post(`/api/inbox/${taskId}/unclaim`)).status).toBe(204);
      expect((await inbox(caseworker, { view: 'team' })).counts).toEqual({ mine: 0, team: 5, all: null });
      await caseworker.agent.post(`/api/inbox/${taskId}/claim`).expect(204);
      const lateHour = intake['late-hour'].taskId;
      await manager.agent.post(`/api/inbox/${lateHour}/claim`).expect(204);
      expect((await caseworker.agent.post(`/api/inbox/${lateHour}/unclaim`)).status).toBe(403);
      expect((await manager.agent.post(`/api/inbox/${taskId}/unclaim`)).status).toBe(204);
      await manager.agent.post(`/api/inbox/${lateHour}/unclaim`).expect(204);
    });

    it('lets managers assign to a colleague of their organisation, who is notified; staff may not assign', async () => {
      const { taskId } = intake['late-day'];
      expect((await caseworker.agent.post(`/api/inbox/${taskId}/assign`).send({ userId: 'cmg.caseworker' })).status).toBe(403);
      expect((await manager.agent.post(`/api/inbox/${taskId}/assign`).send({ userId: 'tc.cho' })).status).toBe(400);
      expect((await manager.agent.post(`/api/inbox/${taskId}/assign`).send({})).status).toBe(400);
      expect((await manager.agent.post(`/api/inbox/${taskId}/assign`).send({ userId: 'cmg.caseworker' })).status).toBe(204);
      const mine = await inbox(caseworker, { view: 'mine' });
      expect(mine.tasks.map((task) => task.businessKey)).toEqual(['INTAKE-late-day']);
      const notices = await caseworker.agent.get('/api/notifications').expect(200);
      expect(notices.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assignment', taskId, title: 'Assigned to you: Review the intake (INTAKE-late-day)' })]));
      await manager.agent.post(`/api/inbox/${taskId}/unclaim`).expect(204);
    });
  });

  describe('starting a case from a start form', () => {
    it('lists the processes a person may start, with their start forms, but not those only called by others', async () => {
      const startable = await caseworker.agent.get('/api/startable').expect(200);
      const byKey = new Map((startable.body as { key: string; formSchema: { id: string } | null; startFormKey: string | null }[]).map((p) => [p.key, p]));
      expect(byKey.get('inbox_intake')).toMatchObject({ name: 'Intake (test)', startFormKey: 'inbox_intake_form', formSchema: { id: 'inbox_intake_form', type: 'default' } });
      expect(byKey.get('cmg_da_call_handling')).toMatchObject({ startFormKey: null, formSchema: null });
      expect(byKey.has('cmg_section_c_signposting')).toBe(false);
      expect(byKey.has('tai_calon_da_disclosure')).toBe(false);
      // The intake names its starters: team leaders may not start it.
      const forLeader = await teamLeader.agent.get('/api/startable').expect(200);
      expect(forLeader.body.map((p: { key: string }) => p.key)).not.toContain('inbox_intake');
      expect((await teamLeader.agent.post('/api/cases').send({ processKey: 'inbox_intake', variables: { contactReason: 'x' } })).status).toBe(403);
    });

    it('checks the start form on the server, starts the case and answers its first task', async () => {
      const incomplete = await caseworker.agent.post('/api/cases').send({ processKey: 'inbox_intake', variables: { callerName: 'A. Caller' } });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.message).toContain("'Why did they call?' is required");
      const started = await caseworker.agent.post('/api/cases').send({ processKey: 'inbox_intake', businessKey: 'INTAKE-form', variables: { contactReason: 'Worried about a neighbour', callerName: 'A. Caller' } });
      expect(started.status).toBe(201);
      expect(started.body.nextTaskId).toBe(await openTask(started.body.caseId, 'review_intake'));
      const page = await caseworker.agent.get(`/api/tasks/${started.body.nextTaskId}/page`).expect(200);
      // Key facts are the non-sensitive answers; the caller's name is sensitive.
      expect(page.body.caseSummary).toEqual({ businessKey: 'INTAKE-form', keyFacts: [{ label: 'Contact reason', value: 'Worried about a neighbour' }] });
      expect((await cho.agent.post('/api/cases').send({ processKey: 'inbox_intake', variables: { contactReason: 'x' } })).status).toBe(404);
    });
  });

  describe('a real step: CMG call handling', () => {
    let callCase: string;
    let firstTask: string;

    beforeAll(async () => {
      const started = await caseworker.agent.post('/api/cases').send({ processKey: 'cmg_da_call_handling', businessKey: 'CMG-INBOX-1', variables: {} }).expect(201);
      callCase = started.body.caseId;
      firstTask = started.body.nextTaskId;
    });

    it('shows the step\'s guidance, form, signposting and the case so far', async () => {
      const page = await caseworker.agent.get(`/api/tasks/${firstTask}/page`).expect(200);
      expect(page.body.task).toMatchObject({ id: firstTask, taskKey: 'ask_are_you_safe', name: 'Check to see if the customer is safe', businessKey: 'CMG-INBOX-1', caseId: callCase });
      expect(page.body.guidance).toContain('It is important to establish whether the customer feels safe at this moment.');
      expect(page.body.formSchema).toMatchObject({ id: 'cmg_ask_are_you_safe' });
      expect(page.body.formSchema.components.map((c: { key?: string }) => c.key)).toEqual(expect.arrayContaining(['areYouSafe', 'shift', 'contactType']));
      expect(page.body.signposting).toEqual([{ key: 'emergency_999', name: 'Police / emergency services', phone: '999 or (9)999', source: 'CMG Section A — Call the Emergency Services' }]);
      expect(page.body.deadline).toBeNull();
      expect(page.body.draft).toBeNull();
      expect(page.body.history).toEqual([
        { activityName: 'Customer talks about domestic abuse', assignee: null, start: T0, end: T0, onTime: null },
        { activityName: 'Check to see if the customer is safe', assignee: null, start: T0, end: null, onTime: null },
      ]);
      expect((await teamLeader.agent.get(`/api/tasks/${firstTask}/page`)).status).toBe(404);
      expect((await tcManager.agent.get(`/api/tasks/${firstTask}/page`)).status).toBe(404);
    });

    it('keeps a draft per person, encrypted at rest', async () => {
      await caseworker.agent.put(`/api/tasks/${firstTask}/draft`).send({ values: { areYouSafe: 'Not safe', shift: 'Standard' } }).expect(204);
      const page = await caseworker.agent.get(`/api/tasks/${firstTask}/page`).expect(200);
      expect(page.body.draft).toEqual({ areYouSafe: 'Not safe', shift: 'Standard' });
      const [row] = await t.dataSource.query(`SELECT "values"::text AS v FROM task_form_draft WHERE task_id = $1`, [firstTask]);
      expect(row.v).toContain('"$enc": "v1"');
      expect(row.v).not.toContain('Not safe');
      expect((await manager.agent.get(`/api/tasks/${firstTask}/page`).expect(200)).body.draft).toBeNull();
      expect((await tcManager.agent.put(`/api/tasks/${firstTask}/draft`).send({ values: { areYouSafe: 'x' } })).status).toBe(404);
    });

    it('refuses an incomplete form with the fields named, then completes and answers the next task; the draft goes', async () => {
      const incomplete = await caseworker.agent.post(`/api/tasks/${firstTask}/complete`).send({ values: { areYouSafe: 'Not safe' } });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.message).toContain("'Shift' is required");
      const done = await caseworker.agent.post(`/api/tasks/${firstTask}/complete`).send({ values: CMG_SECTION_A[0][1] });
      expect(done.status).toBe(200);
      expect(done.body.nextTasks).toEqual([{ id: await openTask(callCase, 'take_statement_seriously'), name: 'Take the statement seriously', candidateGroups: ['cmg_caseworker'], assignee: null }]);
      expect(await t.dataSource.query(`SELECT 1 FROM task_form_draft WHERE task_id = $1`, [firstTask])).toEqual([]);
      const next = await caseworker.agent.get(`/api/tasks/${done.body.nextTasks[0].id}/page`).expect(200);
      expect(next.body.caseSummary.keyFacts).toEqual(
        expect.arrayContaining([
          { label: 'Are you safe', value: 'Not safe' },
          { label: 'Contact type', value: 'Inbound call' },
        ]),
      );
    });

    it('delivers the team leader\'s new task live to the team leader, and nothing to another organisation', async () => {
      const leaderStream = await EventStream.open(t.baseUrl!, teamLeader.cookie);
      const otherStream = await EventStream.open(t.baseUrl!, tcManager.cookie);
      try {
        expect(leaderStream.status).toBe(200);
        expect(leaderStream.contentType).toContain('text/event-stream');
        for (const [taskKey, values] of CMG_SECTION_A.slice(1)) {
          await caseworker.agent.post(`/api/tasks/${await openTask(callCase, taskKey)}/complete`).send({ values }).expect(200);
        }
        const decision = await openTask(callCase, 'team_leader_decides_emergency_call');
        await leaderStream.until(() => leaderStream.events.some((e) => e.type === 'task-created' && e.data.taskId === decision));
        expect(leaderStream.events.find((e) => e.data.taskId === decision)).toEqual({
          type: 'task-created',
          data: { taskId: decision, caseId: callCase, groups: ['cmg_team_leader'], assignee: null },
        });
        // The team leader saw nothing of the caseworker's own tasks.
        expect(leaderStream.events.filter((e) => e.data.groups.includes('cmg_caseworker') && !e.data.groups.includes('cmg_team_leader'))).toEqual([]);
        // A Tai Calon event after all of that reaches Tai Calon's manager: anything of CMG's would have come first.
        const started = await cho.agent.post('/api/cases').send({ processKey: 'tai_calon_da_disclosure', businessKey: 'TC-FENCE' }).expect(201);
        await otherStream.until(() => otherStream.events.some((e) => e.type === 'task-created' && e.data.caseId === started.body.caseId));
        expect(otherStream.events.map((e) => e.data.caseId)).toEqual([started.body.caseId]);
        // Claimed by someone else: the team leader hears of it.
        await manager.agent.post(`/api/inbox/${decision}/claim`).expect(204);
        await leaderStream.until(() => leaderStream.events.some((e) => e.type === 'task-claimed' && e.data.taskId === decision && e.data.assignee === 'cmg.manager'));
      } finally {
        await closeStreams(t, leaderStream, otherStream);
      }
    });

    it('refuses the event stream without a session', async () => {
      const stream = await EventStream.open(t.baseUrl!, null);
      expect(stream.status).toBe(401);
      await closeStreams(t, stream);
    });
  });

  it('tells an open stream when a task falls overdue', async () => {
    const stream = await EventStream.open(t.baseUrl!, caseworker.cookie);
    try {
      const { taskId } = intake['friday-low'];
      const [job] = await t.dataSource.query(`SELECT id FROM job WHERE config->>'taskId' = $1`, [taskId]);
      clock.set(new Date('2027-03-05T10:00:00.000Z'));
      await t.http.post(`/engine-rest/job/${job.id}/execute`).expect(204);
      await stream.until(() => stream.events.some((e) => e.type === 'task-overdue' && e.data.taskId === taskId));
      await stream.until(() => stream.events.some((e) => e.type === 'notification' && e.data.taskId === taskId && e.data.kind === 'overdue'));
    } finally {
      await closeStreams(t, stream);
      clock.set(new Date(T0));
    }
  });
});
