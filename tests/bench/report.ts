/**
 * The printed result of `npm run bench`: throughput, per-step latency, the ratio to pgbench
 * TPC-B and the memory check, each against its aim.
 */
import { cpus } from 'node:os';
import type { BenchSettings } from './engine.bench';
import type { MeasuredRun } from './in-process-bench';
import type { PgbenchResult } from './pgbench';
import { fixed, mib, table } from './stats';

/** Aim: full cycles per second at least this share of pgbench TPC-B TPS. */
export const CYCLE_RATIO_AIM = 0.25;
/** Aim: server RSS below this with BENCH_INSTANCES running instances. */
export const MEMORY_AIM_BYTES = 300 * 1024 * 1024;
/** Engine transactions in one full cycle: start, complete 1, complete 2. */
export const TRANSACTIONS_PER_CYCLE = 3;

/** Everything one run measured. */
export interface BenchReport {
  settings: BenchSettings;
  machine: string;
  pgbench: PgbenchResult[];
  inProcess: { starts: MeasuredRun; cycles: MeasuredRun; memory: { usage: NodeJS.MemoryUsage; running: number; gc: boolean } } | null;
  http: {
    starts: MeasuredRun;
    cycles: MeasuredRun;
    memory: { afterLoad: NodeJS.MemoryUsage; withInstances: NodeJS.MemoryUsage; running: number };
  } | null;
  wallSeconds: number;
}

/** Prints the report to stdout. */
export function printReport(report: BenchReport): void {
  const { settings } = report;
  const out: string[] = [];
  const tpcb = report.pgbench.find((r) => r.mode === 'tpc-b')?.tps;
  out.push('', `Safepath engine benchmark: ${settings.clients} clients, ${settings.seconds} s per measurement`, `machine: ${report.machine}`, '');

  out.push(
    table(
      ['throughput', 'per second', 'done', 'failed', 'vs TPC-B'],
      [
        ...report.pgbench.map((r) => [`pgbench ${r.mode} (TPS)`, fixed(r.tps), '', '', '']),
        ...throughputRows('in-process', report.inProcess, tpcb),
        ...throughputRows('HTTP', report.http, tpcb),
      ],
    ),
    '',
  );

  for (const [label, run] of [
    ['in-process', report.inProcess?.cycles],
    ['HTTP', report.http?.cycles],
  ] as const) {
    if (!run) continue;
    out.push(`${label} full cycle, latency per step (ms)`);
    out.push(table(['step', 'count', 'p50', 'p99'], run.times.summary().map((s) => [s.step, String(s.count), fixed(s.p50, 2), fixed(s.p99, 2)])), '');
  }

  out.push('CPU per iteration (ms; machine = every process on all cores, PostgreSQL included)');
  const cpuRows: string[][] = [];
  for (const [label, runs] of [
    ['in-process', report.inProcess],
    ['HTTP', report.http],
  ] as const) {
    if (!runs) continue;
    for (const [kind, run] of [
      ['start', runs.starts],
      ['full cycle', runs.cycles],
    ] as const) {
      const per = (ms: number | null | undefined) => (ms === null || ms === undefined || run.done === 0 ? 'n/a' : fixed(ms / run.done, 2));
      const busy = run.machineCpuMs === null ? 'n/a' : `${fixed((100 * run.machineCpuMs) / (run.seconds * 1000 * cpus().length), 0)}%`;
      cpuRows.push([`${label} ${kind}`, per(run.processCpuMs), per(run.serverCpuMs), per(run.machineCpuMs), busy]);
    }
  }
  out.push(table(['run', 'bench process', 'server child', 'machine', 'machine busy'], cpuRows), '');

  const failures = [
    ['in-process starts', report.inProcess?.starts],
    ['in-process cycles', report.inProcess?.cycles],
    ['HTTP starts', report.http?.starts],
    ['HTTP cycles', report.http?.cycles],
  ].filter((entry): entry is [string, MeasuredRun] => (entry[1] as MeasuredRun | undefined)?.failed !== undefined && (entry[1] as MeasuredRun).failed > 0);
  for (const [label, run] of failures) out.push(`${label}: ${run.failed} failed, first error: ${run.firstError}`);
  if (failures.length) out.push('');

  out.push('aims');
  const aims: string[][] = [];
  for (const [label, run] of [
    ['in-process', report.inProcess?.cycles],
    ['HTTP', report.http?.cycles],
  ] as const) {
    if (!run) continue;
    if (tpcb === undefined) {
      aims.push([`${label} cycles/s ≥ ${CYCLE_RATIO_AIM} × TPC-B TPS`, 'no pgbench', 'n/a']);
      continue;
    }
    const ratio = run.perSecond / tpcb;
    aims.push([`${label} cycles/s ≥ ${CYCLE_RATIO_AIM} × TPC-B TPS`, `${fixed(ratio, 3)} (tx ratio ${fixed((ratio * TRANSACTIONS_PER_CYCLE), 3)})`, ratio >= CYCLE_RATIO_AIM ? 'PASS' : 'MISS']);
  }
  if (report.http) {
    const { withInstances, running } = report.http.memory;
    aims.push([`server RSS < ${mib(MEMORY_AIM_BYTES)} with ${running} running`, mib(withInstances.rss), withInstances.rss < MEMORY_AIM_BYTES ? 'PASS' : 'MISS']);
  }
  out.push(table(['aim', 'measured', 'result'], aims), '');

  out.push('memory after forced GC');
  const memoryRows: string[][] = [];
  if (report.inProcess) {
    const { usage, running } = report.inProcess.memory;
    memoryRows.push([`bench process after in-process runs (engine + load generator)`, String(running), mib(usage.rss), mib(usage.heapUsed)]);
  }
  if (report.http) {
    const { afterLoad, withInstances, running } = report.http.memory;
    memoryRows.push(['server child after HTTP runs', '', mib(afterLoad.rss), mib(afterLoad.heapUsed)]);
    memoryRows.push(['server child after filling to BENCH_INSTANCES', String(running), mib(withInstances.rss), mib(withInstances.heapUsed)]);
  }
  out.push(table(['process', 'running instances', 'RSS', 'heapUsed'], memoryRows), '');
  out.push(`wall time ${fixed(report.wallSeconds, 0)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function throughputRows(label: string, runs: { starts: MeasuredRun; cycles: MeasuredRun } | null, tpcb: number | undefined): string[][] {
  if (!runs) return [];
  const ratio = (perSecond: number) => (tpcb ? `${fixed(perSecond / tpcb, 3)}` : 'n/a');
  return [
    [`${label} starts`, fixed(runs.starts.perSecond), String(runs.starts.done), String(runs.starts.failed), ratio(runs.starts.perSecond)],
    [`${label} full cycles`, fixed(runs.cycles.perSecond), String(runs.cycles.done), String(runs.cycles.failed), ratio(runs.cycles.perSecond)],
    [`${label} engine transactions (3/cycle)`, fixed(runs.cycles.perSecond * TRANSACTIONS_PER_CYCLE), '', '', ratio(runs.cycles.perSecond * TRANSACTIONS_PER_CYCLE)],
  ];
}
