/**
 * `npm run bench:inbox`: how fast the inbox and the manager dashboard answer on a big database.
 *
 * 1. A fresh schema with every migration; set-based SQL fills it with BENCH_CASES cases (default
 *    100,000) of ten tasks each (1,000,000 tasks in history) over five organisations, the open
 *    tasks also in the runtime tables (inbox-data.ts); VACUUM ANALYZE.
 * 2. Each statement the server runs for the inbox (a candidate group's first page of 50 by due
 *    date, the counts) and for the dashboard (each aggregate) is built by the server's own
 *    builders for a demo-like caller and timed BENCH_RUNS times (default 300) inside the caller's
 *    row-level security scope, exactly as ScopedDataSource runs it: BEGIN, SET LOCAL ROLE +
 *    safepath.tenant_id, the statement, COMMIT. The statement alone is timed; the whole
 *    transaction of the first page is timed too.
 * 3. Baseline in the same run: a primary-key lookup of one task in the same scope. Every figure
 *    is printed with its ratio to the baseline's p50, then each plan with EXPLAIN (ANALYZE, BUFFERS).
 * 4. The schema is dropped.
 * A bench reports; it exits 0 whether an aim is met or not, non-zero only when it cannot run.
 */
import type { QueryRunner } from 'typeorm';
import { TREND_MONTHS, casesAtStepSql, complianceSql, complianceWindow, heatmapSql, longestWaitingSql, openWorkSql } from '../../server/src/dashboard/dashboard-query';
import { inboxCountSql, inboxPageSql, type DueBounds, type InboxView, type SqlStatement } from '../../server/src/inbox/inbox-query';
import { ENTER_TENANT_SCOPE } from '../../server/src/persistence/tenant-scope';
import type { Caller, Role } from '../../server/src/security/caller';
import { runAsCaller } from '../../server/src/security/request-context';
import { createTestDatabase } from '../support/test-database';
import { benchGroup, fillInboxData } from './inbox-data';
import { fixed, percentile, table } from './stats';

const CASES = Number(process.env['BENCH_CASES'] ?? 100_000);
const ACTIVE_PERCENT = Number(process.env['BENCH_ACTIVE_PERCENT'] ?? 35);
const OPEN_PER_CASE = Number(process.env['BENCH_OPEN_PER_CASE'] ?? 2);
const RUNS = Math.max(200, Number(process.env['BENCH_RUNS'] ?? 300));
const AIM = { inboxP95Ms: 25, dashboardMs: 300 };

/** The largest organisation of the data set, where every query is measured. */
const TENANT = 'hackney-dais';

interface Measured {
  name: string;
  kind: 'baseline' | 'inbox' | 'dashboard';
  statement: SqlStatement;
  p50: number;
  p95: number;
  rows: number;
}

function callerOf(groups: string[], roles: Role[], userId = `${TENANT}.user7`): Caller {
  return { kind: 'user', id: userId, userId, displayName: userId, tenantId: TENANT, roles, groups, platformAdmin: false };
}

/** Builds a statement as the server does: with `caller` as the request's caller. */
function asCaller(caller: Caller, build: () => SqlStatement): SqlStatement {
  return runAsCaller(caller, build);
}

async function scoped<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  await runner.startTransaction();
  try {
    await runner.query(ENTER_TENANT_SCOPE, [TENANT]);
    return await work();
  } finally {
    await runner.commitTransaction();
  }
}

/** Times `statement` RUNS times in the scope (after 20 warm-up runs); milliseconds. */
async function time(runner: QueryRunner, statement: SqlStatement): Promise<{ samples: number[]; rows: number }> {
  const samples: number[] = [];
  let rows = 0;
  for (let run = -20; run < RUNS; run++) {
    await scoped(runner, async () => {
      const started = process.hrtime.bigint();
      const result: unknown[] = await runner.query(statement.text, statement.params);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (run >= 0) samples.push(ms);
      rows = result.length;
    });
  }
  return { samples: samples.sort((a, b) => a - b), rows };
}

async function explain(runner: QueryRunner, statement: SqlStatement): Promise<string> {
  return scoped(runner, async () => {
    const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.params);
    return plan.map((line) => line['QUERY PLAN']).join('\n');
  });
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  try {
    const now = new Date();
    log(`inbox bench: schema ${db.schema}; ${CASES} cases × 10 tasks, ${ACTIVE_PERCENT}% running with ${OPEN_PER_CASE} open tasks each; ${RUNS} runs per statement`);
    let started = Date.now();
    await fillInboxData(runner, { cases: CASES, tasksPerCase: 10, activePercent: ACTIVE_PERCENT, openPerActiveCase: OPEN_PER_CASE }, now);
    log(`filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    await runner.query('VACUUM ANALYZE');
    log(`VACUUM ANALYZE in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const sizes: Record<string, unknown>[] = await runner.query(
      `SELECT relname, n_live_tup::bigint AS rows FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname IN ('task', 'hi_task', 'process_instance', 'hi_process_instance', 'execution') ORDER BY relname`,
    );
    log(table(['table', 'rows'], sizes.map((r) => [String(r.relname), String(r.rows)])));
    const groupSizes: Record<string, unknown>[] = await runner.query(
      `SELECT g, count(*)::int AS open, count(*) FILTER (WHERE assignee IS NULL)::int AS unclaimed FROM task, unnest(candidate_groups) g WHERE tenant_id = $1 GROUP BY g ORDER BY open DESC`,
      [TENANT],
    );
    log(`open tasks of ${TENANT} by candidate group:\n${table(['group', 'open', 'unclaimed'], groupSizes.map((r) => [String(r.g), String(r.open), String(r.unclaimed)]))}`);

    const [sample]: { id: string }[] = await runner.query(`SELECT id FROM task WHERE tenant_id = $1 ORDER BY id OFFSET 1000 LIMIT 1`, [TENANT]);
    const due: DueBounds = { now, endOfToday: new Date(now.getTime() + 8 * 3_600_000), endOfWeek: new Date(now.getTime() + 7 * 86_400_000) };
    const page = { firstResult: 0, maxResults: 50 };
    const staff = (groups: Parameters<typeof benchGroup>[1][]) => callerOf(groups.map((g) => benchGroup(TENANT, g)), ['staff']);
    const manager = callerOf([benchGroup(TENANT, 'manager')], ['manager', 'staff'], `${TENANT}.manager`);
    const months = complianceWindow(now, 'Europe/London', TREND_MONTHS);
    const inbox = (caller: Caller, view: InboxView) => asCaller(caller, () => inboxPageSql(caller, view, {}, due, page));
    const count = (caller: Caller, view: InboxView) => asCaller(caller, () => inboxCountSql(caller, view));

    const statements: Omit<Measured, 'p50' | 'p95' | 'rows'>[] = [
      { name: 'baseline: task by primary key', kind: 'baseline', statement: { text: 'SELECT * FROM task WHERE id = $1', params: [sample.id] } },
      { name: 'inbox team page 50, group duty (largest)', kind: 'inbox', statement: inbox(staff(['duty']), 'team') },
      { name: 'inbox team page 50, group specialist', kind: 'inbox', statement: inbox(staff(['specialist']), 'team') },
      { name: 'inbox team page 50, group rare', kind: 'inbox', statement: inbox(staff(['rare']), 'team') },
      { name: 'inbox team page 50, group tiny', kind: 'inbox', statement: inbox(staff(['tiny']), 'team') },
      { name: 'inbox team page 50, groups officer+admin+rare', kind: 'inbox', statement: inbox(staff(['officer', 'admin', 'rare']), 'team') },
      { name: 'inbox team page 50, overdue filter, duty', kind: 'inbox', statement: asCaller(staff(['duty']), () => inboxPageSql(staff(['duty']), 'team', { dueWithin: 'overdue' }, due, page)) },
      { name: 'inbox mine page 50', kind: 'inbox', statement: inbox(staff(['duty']), 'mine') },
      { name: 'inbox all page 50 (manager)', kind: 'inbox', statement: inbox(manager, 'all') },
      { name: 'count mine', kind: 'inbox', statement: count(staff(['duty']), 'mine') },
      { name: 'count team, duty', kind: 'inbox', statement: count(staff(['duty']), 'team') },
      { name: 'count team, rare', kind: 'inbox', statement: count(staff(['rare']), 'team') },
      { name: 'count all (manager)', kind: 'inbox', statement: count(manager, 'all') },
      { name: 'dashboard open work (process/step/team/person)', kind: 'dashboard', statement: asCaller(manager, () => openWorkSql(now)) },
      { name: 'dashboard compliance, 6 months', kind: 'dashboard', statement: asCaller(manager, () => complianceSql(now, months.monthStarts, months.until)) },
      { name: 'dashboard longest waiting', kind: 'dashboard', statement: asCaller(manager, () => longestWaitingSql(20)) },
      { name: 'dashboard heat map of a process', kind: 'dashboard', statement: asCaller(manager, () => heatmapSql('proc_1', now)) },
      { name: 'dashboard cases at a step', kind: 'dashboard', statement: asCaller(manager, () => casesAtStepSql('proc_1', 'step_3', 200)) },
    ];

    const measured: Measured[] = [];
    for (const entry of statements) {
      const { samples, rows } = await time(runner, entry.statement);
      measured.push({ ...entry, p50: percentile(samples, 50), p95: percentile(samples, 95), rows });
    }
    // The whole transaction the server runs for the first page of the largest group: scope + page.
    const wholePage = statements[1].statement;
    const whole: number[] = [];
    for (let run = -20; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      await scoped(runner, () => runner.query(wholePage.text, wholePage.params));
      if (run >= 0) whole.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    whole.sort((a, b) => a - b);

    const base = measured[0].p50;
    log('');
    log(`Statement times in the RLS scope of ${TENANT} (ms; ratio = p50 ÷ baseline p50):`);
    log(
      table(
        ['statement', 'rows', 'p50', 'p95', 'ratio', 'aim'],
        measured.map((m) => {
          const aim = m.kind === 'inbox' ? `p95 < ${AIM.inboxP95Ms}: ${m.p95 < AIM.inboxP95Ms ? 'PASS' : 'MISS'}` : m.kind === 'dashboard' ? `< ${AIM.dashboardMs}: ${m.p95 < AIM.dashboardMs ? 'PASS' : 'MISS'}` : '';
          return [m.name, String(m.rows), fixed(m.p50, 2), fixed(m.p95, 2), fixed(m.p50 / base, 1), aim];
        }),
      ),
    );
    log(`whole transaction (BEGIN, scope, first page of duty, COMMIT): p50 ${fixed(percentile(whole, 50), 2)} ms, p95 ${fixed(percentile(whole, 95), 2)} ms`);
    const dashboardTotal = measured.filter((m) => m.kind === 'dashboard' && !m.name.includes('heat map') && !m.name.includes('cases at')).reduce((sum, m) => sum + m.p50, 0);
    log(`GET /api/dashboard runs open work + compliance + longest waiting: sum of p50 ${fixed(dashboardTotal, 1)} ms`);

    log('\nPlans (EXPLAIN (ANALYZE, BUFFERS), in the same scope):');
    for (const m of measured) {
      log(`\n--- ${m.name}\n${m.statement.text.replace(/\s+/g, ' ')}\n${await explain(runner, m.statement)}`);
    }
  } finally {
    await runner.release();
    if (process.env['BENCH_KEEP'] === '1') {
      log(`BENCH_KEEP=1: schema ${db.schema} kept (drop it yourself)`);
      await db.dataSource.destroy();
    } else {
      await db.close();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`inbox bench could not run: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
