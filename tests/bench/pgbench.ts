/**
 * The denominator of the benchmark: pgbench on the same PostgreSQL in the same run. pgbench puts
 * its `pgbench_*` tables in the public schema of its database, so it gets a throwaway database
 * `safepath_bench_<random>` that is dropped again at the end.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** One pgbench measurement. */
export interface PgbenchResult {
  /** `select-only` is `pgbench -S`, `tpc-b` is pgbench's default TPC-B-like script. */
  mode: 'select-only' | 'tpc-b';
  tps: number;
}

/** A scratch database for pgbench; `drop()` removes it. */
export interface PgbenchDatabase {
  /** The database URL pgbench connects to (a libpq URI is a valid pgbench dbname). */
  url: string;
  drop(): Promise<void>;
}

/** Creates the scratch database next to the one in `baseUrl` and loads pgbench's tables at `scale`. */
export async function createPgbenchDatabase(baseUrl: string, scale: number): Promise<PgbenchDatabase> {
  const name = `safepath_bench_${randomBytes(4).toString('hex')}`;
  await admin(baseUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(baseUrl, name);
  const drop = () => admin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    await run('pgbench', ['-i', '-q', '-s', String(scale), url], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

/** Runs pgbench for `seconds` with `clients` connections on 2 threads and returns its TPS. */
export async function runPgbench(url: string, mode: PgbenchResult['mode'], clients: number, seconds: number): Promise<PgbenchResult> {
  const args = [...(mode === 'select-only' ? ['-S'] : []), '-c', String(clients), '-j', String(Math.min(2, clients)), '-T', String(seconds), url];
  const { stdout } = await run('pgbench', args, { maxBuffer: 16 * 1024 * 1024 });
  const match = /^tps = ([\d.]+)/m.exec(stdout);
  if (!match) throw new Error(`pgbench printed no "tps = …" line for ${mode}`);
  return { mode, tps: Number(match[1]) };
}

/** `true` when a `pgbench` binary is on the PATH. */
export async function hasPgbench(): Promise<boolean> {
  try {
    await run('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
