/**
 * Story: a fortnightly MARAC process starts itself from a timer cycle; the operator sees the
 * definition's timer at /engine-rest/job, moves it, and a broken version's failing firings end
 * as an incident that setting retries resolves.
 */
import { ManualClock } from '../../../server/engine';
import { createTestApp, type TestApp } from '../../support/test-app';
import { deploy } from '../engine-rest/fixtures';
import { maracBpmn } from './deadline-models';

interface Job {
  id: string;
  dueDate: string;
  processInstanceId: string | null;
  processDefinitionId: string;
  retries: number;
  exceptionMessage: string | null;
}

describe('deadlines: timer start events and failing jobs', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2027-01-01T12:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await t.host.scheduler.queue.pause();
  });
  afterAll(async () => {
    await t.close();
  });

  const timers = async (query: Record<string, unknown> = {}): Promise<Job[]> => (await t.http.get('/engine-rest/job').query({ timers: true, processDefinitionKey: 'marac', ...query })).body;

  it('starts a case at each fortnightly meeting and schedules the next one', async () => {
    // given
    const deployed = await deploy(t, 'marac.bpmn', maracBpmn('R/2027-01-06T10:00:00Z/P14D'));
    const definitionId = Object.values(deployed.deployedProcessDefinitions)[0].id;

    // then the definition owns one timer, listed with the job filters
    const [first] = await timers();
    expect(first).toMatchObject({ dueDate: '2027-01-06T10:00:00.000+0000', processInstanceId: null, processDefinitionId: definitionId, retries: 3 });
    expect((await t.http.get('/engine-rest/job/count').query({ processDefinitionKey: 'marac', dueDates: 'gt_2027-01-06T09:00:00.000+0000,lt_2027-01-06T11:00:00.000+0000' })).body).toEqual({ count: 1 });
    expect((await t.http.get('/engine-rest/job/count').query({ processInstanceId: 'someCase' })).body).toEqual({ count: 0 });
    expect((await t.host.scheduler.queue.getJob(first.id))?.data.jobId).toBe(first.id);

    // when the meeting's time comes
    clock.set(new Date('2027-01-06T10:00:00Z'));
    expect((await t.http.post(`/engine-rest/job/${first.id}/execute`)).status).toBe(204);

    // then a case waits for the list to be prepared, and the next meeting is scheduled
    const tasks = await t.http.get('/engine-rest/task').query({ processDefinitionKey: 'marac' });
    expect(tasks.body.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey)).toEqual(['prepare']);
    const [next] = await timers();
    expect(next).toMatchObject({ dueDate: '2027-01-20T10:00:00.000+0000', processInstanceId: null });
    expect(next.id).not.toBe(first.id);
    expect((await t.http.post(`/engine-rest/job/${first.id}/execute`)).status).toBe(404);

    // when the operator moves the meeting, then the job and its wake-up move
    expect((await t.http.put(`/engine-rest/job/${next.id}/duedate`).send({ duedate: '2030-01-21T10:00:00.000+0000' })).status).toBe(204);
    expect((await t.http.get(`/engine-rest/job/${next.id}`)).body.dueDate).toBe('2030-01-21T10:00:00.000+0000');
    const wakeUp = await t.host.scheduler.queue.getJob(next.id);
    expect(wakeUp!.timestamp + wakeUp!.opts.delay!).toBe(Date.parse('2030-01-21T10:00:00Z'));
  });

  it('replaces the old version timer when a new version is deployed, and turns failing firings into an incident', async () => {
    // given a new version whose first step cannot be evaluated
    const deployed = await deploy(t, 'marac.bpmn', maracBpmn('R/2030-02-03T10:00:00Z/P14D', '${listReady > 0}'));
    const definitionId = Object.values(deployed.deployedProcessDefinitions)[0].id;
    const all = await timers();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ processDefinitionId: definitionId, dueDate: '2030-02-03T10:00:00.000+0000' });
    const job = all[0];

    // when it fails three times
    for (const retriesLeft of [2, 1, 0]) {
      const fired = await t.http.post(`/engine-rest/job/${job.id}/execute`);
      expect(fired.status).toBeGreaterThanOrEqual(400);
      const after = (await t.http.get(`/engine-rest/job/${job.id}`)).body as Job;
      expect(after.retries).toBe(retriesLeft);
      expect(after.exceptionMessage).toMatch(/^EngineError \(Expression\)/);
    }

    // then an incident is open, no case was started, and the job waits
    const incidents = await t.http.get('/engine-rest/incident').query({ incidentType: 'failedJob', configuration: job.id });
    expect(incidents.body).toEqual([expect.objectContaining({ processInstanceId: null, processDefinitionId: definitionId, activityId: 'fortnightly', configuration: job.id })]);
    expect((await t.http.get('/engine-rest/job/count').query({ noRetriesLeft: true, processDefinitionKey: 'marac' })).body).toEqual({ count: 1 });

    // when the operator sets retries again
    expect((await t.http.put(`/engine-rest/job/${job.id}/retries`).send({ retries: 2 })).status).toBe(204);

    // then the incident is resolved and the job is scheduled again
    expect((await t.http.get('/engine-rest/incident/count').query({ configuration: job.id })).body).toEqual({ count: 0 });
    expect((await t.http.get(`/engine-rest/job/${job.id}`)).body.retries).toBe(2);
    expect((await t.host.scheduler.queue.getJob(job.id))?.data.jobId).toBe(job.id);
    expect((await t.http.put(`/engine-rest/job/${job.id}/retries`).send({ retries: -1 })).status).toBe(400);
    expect((await t.http.put('/engine-rest/job/nope/retries').send({ retries: 1 })).status).toBe(404);
  });
});
