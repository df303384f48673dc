/**
 * Redis down: an engine step never waits for it. Scheduling and cancelling wake-ups return
 * within a couple of seconds (the job rows are PostgreSQL's; the commands wait in the client),
 * and once Redis is back the wake-ups are there: those queued meanwhile and, for anything lost
 * with the server, those reconciliation adds.
 */
import { BullmqScheduler, redisConnection } from '../../../server/src/scheduling/bullmq-scheduler';
import { startPrivateRedis, type PrivateRedis } from '../../support/private-redis';
import { uniquePrefix } from '../../support/redis';

jest.setTimeout(60_000);

describe('timers while Redis is down', () => {
  let redis: PrivateRedis;
  let scheduler: BullmqScheduler;
  const inAnHour = () => new Date(Date.now() + 3_600_000);

  beforeAll(async () => {
    redis = await startPrivateRedis();
    scheduler = new BullmqScheduler(redisConnection(redis.url), uniquePrefix());
    await scheduler.schedule([{ id: 'before', dueDate: inAnHour() }]);
  });
  afterAll(async () => {
    await scheduler?.close();
    await redis?.stop();
  });

  it('returns from scheduling and cancelling without Redis, and the wake-ups are there once it is back', async () => {
    const port = Number(new URL(redis.url).port);
    await redis.stop();

    const started = Date.now();
    const due = inAnHour();
    await scheduler.schedule([{ id: 'while-down', dueDate: due }]);
    await scheduler.cancel(['before']);
    // Well short of any request timeout: the step went on without Redis.
    expect(Date.now() - started).toBeLessThan(10_000);

    redis = await startPrivateRedis(port);
    // The restarted server lost everything; reconciliation from PostgreSQL's pending jobs puts it back.
    const report = await scheduler.reconcile([{ id: 'while-down', dueDate: due }]);
    expect(report.pending).toBe(1);
    expect(await scheduler.queue.getJobState('while-down')).toBe('delayed');
    const job = await scheduler.queue.getJob('while-down');
    expect((job?.timestamp ?? 0) + (job?.delay ?? 0)).toBe(due.getTime());
    expect(await scheduler.queue.getJob('before')).toBeUndefined();
  });
});
