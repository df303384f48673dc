/**
 * Reconciliation makes BullMQ agree with PostgreSQL's pending timers: what Redis lost comes back,
 * a due date that moved is followed, and a timer BullMQ gave up on is tried again.
 */
import { Queue, Worker } from 'bullmq';
import { BullmqScheduler, TIMER_QUEUE, redisConnection } from '../../../server/src/scheduling/bullmq-scheduler';
import { startPrivateRedis, type PrivateRedis } from '../../support/private-redis';
import { uniquePrefix } from '../../support/redis';

describe('BullmqScheduler.reconcile', () => {
  let redis: PrivateRedis;
  let scheduler: BullmqScheduler;
  const prefix = uniquePrefix();
  const inAnHour = () => new Date(Date.now() + 3_600_000);

  beforeAll(async () => {
    redis = await startPrivateRedis();
    scheduler = new BullmqScheduler(redisConnection(redis.url), prefix);
  });
  afterAll(async () => {
    await scheduler?.close();
    await redis?.stop();
  });

  it('given timers Redis never had, then they are added with their due dates', async () => {
    const due = inAnHour();
    const report = await scheduler.reconcile([{ id: 'lost-1', dueDate: due }, { id: 'lost-2', dueDate: null }]);
    expect(report).toEqual({ pending: 2, added: 2, replaced: 0 });
    expect(await scheduler.queue.getJobState('lost-1')).toBe('delayed');
    expect(await scheduler.queue.getJobState('lost-2')).toBe('waiting');
    const job = await scheduler.queue.getJob('lost-1');
    expect((job?.timestamp ?? 0) + (job?.delay ?? 0)).toBe(due.getTime());
  });

  it('given timers Redis already holds with the same due date, then nothing changes', async () => {
    const due = inAnHour();
    await scheduler.schedule([{ id: 'kept', dueDate: due }]);
    expect(await scheduler.reconcile([{ id: 'kept', dueDate: due }])).toEqual({ pending: 1, added: 0, replaced: 0 });
  });

  it('given a due date moved in PostgreSQL, then the delayed job moves with it', async () => {
    await scheduler.schedule([{ id: 'moved', dueDate: inAnHour() }]);
    const earlier = new Date(Date.now() + 60_000);
    expect(await scheduler.reconcile([{ id: 'moved', dueDate: earlier }])).toEqual({ pending: 1, added: 0, replaced: 1 });
    const job = await scheduler.queue.getJob('moved');
    expect((job?.timestamp ?? 0) + (job?.delay ?? 0)).toBe(earlier.getTime());
  });

  it('given a timer BullMQ gave up on while PostgreSQL still has it pending, then it is tried again', async () => {
    // given a job whose attempts all failed
    const other = new Queue(TIMER_QUEUE, { connection: redisConnection(redis.url), prefix });
    await other.add('fire', { jobId: 'gave-up' }, { jobId: 'gave-up', attempts: 1, removeOnFail: 1000 });
    const failing = new Worker(TIMER_QUEUE, async () => {
      throw new Error('database unavailable');
    }, { connection: redisConnection(redis.url), prefix });
    await new Promise<void>((resolve) => failing.on('failed', () => resolve()));
    await failing.close();
    await other.close();
    expect(await scheduler.queue.getJobState('gave-up')).toBe('failed');

    // when reconciling
    expect(await scheduler.reconcile([{ id: 'gave-up', dueDate: new Date(Date.now() - 1000) }])).toEqual({ pending: 1, added: 0, replaced: 1 });

    // then it waits to be fired again
    expect(await scheduler.queue.getJobState('gave-up')).toBe('waiting');
  });
});
