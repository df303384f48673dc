import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket, connect, createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { startLocalServices } from './services';

/** Sends one command over a raw connection and returns the first reply line. */
function redisCommand(url: string, command: string): Promise<string> {
  const { hostname, port, password } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`${password ? `AUTH ${password}\r\n` : ''}${command}\r\n`);
    });
    let reply = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const lines = reply.split('\r\n').filter((line) => line !== '');
      if (lines.length >= (password ? 2 : 1)) {
        socket.destroy();
        resolve(lines[lines.length - 1] as string);
      }
    });
  });
}

async function selectOne(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ one: number }>('SELECT 1 AS one');
    return result.rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

describe('startLocalServices', () => {
  let dataDir: string;
  // Ports apart from npm start's defaults, so a running server is not disturbed.
  const env = { EMBEDDED_POSTGRES_PORT: '54339', EMBEDDED_REDIS_PORT: '63799' };

  beforeAll(() => {
    Logger.overrideLogger(false);
    // Under the system temp folder: the postgres OS user must be able to reach the data folder.
    dataDir = mkdtempSync(join(tmpdir(), 'safepath-services-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs an embedded PostgreSQL and a redis-server under the data folder, keeps their data and stops both', async () => {
    // given no DATABASE_URL and no REDIS_URL
    const boot = loadConfig({ ...env, DATA_DIR: dataDir }, { servicesOptional: true });

    // when the local services start
    const services = await startLocalServices(boot);

    // then both answer on 127.0.0.1, and Redis refuses clients without the password
    expect(new URL(services.databaseUrl).host).toBe('127.0.0.1:54339');
    expect(await selectOne(services.databaseUrl)).toBe(1);
    expect(await redisCommand(services.redisUrl, 'SET platform-check kept')).toBe('+OK');
    expect(await redisCommand('redis://127.0.0.1:63799', 'PING')).toMatch(/^-NOAUTH/);

    // when they stop and start again over the same folder
    await services.stop();
    await expect(selectOne(services.databaseUrl)).rejects.toThrow();
    const again = await startLocalServices(boot);

    // then the same credentials work and the Redis data survived (append-only file)
    try {
      expect(again.databaseUrl).toBe(services.databaseUrl);
      expect(await redisCommand(again.redisUrl, 'GET platform-check')).toBe('kept');
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('refuses a port another program listens on, naming the setting that moves it', async () => {
    // given a foreign server on the Redis port
    const foreign = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => foreign.listen(63799, '127.0.0.1', resolve));

    // when the local services start, then the boot stops with a clear message and leaves nothing running
    try {
      const boot = loadConfig({ ...env, DATA_DIR: dataDir }, { servicesOptional: true });
      await expect(startLocalServices(boot)).rejects.toThrow('Port 63799 on 127.0.0.1 is already in use by another program; stop it or set EMBEDDED_REDIS_PORT to a free port.');
      await expect(selectOne(`postgres://postgres@127.0.0.1:54339/postgres`)).rejects.toThrow();
    } finally {
      await new Promise((resolve) => foreign.close(resolve));
    }
  }, 60_000);

  it('starts nothing when both URLs are given', async () => {
    const boot = loadConfig({ ...env, DATA_DIR: join(dataDir, 'unused'), DATABASE_URL: 'postgres://u@db:5432/x', REDIS_URL: 'redis://cache:6379' }, { servicesOptional: true });

    const services = await startLocalServices(boot);
    await services.stop();

    expect(services).toMatchObject({ databaseUrl: 'postgres://u@db:5432/x', redisUrl: 'redis://cache:6379' });
  });
});
