/**
 * `npm run bench`: throughput and latency of the Safepath engine on PostgreSQL, with pgbench on
 * the same server in the same run as the yardstick. It reports and never fails: exit code 0
 * unless the benchmark itself cannot run.
 *
 * 1. pgbench: `-S` (select-only) and TPC-B TPS in a throwaway database (skipped without pgbench).
 * 2. A fresh schema `bench_<random>`, migrated, the benchmark process deployed.
 * 3. In-process: instances started per second; full cycles per second with per-step p50/p99.
 * 4. Over HTTP (server in a child process): the same two measurements through /engine-rest.
 * 5. Memory: the server child's RSS and heap after GC with BENCH_INSTANCES running instances.
 * 6. The schema, the pgbench database and the child's Redis keys are removed again.
 *
 * Settings (environment): DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * REDIS_URL (default redis://127.0.0.1:6379), BENCH_SECONDS (10), BENCH_CLIENTS (8),
 * BENCH_INSTANCES (10000), BENCH_PGBENCH_SCALE (10), BENCH_WARMUP_SECONDS (2), BENCH_HTTP (1; 0 skips
 * the HTTP part).
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { runMigrations } from '../../server/src/persistence/data-source';
import { TEST_DATABASE_URL } from '../../server/src/config/test-config';
import { benchHttpCycles, benchHttpStarts, fillOverHttp, RestClient, startBenchServer, type BenchServer } from './http-bench';
import { benchCycles, benchStarts, deployBenchProcess, fillRunningInstances, openEngine, type MeasuredRun } from './in-process-bench';
import { createPgbenchDatabase, hasPgbench, runPgbench, type PgbenchResult } from './pgbench';
import { printReport, type BenchReport } from './report';
import { removeRedisKeys } from './redis-cleanup';

/** The benchmark's settings, read from the environment. */
export interface BenchSettings {
  databaseUrl: string;
  seconds: number;
  clients: number;
  instances: number;
  pgbenchScale: number;
  warmupSeconds: number;
  http: boolean;
}

function readSettings(env: NodeJS.ProcessEnv): BenchSettings {
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
    return value;
  };
  return {
    databaseUrl: env['DATABASE_URL'] || TEST_DATABASE_URL,
    seconds: int('BENCH_SECONDS', 10, 1),
    clients: int('BENCH_CLIENTS', 8, 1),
    instances: int('BENCH_INSTANCES', 10_000, 0),
    pgbenchScale: int('BENCH_PGBENCH_SCALE', 10, 1),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 2, 0),
    http: env['BENCH_HTTP'] !== '0',
  };
}

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function pgbenchPhase(settings: BenchSettings): Promise<PgbenchResult[]> {
  if (!(await hasPgbench())) {
    progress('pgbench not found on PATH: no denominator (apt-get install postgresql-client)');
    return [];
  }
  progress(`pgbench -i -s ${settings.pgbenchScale} into a scratch database`);
  const db = await createPgbenchDatabase(settings.databaseUrl, settings.pgbenchScale);
  try {
    progress(`pgbench -S and TPC-B, ${settings.clients} clients, ${settings.seconds} s each`);
    return [await runPgbench(db.url, 'select-only', settings.clients, settings.seconds), await runPgbench(db.url, 'tpc-b', settings.clients, settings.seconds)];
  } finally {
    await db.drop();
  }
}

async function inProcessPhase(settings: BenchSettings, schema: string): Promise<NonNullable<BenchReport['inProcess']>> {
  const target = await openEngine(settings.databaseUrl, schema, settings.clients + 2);
  try {
    await deployBenchProcess(target.engine);
    const load = { clients: settings.clients, seconds: settings.seconds };
    if (settings.warmupSeconds) {
      progress(`in-process warm-up, ${settings.warmupSeconds} s`);
      await benchCycles(target, { ...load, seconds: settings.warmupSeconds });
    }
    progress(`in-process starts, ${settings.seconds} s`);
    const starts = await benchStarts(target.engine, load);
    progress(`in-process cycles, ${settings.seconds} s`);
    const cycles = await benchCycles(target, load);
    if (!settings.http) {
      progress(`starting instances in-process until ${settings.instances} wait at a task`);
      await fillRunningInstances(target, settings.instances, settings.clients);
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    return { starts, cycles, memory: { usage: process.memoryUsage(), running: await countRunning(settings.databaseUrl, schema), gc: gc !== undefined } };
  } finally {
    await target.close();
  }
}

async function httpPhase(settings: BenchSettings, schema: string): Promise<BenchReport['http']> {
  progress('starting the server child process');
  const server: BenchServer = await startBenchServer(schema);
  const client = new RestClient(server.baseUrl, settings.clients);
  try {
    const load = { clients: settings.clients, seconds: settings.seconds };
    if (settings.warmupSeconds) {
      progress(`HTTP warm-up, ${settings.warmupSeconds} s`);
      await benchHttpCycles(client, { ...load, seconds: settings.warmupSeconds });
    }
    const measured = async (run: () => Promise<MeasuredRun>): Promise<MeasuredRun> => {
      const before = (await server.stats(false)).cpu;
      const result = await run();
      const after = (await server.stats(false)).cpu;
      return { ...result, serverCpuMs: (after.user - before.user + after.system - before.system) / 1000 };
    };
    progress(`HTTP starts, ${settings.seconds} s`);
    const starts = await measured(() => benchHttpStarts(client, load));
    progress(`HTTP cycles, ${settings.seconds} s`);
    const cycles = await measured(() => benchHttpCycles(client, load));
    const afterLoad = (await server.stats(true)).memory;
    const running = await countRunning(settings.databaseUrl, schema);
    const missing = Math.max(0, settings.instances - running);
    progress(`starting ${missing} more instances over HTTP (${running} already wait at a task)`);
    await fillOverHttp(client, missing, settings.clients);
    const withInstances = (await server.stats(true)).memory;
    return { starts, cycles, memory: { afterLoad, withInstances, running: await countRunning(settings.databaseUrl, schema) } };
  } finally {
    client.close();
    await server.stop();
    await removeRedisKeys(process.env['REDIS_URL'] || 'redis://127.0.0.1:6379', server.queuePrefix).catch(() => undefined);
  }
}

async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function countRunning(url: string, schema: string): Promise<number> {
  return withAdmin(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM "${schema}".process_instance`)).rows[0].n as number);
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const started = Date.now();
  const postgres = await withAdmin(settings.databaseUrl, async (c) => (await c.query('SHOW server_version')).rows[0].server_version as string);
  const report: BenchReport = {
    settings,
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${postgres}`,
    pgbench: await pgbenchPhase(settings),
    inProcess: null,
    http: null,
    wallSeconds: 0,
  };
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  progress(`migrating schema ${schema}`);
  await runMigrations(settings.databaseUrl, schema);
  try {
    report.inProcess = await inProcessPhase(settings, schema);
    if (settings.http) report.http = await httpPhase(settings, schema);
  } finally {
    await withAdmin(settings.databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  }
  report.wallSeconds = (Date.now() - started) / 1000;
  printReport(report);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
