/**
 * A closed-loop load generator: `clients` loops, each running one iteration after another until
 * the time is up. Bounded in time and in count, so it always stops by itself.
 */
import { readFileSync } from 'node:fs';

/** What one load run achieved. */
export interface LoadResult {
  /** Iterations that finished without error. */
  done: number;
  /** Iterations that threw. */
  failed: number;
  /** The first error's message, for the report (engine messages carry no case data). */
  firstError: string | null;
  /** Wall time of the run in seconds. */
  seconds: number;
  /** done / seconds. */
  perSecond: number;
  /** CPU time this process used during the run (user + system), in ms. */
  processCpuMs: number;
  /** CPU time the whole machine was busy during the run (all processes, all cores), in ms; null where /proc/stat is missing. */
  machineCpuMs: number | null;
}

/** How a load run is bounded. */
export interface LoadOptions {
  clients: number;
  /** Stop starting new iterations after this many seconds. */
  seconds: number;
  /** Stop after this many iterations in total. Default: no count limit. */
  maxIterations?: number;
}

/**
 * Runs `iteration(n)` from `clients` concurrent loops; `n` counts up across all loops. Errors are
 * counted, not thrown, so one conflict does not end a benchmark.
 */
export async function runLoad(options: LoadOptions, iteration: (n: number) => Promise<void>): Promise<LoadResult> {
  const limit = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const deadline = Date.now() + options.seconds * 1000;
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError: string | null = null;
  const loop = async () => {
    while (Date.now() < deadline && next < limit) {
      const n = next++;
      try {
        await iteration(n);
        done++;
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const machineAfter = machineBusyMs();
  return {
    done,
    failed,
    firstError,
    seconds,
    perSecond: done / seconds,
    processCpuMs: (cpu.user + cpu.system) / 1000,
    machineCpuMs: machineBefore === null || machineAfter === null ? null : machineAfter - machineBefore,
  };
}

/** Busy CPU time of the whole machine since boot in ms (Linux /proc/stat, USER_HZ = 100), or null. */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 8).map(Number);
    const [user, nice, system, , , irq, softirq] = fields;
    return (user + nice + system + irq + softirq) * 10;
  } catch {
    return null;
  }
}
