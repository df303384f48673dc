import { Logger } from '@nestjs/common';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { ScheduledJob, Scheduler } from '../../engine';

/** The BullMQ queue that holds one delayed job per engine timer (job id = timer id). */
export const TIMER_QUEUE = 'timers';

export function redisConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * Wakes the engine when a timer falls due. Redis holds only ids: the job rows in PostgreSQL are
 * the truth, so adding a job twice is harmless (same job id) and a lost Redis is refilled by
 * `reconcile`.
 */
export class BullmqScheduler implements Scheduler {
  readonly queue: Queue;

  constructor(connection: ConnectionOptions, prefix: string) {
    this.queue = new Queue(TIMER_QUEUE, { connection, prefix });
  }

  async schedule(jobs: ScheduledJob[]): Promise<void> {
    const now = Date.now();
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: 'fire',
        data: { jobId: job.id },
        opts: {
          jobId: job.id,
          delay: job.dueDate ? Math.max(0, job.dueDate.getTime() - now) : 0,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      })),
    );
  }

  async cancel(jobIds: string[]): Promise<void> {
    for (const id of jobIds) {
      // A job that is running or already gone cannot be removed; firing it is then a no-op.
      await this.queue.remove(id).catch(() => 0);
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Runs due timers: each BullMQ job asks the engine to fire one timer job. */
export function startTimerWorker(
  connection: ConnectionOptions,
  prefix: string,
  fire: (jobId: string) => Promise<void>,
  concurrency = 4,
): Worker {
  const logger = new Logger('TimerWorker');
  const worker = new Worker(TIMER_QUEUE, async (job) => fire(String(job.data.jobId)), { connection, prefix, concurrency });
  worker.on('failed', (job, error) => {
    // Ids only: never case data.
    logger.warn(`Timer ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${error.name}`);
  });
  worker.on('error', (error) => logger.warn(`Timer worker error: ${error.message}`));
  return worker;
}
