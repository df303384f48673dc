/**
 * The real server as a child process (`node dist/server/server/src/main.js`), for tests and
 * benchmarks that kill, restart or multiply it. Its stdout and stderr are kept in a buffer that
 * {@link withServerLogs} prints when a test fails.
 *
 * Lifecycle: `startServerProcess` spawns and waits until `GET /engine-rest/engine` answers; `kill()`
 * is `kill -9`; `stop()` is SIGTERM and waits for a clean exit; `restart()` starts a new process with
 * the same settings (same port), after the old one has gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findRepoRoot } from '../../server/src/config/repo-root';
import { freePort } from './private-redis';
import { TEST_ADMIN_TOKEN, loadTestConfig } from '../../server/src/config/test-config';

/** Where the server runs and which data it uses. */
export interface ServerProcessOptions {
  databaseUrl: string;
  /** DATABASE_SCHEMA: the schema of this test (already migrated or not: the server migrates at boot). */
  schema: string;
  redisUrl: string;
  /** QUEUE_PREFIX for BullMQ keys. */
  queuePrefix: string;
  /** A name for the logs, e.g. `server-2`. Default `server`. */
  name?: string;
  /** HTTP port. Default: a free port chosen at the first start. */
  port?: number;
  /** Extra environment (NODE_ENV is `test`, so `processes/` is not deployed; LOG_LEVEL defaults to `warn`). */
  env?: Record<string, string>;
  /** How long to wait for readiness (ms). Default 30000. */
  readyTimeoutMs?: number;
}

/** A running server process. */
export interface ServerProcess {
  readonly name: string;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** The process id of the current child. */
  readonly pid: number;
  /** Everything the child printed (all starts), prefixed with the name. */
  logs(): string;
  /** `kill -9`, then waits until the process has gone. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for a clean exit (SIGKILL after `timeoutMs`, default 15000). */
  stop(timeoutMs?: number): Promise<void>;
  /** Starts the server again with the same settings; the previous process must have gone. */
  restart(): Promise<void>;
}

/** The compiled server entry point, relative to the repository root. */
export const SERVER_ENTRY = 'dist/server/server/src/main.js';

/**
 * Throws, saying what to run, when the compiled server is missing or older than a server or
 * migration source file (the tests would otherwise exercise old code).
 */
export function assertServerBuildFresh(root: string = findRepoRoot()): void {
  const entry = join(root, SERVER_ENTRY);
  if (!existsSync(entry)) {
    throw new Error(`The server build is missing (${SERVER_ENTRY}). Run \`npm run build:server\` first (\`npm test\` does it).`);
  }
  const stale: string[] = [];
  for (const dir of ['server', 'migrations']) {
    for (const source of sourceFiles(join(root, dir))) {
      const compiled = join(root, 'dist/server', relative(root, source)).replace(/\.ts$/, '.js');
      if (!existsSync(compiled) || statSync(compiled).mtimeMs + 1 < statSync(source).mtimeMs) stale.push(relative(root, source));
    }
  }
  if (stale.length) {
    throw new Error(`The server build is stale (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''} changed since). Run \`npm run build:server\`.`);
  }
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Spawns the compiled server and waits until it answers HTTP. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const root = findRepoRoot();
  assertServerBuildFresh(root);
  const name = options.name ?? 'server';
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  let child: ChildProcess | null = null;
  let exit: Promise<number | null> = Promise.resolve(null);

  const spawnOnce = async (): Promise<void> => {
    const started = spawn(process.execPath, [join(root, SERVER_ENTRY)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        ADMIN_API_TOKEN: TEST_ADMIN_TOKEN,
        // The test key, so that spawned servers never write a key file into data/.
        DATA_KEYS: loadTestConfig().dataKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','),
        ...options.env,
        DATABASE_URL: options.databaseUrl,
        DATABASE_SCHEMA: options.schema,
        REDIS_URL: options.redisUrl,
        QUEUE_PREFIX: options.queuePrefix,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
    });
    child = started;
    const capture = (chunk: Buffer) => {
      output += chunk.toString().replace(/^(?=.)/gm, `[${name} ${started.pid}] `);
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
    };
    started.stdout?.on('data', capture);
    started.stderr?.on('data', capture);
    exit = new Promise((resolve) => started.once('exit', (code) => resolve(code)));
    await waitUntilReady(baseUrl, started, options.readyTimeoutMs ?? 30_000).catch((error: Error) => {
      started.kill('SIGKILL');
      throw new Error(`${name} did not become ready: ${error.message}\n--- ${name} output ---\n${output}`);
    });
  };

  await spawnOnce();
  const current = (): ChildProcess => {
    if (!child) throw new Error(`${name} is not running`);
    return child;
  };
  return {
    name,
    baseUrl,
    get pid() {
      return current().pid ?? -1;
    },
    logs: () => output,
    async kill() {
      const running = current();
      if (running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
      await exit;
    },
    async stop(timeoutMs = 15_000) {
      const running = current();
      if (running.exitCode !== null || running.signalCode !== null) return;
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), timeoutMs);
      await exit;
      clearTimeout(timer);
    },
    async restart() {
      const running = current();
      if (running.exitCode === null && running.signalCode === null) throw new Error(`${name} is still running: stop or kill it first`);
      await spawnOnce();
    },
  };
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`${baseUrl}/engine-rest/engine`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${baseUrl}/engine-rest/engine within ${timeoutMs} ms`);
}

/**
 * Runs `work`; if it throws, the servers' captured output is appended to the error, so a failing
 * test shows what the servers said.
 */
export async function withServerLogs<T>(servers: () => ServerProcess[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const logs = servers().map((s) => `--- ${s.name} output ---\n${s.logs() || '(nothing)'}`).join('\n');
    if (error instanceof Error) {
      error.message = `${error.message}\n${logs}`;
      throw error;
    }
    throw new Error(`${String(error)}\n${logs}`);
  }
}

/** The Authorization header of the platform-administrator token every test server creates. */
export const ADMIN_AUTHORIZATION = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
