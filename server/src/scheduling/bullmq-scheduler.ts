import { Logger } from '@nestjs/common';
import { Queue, Worker, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { ScheduledJob, Scheduler } from '../../engine';

/** The BullMQ queue that holds one delayed job per engine timer (job id = timer id). */
export const TIMER_QUEUE = 'timers';

/** How long a worker's claim on a firing timer lasts before another worker may take it over (ms). */
const LOCK_MS = 10_000;
/** How often workers look for timers whose worker died mid-fire (ms). */
const STALLED_CHECK_MS = 5_000;
/** Reconciliation reads and writes Redis in chunks of this many jobs. */
const CHUNK = 1000;
/**
 * How long an engine step waits for Redis to take its wake-ups before going on without it. The
 * job rows are already committed in PostgreSQL: the commands stay queued in the client until
 * Redis answers, and reconciliation (every minute) adds whatever Redis lost meanwhile.
 */
const REDIS_WAIT_MS = 2_000;

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

/** What one reconciliation found and did. */
export interface ReconcileReport {
  /** Pending jobs read from PostgreSQL. */
  pending: number;
  /** Jobs Redis did not have (lost, or never scheduled) and that were added. */
  added: number;
  /** Jobs Redis had with another due date, or had given up on (failed), that were replaced. */
  replaced: number;
}

/**
 * Wakes the engine when a timer falls due. Redis holds only ids: the job rows in PostgreSQL are
 * the truth, so adding a job twice is harmless (same job id) and a lost Redis is refilled by
 * `reconcile`.
 */
export class BullmqScheduler implements Scheduler {
  readonly queue: Queue;
  private reconciling: Promise<ReconcileReport> | null = null;
  private readonly logger = new Logger('Timers');
  /** Whether Redis last failed to answer within REDIS_WAIT_MS (logged once per outage). */
  private unavailable = false;

  constructor(connection: ConnectionOptions, prefix: string) {
    this.queue = new Queue(TIMER_QUEUE, { connection, prefix });
  }

  async schedule(jobs: ScheduledJob[]): Promise<void> {
    await this.withinWait(async () => {
      for (let i = 0; i < jobs.length; i += CHUNK) {
        await this.queue.addBulk(jobs.slice(i, i + CHUNK).map((job) => wakeUp(job)));
      }
    });
  }

  async cancel(jobIds: string[]): Promise<void> {
    await this.withinWait(async () => {
      for (const id of jobIds) {
        // A job that is running or already gone cannot be removed; firing it is then a no-op.
        await this.queue.remove(id).catch(() => 0);
      }
    });
  }

  /**
   * Runs `work` against Redis but returns after REDIS_WAIT_MS at the latest, so that a step (and
   * the request behind it) never hangs on a Redis that is down: the queued commands complete when
   * it is back, and reconciliation covers anything lost.
   */
  private async withinWait(work: () => Promise<void>): Promise<void> {
    const running = work();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), REDIS_WAIT_MS);
    });
    const outcome = await Promise.race([running.then(() => 'done' as const), late]).finally(() => clearTimeout(timer));
    if (outcome === 'late') {
      running.catch(() => undefined);
      if (!this.unavailable) this.logger.warn('Redis is not answering: new timers wait in PostgreSQL and are scheduled when it is back');
      this.unavailable = true;
    } else if (this.unavailable) {
      this.unavailable = false;
      this.logger.log('Redis answers again: timers are scheduled as usual');
    }
  }

  /**
   * Makes Redis agree with PostgreSQL's pending jobs: adds the ones Redis lost, and replaces the
   * ones it holds with a stale due date or has given up on (failed after its retries). Jobs that
   * are waiting or firing are left alone. Concurrent calls share one run.
   */
  reconcile(pending: ScheduledJob[]): Promise<ReconcileReport> {
    this.reconciling ??= this.reconcileNow(pending).finally(() => {
      this.reconciling = null;
    });
    return this.reconciling;
  }

  private async reconcileNow(pending: ScheduledJob[]): Promise<ReconcileReport> {
    // Read in the order jobs move (delayed → waiting → active → finished), so a job moving on is still seen.
    const client = await this.queue.client;
    const delayed = await this.delayedDueTimes(client);
    const present = new Set<string>(delayed.keys());
    for (const list of ['wait', 'paused', 'active']) {
      for (const id of await client.lrange(this.queue.toKey(list), 0, -1)) present.add(id);
    }
    for (const set of ['prioritized', 'waiting-children', 'completed']) {
      for (const id of await client.zrange(this.queue.toKey(set), 0, -1)) present.add(id);
    }
    const failed = new Set(await client.zrange(this.queue.toKey('failed'), 0, -1));

    const report: ReconcileReport = { pending: pending.length, added: 0, replaced: 0 };
    const now = Date.now();
    const missing: ScheduledJob[] = [];
    for (const job of pending) {
      if (failed.has(job.id) || isStale(delayed.get(job.id), job.dueDate, now)) {
        // Removal fails only for a job some worker is firing right now: that one needs nothing.
        if ((await this.queue.remove(job.id).catch(() => 0)) === 1) {
          missing.push(job);
          report.replaced += 1;
        }
      } else if (!present.has(job.id)) {
        // Possibly a job that moved between the reads above: adding it again is a no-op.
        missing.push(job);
        report.added += 1;
      }
    }
    await this.schedule(missing);
    return report;
  }

  /** Due time (ms) of every delayed job: BullMQ scores a delayed job as dueMs * 4096 + a tie-breaker. */
  private async delayedDueTimes(client: Awaited<Queue['client']>): Promise<Map<string, number>> {
    const flat = await client.zrange(this.queue.toKey('delayed'), 0, -1, { WITHSCORES: true });
    const due = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) {
      due.set(flat[i], Math.floor(Number(flat[i + 1]) / 0x1000));
    }
    return due;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** The BullMQ job that fires one engine job at its due date. */
function wakeUp(job: ScheduledJob): { name: string; data: { jobId: string }; opts: JobsOptions } {
  // Pinning the timestamp makes BullMQ's due time exactly the engine's, so reconciliation can compare them.
  const now = Date.now();
  return {
    name: 'fire',
    data: { jobId: job.id },
    opts: {
      jobId: job.id,
      timestamp: now,
      delay: job.dueDate ? Math.max(0, job.dueDate.getTime() - now) : 0,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    },
  };
}

/** A delayed job whose due time differs from PostgreSQL's (a moved due date); jobs not delayed are never stale. */
function isStale(delayedDue: number | undefined, dueDate: Date | null, now: number): boolean {
  if (delayedDue === undefined) return false;
  const due = dueDate ? Math.max(dueDate.getTime(), now) : now;
  return Math.abs(delayedDue - due) > 1 && !(delayedDue <= now && due <= now);
}

/** Runs due timers: each BullMQ job asks the engine to fire one timer job. */
export function startTimerWorker(
  connection: ConnectionOptions,
  prefix: string,
  fire: (jobId: string) => Promise<void>,
  concurrency = 16,
): Worker {
  const logger = new Logger('TimerWorker');
  const worker = new Worker(TIMER_QUEUE, async (job) => fire(String(job.data.jobId)), {
    connection,
    prefix,
    concurrency,
    // Firing takes milliseconds: a short lock lets another server take over soon after a crash.
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_CHECK_MS,
    // Firing twice is harmless (the second finds the job gone), so crashes never make a timer give up.
    maxStalledCount: 10,
  });
  worker.on('failed', (job, error) => {
    // Ids only: never case data.
    logger.warn(`Timer ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${error.name}`);
  });
  worker.on('error', (error) => logger.warn(`Timer worker error: ${error.message}`));
  return worker;
}
