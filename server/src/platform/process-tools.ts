import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';

/** How often the helpers below poll, in milliseconds. */
const POLL_MS = 100;

/** Resolves after `ms` milliseconds (used only for polling external processes, never in tests). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Whether a process with this id is running. Zombies (exited, not yet reaped, common for orphans in
 * containers whose PID 1 does not reap) count as stopped.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // No /proc (macOS): trust kill(0).
  }
}

/** The command line of a running process, or undefined where /proc is not available. */
function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/** Waits until `pid` has stopped; false if it is still running after `timeoutMs`. */
export async function waitForStop(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) {
      return false;
    }
    await delay(POLL_MS);
  }
  return true;
}

/** What {@link stopLeftover} should look for and how to stop it. */
export interface LeftoverProcess {
  /** File whose first line is the process id (postmaster.pid, redis.pid). */
  pidFile: string;
  /** Text the process's command line must contain, so a recycled pid is never signalled. */
  command: string;
  /** Signal for a clean stop. */
  signal: NodeJS.Signals;
  /** Signal used when the clean stop takes longer than `timeoutMs`. */
  forceSignal: NodeJS.Signals;
  timeoutMs: number;
}

/**
 * Stops a server left running by an earlier run that was killed (SIGKILL leaves detached children
 * orphaned) and removes its pid file. Returns true when it had to stop something.
 */
export async function stopLeftover(leftover: LeftoverProcess): Promise<boolean> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(leftover.pidFile, 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return false; // No pid file: nothing left over.
  }
  let stopped = false;
  const commandLine = Number.isInteger(pid) && pid > 0 && isRunning(pid) ? commandLineOf(pid) : undefined;
  if (commandLine !== undefined && commandLine.includes(leftover.command)) {
    process.kill(pid, leftover.signal);
    if (!(await waitForStop(pid, leftover.timeoutMs))) {
      process.kill(pid, leftover.forceSignal);
      await waitForStop(pid, leftover.timeoutMs);
    }
    stopped = true;
  }
  await rm(leftover.pidFile, { force: true });
  return stopped;
}

/**
 * Stops a child we started: sends `signal`, waits for it to exit, and after `timeoutMs` sends
 * `forceSignal`. Resolves at once when the child has already exited.
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, forceSignal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill(forceSignal), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Sends `signal` to the child if the Node process exits while it is still running (a crash or
 * process.exit during boot), so detached servers are not left behind. Returns the remover.
 */
export function killOnExit(child: ChildProcess, signal: NodeJS.Signals): () => void {
  const onExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
  };
  process.on('exit', onExit);
  return () => process.removeListener('exit', onExit);
}

/**
 * Rejects when another program already listens on 127.0.0.1:`port` (called after our own leftovers
 * are stopped, so whatever answers is foreign). `variable` names the setting that moves the port.
 */
export function assertPortFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      reject(new Error(`Port ${port} on 127.0.0.1 is already in use by another program; stop it or set ${variable} to a free port.`));
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', () => resolve()); // ECONNREFUSED: nobody listens.
  });
}
