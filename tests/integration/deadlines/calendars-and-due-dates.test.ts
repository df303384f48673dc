/**
 * Story: an administrator sets up an organisation's calendar over `/api/calendars`; user task due
 * and follow-up dates written as working time, ISO durations and expressions are computed on it,
 * and moving a task's due date moves its overdue check.
 */
import { ManualClock } from '../../../server/engine';
import { createTestApp, type TestApp } from '../../support/test-app';
import { deploy } from '../engine-rest/fixtures';
import { DUE_DATES_BPMN } from './deadline-models';

const WEDNESDAY_1000_LONDON = new Date('2026-05-20T09:00:00Z');

describe('deadlines: business calendars and task due dates', () => {
  let t: TestApp;
  const clock = new ManualClock(WEDNESDAY_1000_LONDON);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await t.host.scheduler.queue.pause();
    for (const tenant of ['gwent', 'tai-calon']) await deploy(t, 'due-dates.bpmn', DUE_DATES_BPMN, { 'tenant-id': tenant });
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(tenant: string, variables: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http.post(`/engine-rest/process-definition/key/dueDates/tenant-id/${tenant}/start`).send({ variables, businessKey: 'REF-7' });
    expect(res.status).toBe(200);
    return res.body.id;
  }
  const openTask = async (instanceId: string) => (await t.http.get('/engine-rest/task').query({ processInstanceId: instanceId })).body[0];

  it('shows the defaults for an organisation without a calendar and refuses invalid settings', async () => {
    expect((await t.http.get('/api/calendars/gwent')).body).toEqual({
      tenantId: 'gwent',
      timeZone: 'Europe/London',
      region: 'ENG',
      officeHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      closures: [],
      configured: false,
    });
    const backwards = await t.http.put('/api/calendars/gwent').send({ officeHours: { days: [1, 2], start: '17:00', end: '09:00' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toEqual({ type: 'InvalidRequestException', message: expect.stringContaining('officeHours.end') });
    expect((await t.http.put('/api/calendars/gwent').send({ region: 'WAL' })).body).toEqual({ type: 'InvalidRequestException', message: 'region must be ENG, SCT or NIR' });
    expect((await t.http.put('/api/calendars/gwent').send({ timeZone: 'Mars/Olympus' })).status).toBe(400);
    expect((await t.http.post('/api/calendars/gwent/closures').send({ date: '21 May' })).status).toBe(400);
  });

  it('computes working-time, ISO and expression due dates through REST on the default calendar', async () => {
    // given a case started on Wednesday at 10:00
    const instanceId = await start('gwent', { hearing: { value: '2026-06-01T09:30:00Z', type: 'String' }, worker: { value: 'alice', type: 'String' } });

    // then "1 working day" is Thursday 10:00 and "P2D" Friday 10:00
    expect(await openTask(instanceId)).toMatchObject({ due: '2026-05-21T09:00:00.000+0000', followUp: '2026-05-22T09:00:00.000+0000' });

    // when it is completed, the next task takes its due date from a variable and follow-up at close of business
    const first = await openTask(instanceId);
    expect((await t.http.post(`/engine-rest/task/${first.id}/complete`).send({})).status).toBe(204);
    const second = await openTask(instanceId);
    expect(second).toMatchObject({ due: '2026-06-01T09:30:00.000+0000', followUp: '2026-05-20T16:00:00.000+0000', assignee: 'alice' });
    expect((await t.http.get('/engine-rest/task').query({ dueBefore: '2026-06-02T00:00:00.000+0000', processInstanceId: instanceId })).body).toHaveLength(1);

    // and the overdue check waits for the due date; alice was told the task is hers
    const jobs = (await t.http.get('/engine-rest/job').query({ processInstanceId: instanceId })).body;
    expect(jobs.map((j: { dueDate: string }) => j.dueDate)).toEqual(['2026-06-01T09:30:00.000+0000']);
    expect((await t.http.get('/api/notifications').query({ userId: 'alice' })).body).toEqual([
      expect.objectContaining({ kind: 'assignment', recipientUser: 'alice', title: 'Assigned to you: From variable (REF-7)', taskId: second.id }),
    ]);

    // when the due date moves, the overdue check moves with it
    await t.host.engine.updateTaskDates(second.id, { due: new Date('2026-06-03T09:30:00Z') });
    const moved = (await t.http.get('/engine-rest/job').query({ processInstanceId: instanceId })).body;
    expect(moved).toEqual([expect.objectContaining({ id: jobs[0].id, dueDate: '2026-06-03T09:30:00.000+0000' })]);
  });

  it("uses an organisation's own calendar: a closure day is skipped", async () => {
    // given Tai Calon closes on Thursday 21 May
    const put = await t.http.put('/api/calendars/tai-calon').send({ region: 'ENG', closures: ['2026-12-24'] });
    expect(put.status).toBe(200);
    const added = await t.http.post('/api/calendars/tai-calon/closures').send({ date: '2026-05-21' });
    expect(added.body).toMatchObject({ tenantId: 'tai-calon', configured: true, closures: ['2026-05-21', '2026-12-24'] });

    // when a case starts on Wednesday 10:00, then "1 working day" is Friday 10:00 (Gwent's is Thursday)
    const instanceId = await start('tai-calon', { hearing: { value: '2026-06-01T09:30:00Z', type: 'String' }, worker: { value: 'bob', type: 'String' } });
    expect((await openTask(instanceId)).due).toBe('2026-05-22T09:00:00.000+0000');

    // when the closure is removed, then new deadlines count Thursday again
    const removed = await t.http.delete('/api/calendars/tai-calon/closures/2026-05-21');
    expect(removed.body.closures).toEqual(['2026-12-24']);
    const again = await start('tai-calon', { hearing: { value: '2026-06-01T09:30:00Z', type: 'String' }, worker: { value: 'bob', type: 'String' } });
    expect((await openTask(again)).due).toBe('2026-05-21T09:00:00.000+0000');
  });
});
