import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import Redis from 'ioredis';

/** A throwaway redis-server that keeps nothing on disk, so a test may FLUSHALL it or measure its memory. */
export interface PrivateRedis {
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  /** A client for the test's own checks (FLUSHALL, INFO, key counts). */
  readonly client: Redis;
  /** Bytes Redis uses for data (`INFO memory` used_memory). */
  usedMemory(): Promise<number>;
  /** Stops the server and the client. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` (REDIS_SERVER, default /usr/bin/redis-server) without persistence, on a
 * free port or on `port` (to bring one back where its clients expect it).
 */
export async function startPrivateRedis(port?: number): Promise<PrivateRedis> {
  port ??= await freePort();
  const binary = process.env['REDIS_SERVER'] ?? '/usr/bin/redis-server';
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  // Wait for the port with plain connection attempts, then open the one client the test keeps.
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server (${binary}) did not start on port ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  await client.ping();
  return {
    url,
    client,
    async usedMemory() {
      const info = await client.info('memory');
      return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
    },
    async stop() {
      await client.quit().catch(() => client.disconnect());
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
