/**
 * The headline story: a Tai Calon safe-contact task "within 1 working day", received on
 * Friday 22 May 2026 at 16:59 before the spring bank holiday, falls due on Tuesday 26 May at
 * 16:59 London time; when it passes, the overdue moment is recorded, the officers are told, and
 * the model's boundary timer escalates to the housing manager.
 */
import { ManualClock } from '../../../server/engine';
import { createTestApp, type TestApp } from '../../support/test-app';
import { deploy } from '../engine-rest/fixtures';
import { SAFE_CONTACT_BPMN } from './deadline-models';

const FRIDAY_1659_LONDON = new Date('2026-05-22T15:59:00Z');
const DUE = '2026-05-26T15:59:00.000+0000';

describe('deadlines: 1 working day over a bank-holiday weekend', () => {
  let t: TestApp;
  const clock = new ManualClock(FRIDAY_1659_LONDON);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    // The engine runs on the manual clock; the real-time worker must not fire May 2026 timers by itself.
    await t.host.scheduler.queue.pause();
    await deploy(t, 'safe-contact.bpmn', SAFE_CONTACT_BPMN, { 'tenant-id': 'tai-calon' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('falls due on Tuesday at 16:59, escalates to the manager and records the overdue task', async () => {
    // given a disclosure at 16:59 on the Friday
    const started = await t.http.post('/engine-rest/process-definition/key/safeContact/tenant-id/tai-calon/start').send({ businessKey: 'TC-2026-0142' });
    expect(started.status).toBe(200);
    const instanceId = started.body.id as string;

    // then the task and both of its deadlines are due on Tuesday 16:59 London (15:59 UTC)
    const tasks = await t.http.get('/engine-rest/task').query({ processInstanceId: instanceId });
    expect(tasks.body).toEqual([expect.objectContaining({ taskDefinitionKey: 'make_safe_telephone_contact', due: DUE })]);
    const jobs = await t.http.get('/engine-rest/job').query({ processInstanceId: instanceId, timers: true });
    expect(jobs.body.map((j: { dueDate: string }) => j.dueDate)).toEqual([DUE, DUE]);
    expect((await t.http.get('/engine-rest/job/count').query({ processInstanceId: instanceId, dueDates: 'lt_2026-05-26T15:58:00.000+0000' })).body).toEqual({ count: 0 });
    const wakeUps = await Promise.all(jobs.body.map((j: { id: string }) => t.host.scheduler.queue.getJob(j.id)));
    // Redis holds a wake-up per job (already due in real time: the queue is paused).
    expect(wakeUps.map((w) => w?.data.jobId)).toEqual(jobs.body.map((j: { id: string }) => j.id));

    // when Tuesday 16:59 comes and both jobs fire
    clock.set(new Date('2026-05-26T15:59:00Z'));
    for (const job of jobs.body as { id: string }[]) {
      expect((await t.http.post(`/engine-rest/job/${job.id}/execute`)).status).toBe(204);
    }

    // then the manager has an escalation task and the officer's task is still open
    const open = await t.http.get('/engine-rest/task').query({ processInstanceId: instanceId, sortBy: 'name', sortOrder: 'asc' });
    expect(open.body.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey).sort()).toEqual(['escalate_to_manager', 'make_safe_telephone_contact']);

    // and history knows when the task became overdue
    const [hiTask] = await t.dataSource.query(`SELECT overdue_at, due FROM hi_task WHERE instance_id = $1 AND task_definition_key = 'make_safe_telephone_contact'`, [instanceId]);
    expect((hiTask.overdue_at as Date).toISOString()).toBe('2026-05-26T15:59:00.000Z');
    expect((hiTask.due as Date).toISOString()).toBe('2026-05-26T15:59:00.000Z');

    // and the officers are told it is overdue, the managers that it was escalated
    const officers = await t.http.get('/api/notifications').query({ userId: 'carys', groups: 'tc_cho' });
    expect(officers.body).toEqual([
      expect.objectContaining({ kind: 'overdue', recipientGroup: 'tc_cho', title: 'Overdue: Make safe telephone contact (TC-2026-0142)', processInstanceId: instanceId, tenantId: 'tai-calon', readAt: null }),
    ]);
    const managers = await t.http.get('/api/notifications').query({ groups: 'tc_housing_manager' });
    expect(managers.body).toEqual([expect.objectContaining({ kind: 'escalation', title: 'Escalated: Chase safe contact (TC-2026-0142)' })]);

    // when an officer reads it, then nothing is unread any more
    expect((await t.http.get('/api/notifications/count').query({ groups: 'tc_cho' })).body).toEqual({ count: 1 });
    expect((await t.http.post(`/api/notifications/${officers.body[0].id}/read`)).status).toBe(204);
    expect((await t.http.get('/api/notifications/count').query({ groups: 'tc_cho' })).body).toEqual({ count: 0 });
    expect((await t.http.post('/api/notifications/nope/read')).status).toBe(404);
  });
});
