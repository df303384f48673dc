import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning, stopChild, stopLeftover } from './process-tools';
import { readOrCreateSecret } from './local-secret';

describe('process tools', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'safepath-process-tools-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a leftover server named in a pid file and removes the file', async () => {
    // given a detached process left running, as after a SIGKILLed boot
    const leftover = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    const pid = leftover.pid as number;
    const pidFile = join(dir, 'server.pid');
    writeFileSync(pidFile, `${pid}\n/some/dir\n`);

    // when it is cleaned up
    const stopped = await stopLeftover({ pidFile, command: 'sleep', signal: 'SIGTERM', forceSignal: 'SIGKILL', timeoutMs: 5_000 });

    // then it no longer runs and its pid file is gone
    expect(stopped).toBe(true);
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('never signals a process whose command line does not match', async () => {
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    const pidFile = join(dir, 'server.pid');
    writeFileSync(pidFile, `${bystander.pid}\n`);

    const stopped = await stopLeftover({ pidFile, command: 'postgres', signal: 'SIGTERM', forceSignal: 'SIGKILL', timeoutMs: 5_000 });

    expect(stopped).toBe(false);
    expect(isRunning(bystander.pid as number)).toBe(true);
    expect(existsSync(pidFile)).toBe(false); // the stale file is removed all the same
    await stopChild(bystander, 'SIGTERM', 'SIGKILL', 5_000);
    expect(bystander.signalCode).toBe('SIGTERM');
  });

  it('reports no leftover when there is no pid file', async () => {
    await expect(stopLeftover({ pidFile: join(dir, 'none.pid'), command: 'x', signal: 'SIGTERM', forceSignal: 'SIGKILL', timeoutMs: 100 })).resolves.toBe(false);
  });

  it('escalates to the force signal when a child ignores the first one', async () => {
    const script = 'process.on("SIGTERM", () => undefined); setInterval(() => undefined, 1000); console.log("ready");';
    const stubborn = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => stubborn.stdout?.once('data', resolve)); // its SIGTERM handler is installed

    await stopChild(stubborn, 'SIGTERM', 'SIGKILL', 300);

    expect(stubborn.signalCode).toBe('SIGKILL');
  });

  it('generates a secret once, readable by its owner only, and then reuses it', async () => {
    const file = join(dir, 'password');

    const first = await readOrCreateSecret(file);
    const second = await readOrCreateSecret(file);

    expect(first).toMatch(/^[0-9a-f]{48}$/);
    expect(second).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
