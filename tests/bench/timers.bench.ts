/**
 * `npm run bench:timers`: how the timer plumbing (PostgreSQL job rows + BullMQ wake-ups) holds up.
 *
 * 1. One real server deploys `waitThenFollowUp` and starts one instance, the template; SQL copies
 *    it into 100,000 instances whose timers are pending (due in 30 days).
 * 2. Reconciliation (the server's own `SELECT … FROM job` + `BullmqScheduler.reconcile`) fills an
 *    empty private redis-server with them: its time, and Redis memory per pending timer.
 *    A second reconciliation, with nothing to add, is the every-minute cost.
 * 3. A server is started; 10,000 more copies fall due within 10 seconds (1,000 per second) and are
 *    scheduled as the engine schedules after a commit. Lateness = the timer's end time in
 *    hi_activity_instance minus its due date.
 * A bench reports; it always exits 0 unless it could not run.
 */
import { randomBytes } from 'node:crypto';
import { BullmqScheduler, redisConnection } from '../../server/src/scheduling/bullmq-scheduler';
import { startPrivateRedis } from '../support/private-redis';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { createTestDatabase } from '../support/test-database';
import { WAIT_THEN_FOLLOW_UP, deployOver, startWaiting } from '../integration/timers/timer-harness';
import { cloneTimerInstances } from './timer-clones';
import { percentile } from './stats';

const PENDING = Number(process.env['BENCH_PENDING'] ?? 100_000);
const DUE = Number(process.env['BENCH_DUE'] ?? 10_000);
const WINDOW_MS = 10_000;
const AIM = { p99LatenessMs: 1000, redisBytes: 200 * 1024 * 1024, reconcileMs: 30_000 };

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const redis = await startPrivateRedis();
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const scheduler = new BullmqScheduler(redisConnection(redis.url), prefix);
  let server: ServerProcess | null = null;
  const serverOptions = { databaseUrl: db.url, schema: db.schema, redisUrl: redis.url, queuePrefix: prefix, name: 'bench-server' };
  try {
    log(`schema ${db.schema}, private redis ${redis.url}`);
    server = await startServerProcess(serverOptions);
    await deployOver(server, 'wait-then-follow-up', WAIT_THEN_FOLLOW_UP);
    const [template] = await startWaiting([server], 1, 'P30D');
    await server.stop();
    server = null;

    let t = Date.now();
    await cloneTimerInstances(db.dataSource, template, PENDING, 'p', new Date(Date.now() + 30 * 86_400_000), 1);
    await db.dataSource.query(`ANALYZE`);
    log(`created ${PENDING} pending timers in ${Date.now() - t} ms`);

    // Reconciliation into an empty Redis, exactly as EngineHostService.reconcile does it.
    await redis.client.flushall();
    const memoryBefore = await redis.usedMemory();
    const reconcile = async () => {
      const started = Date.now();
      const rows: { id: string; due_date: Date | null }[] = await db.dataSource.query(`SELECT id, due_date FROM job WHERE type = 'timer'`);
      const report = await scheduler.reconcile(rows.map((r) => ({ id: r.id, dueDate: r.due_date })));
      return { ms: Date.now() - started, report };
    };
    const cold = await reconcile();
    const memoryAfter = await redis.usedMemory();
    // The template instance is one more pending timer than PENDING; it changes nothing measurable.
    const warm = await reconcile();
    log(`reconciled: cold ${cold.ms} ms (${cold.report.added} added), warm ${warm.ms} ms (${warm.report.added} added)`);

    // 10,000 timers falling due at 1,000 per second, on a running server.
    server = await startServerProcess(serverOptions);
    const due = await cloneTimerInstances(db.dataSource, template, DUE, 'd', new Date(Date.now() + 86_400_000), 1);
    // Due dates are set once the copies exist, so copying time does not count as lateness.
    await db.dataSource.query(
      `UPDATE job SET due_date = $1::timestamptz + (substring(instance_id from '-d([0-9]+)$')::int * $2::float8) * interval '1 millisecond'
        WHERE instance_id = ANY($3)`,
      [new Date(Date.now() + 2_000).toISOString(), WINDOW_MS / DUE, due],
    );
    // Schedule them as the engine does after its commit.
    t = Date.now();
    const jobs: { id: string; due_date: Date }[] = await db.dataSource.query(`SELECT id, due_date FROM job WHERE instance_id = ANY($1)`, [due]);
    await scheduler.schedule(jobs.map((j) => ({ id: j.id, dueDate: j.due_date })));
    const dueById = new Map(jobs.map((j) => [j.id, j.due_date.getTime()]));
    const dueByInstance = new Map<string, number>();
    const jobInstance: { id: string; instance_id: string }[] = await db.dataSource.query(`SELECT id, instance_id FROM job WHERE instance_id = ANY($1)`, [due]);
    for (const j of jobInstance) dueByInstance.set(j.instance_id, dueById.get(j.id) ?? NaN);
    log(`scheduled ${jobs.length} due timers in ${Date.now() - t} ms; waiting for them to fire`);

    const deadline = Date.now() + WINDOW_MS + 90_000;
    let fired: { instance_id: string; end_time: Date }[] = [];
    while (Date.now() < deadline) {
      fired = await db.dataSource.query(
        `SELECT instance_id, end_time FROM hi_activity_instance WHERE instance_id = ANY($1) AND activity_id = 'wait' AND end_time IS NOT NULL`,
        [due],
      );
      if (fired.length >= DUE) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const lateness = fired.map((f) => f.end_time.getTime() - (dueByInstance.get(f.instance_id) ?? NaN)).sort((a, b) => a - b);
    const ends = fired.map((f) => f.end_time.getTime());
    const spanS = (Math.max(...ends) - Math.min(...ends)) / 1000;

    const perTimer = (memoryAfter - memoryBefore) / PENDING;
    const redisFor100k = perTimer * 100_000;
    const p99 = percentile(lateness, 99);
    const reconcileFor100k = (cold.ms * 100_000) / PENDING;
    const rows: [string, string, string][] = [
      ['timers fired', `${fired.length} / ${DUE}`, `${fired.length === DUE ? 'all' : 'MISSING ' + (DUE - fired.length)}`],
      ['fired/s (first to last fire)', (fired.length / Math.max(spanS, 0.001)).toFixed(0), `due rate ${(DUE / (WINDOW_MS / 1000)).toFixed(0)}/s`],
      ['lateness p50 (ms)', fmt(percentile(lateness, 50)), ''],
      ['lateness p99 (ms)', fmt(p99), `aim < ${AIM.p99LatenessMs}: ${ratio(p99, AIM.p99LatenessMs)}`],
      ['lateness max (ms)', fmt(lateness[lateness.length - 1]), ''],
      ['Redis bytes per pending timer', perTimer.toFixed(0), ''],
      ['Redis for 100,000 pending (MB)', (redisFor100k / 1048576).toFixed(1), `aim < 200 MB: ${ratio(redisFor100k, AIM.redisBytes)}`],
      [`reconcile ${PENDING} into empty Redis (ms)`, String(cold.ms), `aim < 30 s for 100k: ${ratio(reconcileFor100k, AIM.reconcileMs)}`],
      [`reconcile ${PENDING}, nothing to add (ms)`, String(warm.ms), 'the every-minute cost per server'],
    ];
    printTable(rows);
  } finally {
    await server?.kill().catch(() => undefined);
    await scheduler.close();
    await redis.stop();
    await db.close();
  }
}

function fmt(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms) ? 'n/a' : ms.toFixed(0);
}

/** "0.42× the aim" style ratio: below 1 meets it. */
function ratio(value: number, aim: number): string {
  return `${(value / aim).toFixed(2)}× the aim`;
}

function printTable(rows: [string, string, string][]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`\nTimers (${PENDING} pending, ${DUE} due within ${WINDOW_MS / 1000} s)\n`);
  for (const [name, value, note] of rows) process.stdout.write(`  ${name.padEnd(w0)}  ${value.padStart(w1)}  ${note}\n`);
}

function log(message: string): void {
  process.stdout.write(`[bench:timers] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:timers could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
