/**
 * Local Redis: a `redis-server` child process that `npm start` runs when REDIS_URL is unset.
 *
 * Lifecycle: a server left running by a SIGKILLed run is stopped (via its pid file); a config file
 * (owner-only, because it holds the generated password) is written to `<dataDir>/redis/redis.conf`;
 * the child starts in its own process group (so Ctrl-C reaches Node only, which stops it after the
 * app), bound to 127.0.0.1 with an append-only file under `<dataDir>/redis`; `stop()` sends SIGTERM,
 * on which Redis flushes the AOF and exits.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { Socket, connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { readOrCreateSecret } from './local-secret';
import { assertPortFree, delay, killOnExit, stopChild, stopLeftover } from './process-tools';

/** Options of {@link startRedisChild}. */
export interface RedisChildOptions {
  /** Folder holding `redis/` (data, config, log) and `redis-password`. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Longest wait for the server to answer PING, in ms. Default 30 000. */
  startTimeoutMs?: number;
}

/** A running local redis-server. */
export interface RedisChild {
  /** redis:// URL (contains the password: never log it). */
  readonly url: string;
  /** Stops the server; safe to call twice. */
  stop(): Promise<void>;
}

const logger = new Logger('RedisChild');

/** Starts `redis-server` with its data under `<dataDir>/redis`. Throws, saying what to install, when it is missing. */
export async function startRedisChild(options: RedisChildOptions): Promise<RedisChild> {
  const executable = findOnPath('redis-server');
  if (executable === undefined) {
    throw new Error('redis-server is not installed. Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL.');
  }
  const dir = join(options.dataDir, 'redis');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pidFile = join(dir, 'redis.pid');
  if (await stopLeftover({ pidFile, command: 'redis-server', signal: 'SIGTERM', forceSignal: 'SIGKILL', timeoutMs: 15_000 })) {
    logger.warn('Stopped a redis-server left running by an earlier run');
  }

  await assertPortFree(options.port, 'EMBEDDED_REDIS_PORT');
  const password = await readOrCreateSecret(join(options.dataDir, 'redis-password'));
  const configFile = join(dir, 'redis.conf');
  await writeFile(configFile, redisConfig(dir, options.port, password, pidFile), { mode: 0o600 });

  const child = spawn(executable, [configFile], { detached: true, stdio: 'ignore' });
  const removeExitHook = killOnExit(child, 'SIGTERM');
  const stop = async (): Promise<void> => {
    await stopChild(child, 'SIGTERM', 'SIGKILL', 30_000);
    removeExitHook();
  };
  try {
    await waitForPong(child, options.port, password, options.startTimeoutMs ?? 30_000, join(dir, 'redis.log'));
  } catch (error) {
    await stop();
    throw error;
  }
  logger.log(`redis-server listening on 127.0.0.1:${options.port}`);
  return { url: `redis://:${password}@127.0.0.1:${options.port}`, stop };
}

function redisConfig(dir: string, port: number, password: string, pidFile: string): string {
  // Values are quoted so that folder names with spaces survive.
  return [
    `bind 127.0.0.1`,
    `port ${port}`,
    `protected-mode yes`,
    `daemonize no`,
    `dir "${dir}"`,
    `pidfile "${pidFile}"`,
    `logfile "${join(dir, 'redis.log')}"`,
    `appendonly yes`,
    `requirepass ${password}`,
    '',
  ].join('\n');
}

function findOnPath(command: string): string | undefined {
  const folders = (process.env['PATH'] ?? '').split(delimiter).concat(['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin']);
  return folders
    .filter((folder) => folder !== '')
    .map((folder) => join(folder, command))
    .find((candidate) => existsSync(candidate));
}

async function waitForPong(child: ChildProcess, port: number, password: string, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited during start-up; see ${logFile}`);
    }
    if (await ping(port, password)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`redis-server did not answer within ${timeoutMs} ms; see ${logFile}`);
    }
    await delay(100);
  }
}

/** One AUTH + PING round trip; true on +PONG (false while loading the AOF or not yet listening). */
function ping(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    let reply = '';
    const socket: Socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(`AUTH ${password}\r\nPING\r\n`);
    });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const lines = reply.split('\r\n');
      if (lines.length < 3) {
        return; // Wait for both replies.
      }
      // Only our own server accepts the password; a foreign one on the port answers AUTH with an error.
      finish(lines[0] === '+OK' && lines[1] === '+PONG');
    });
  });
}
