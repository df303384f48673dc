/**
 * `npm run bench:simulation`: what a training simulation costs the server, in-process on the real
 * models (no HTTP, no database: a simulation never touches either).
 *
 * The scenario is Tai Calon's S05 (39 steps: a disclosure, the missed safe contact and its
 * escalation over a bank holiday, DASH, MARAC, closure), the longest shipped one. Measured, each
 * against a baseline from the same run:
 * - replay: starting a sandbox at the scenario's start and playing all its steps, against only
 *   starting it (deploying the organisation's models into the sandbox and starting the case);
 * - state: building the walk-through page's state (tasks, forms, path, explanation) after all
 *   steps, as every page load and every 2.5 s poll of a participant does, against the state of a
 *   just-started simulation;
 * - finish: comparing a practice with the scenario's reference run (what "Finish and compare" does);
 * - memory: retained heap per simulation, 40 of them kept alive after playing every step, against
 *   40 just-started ones (so the per-person cap of 10 can be sized).
 * A bench reports; it exits 0 unless it could not run.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BusinessCalendar } from '../../server/engine';
import { DEFAULT_CALENDAR } from '../../server/src/calendars/calendar.service';
import { findRepoRoot } from '../../server/src/config/repo-root';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import type { ScenarioDefinition } from '../../server/src/simulation/scenario';
import { Simulation, type Person, type SimulationMode, type SimulationSetup } from '../../server/src/simulation/simulation';
import { percentile } from './stats';

const ROOT = findRepoRoot();
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const KEPT = Number(process.env['BENCH_KEPT'] ?? 40);
const TRAINER: Person = { id: 'bench-trainer', name: 'Bench trainer' };
const CALENDAR = new BusinessCalendar({ ...DEFAULT_CALENDAR, officeHours: { ...DEFAULT_CALENDAR.officeHours } });

function scenario(): ScenarioDefinition {
  const dir = join(ROOT, 'processes/tai-calon/scenarios');
  const file = readdirSync(dir).find((name) => name.startsWith('S05-'));
  if (!file) throw new Error('processes/tai-calon/scenarios has no S05');
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as ScenarioDefinition;
}

const S05 = scenario();
const RESOURCES = readProcessDirectory(join(ROOT, 'processes')).find((o) => o.tenantId === 'tai-calon')!.resources;

function setup(mode: SimulationMode): SimulationSetup {
  return {
    ownerId: TRAINER.id, tenantId: 'tai-calon', processKey: S05.processKey, version: 1, resources: RESOURCES,
    start: new Date(S05.startsAt), calendar: () => CALENDAR, owner: TRAINER, mode, scenario: S05,
  };
}

async function started(mode: SimulationMode = 'replay'): Promise<Simulation> {
  const simulation = new Simulation(setup(mode));
  await simulation.beginScenario();
  return simulation;
}

async function played(): Promise<Simulation> {
  const simulation = await started();
  await simulation.replayAll();
  return simulation;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

async function samples(work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up
  const result: number[] = [];
  for (let i = 0; i < RUNS; i++) result.push((await timed(work)).ms);
  return result.sort((a, b) => a - b);
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench:simulation does)');
  collect();
  collect();
}

async function heapPer(count: number, make: () => Promise<Simulation>): Promise<number> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: Simulation[] = [];
  for (let i = 0; i < count; i++) kept.push(await make());
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('lost a simulation');
  return (after - before) / count;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const row = (name: string, list: number[], base: number[]) =>
  `${name.padEnd(46)} p50 ${ms(percentile(list, 50)).padStart(9)}  p95 ${ms(percentile(list, 95)).padStart(9)}   ×${(percentile(list, 50) / percentile(base, 50)).toFixed(1)} baseline`;

async function main(): Promise<void> {
  console.log(`Training simulation bench: Tai Calon S05 (${S05.steps.length} steps), ${RUNS} runs each, Node ${process.version}\n`);

  const start = await samples(() => started());
  const replay = await samples(() => played());
  const fresh = await started();
  const ended = await played();
  const stateFresh = await samples(async () => fresh.state(TRAINER));
  const stateEnded = await samples(async () => ended.state(TRAINER));
  const finish = await samples(async () => {
    const practice = await started('practice');
    await practice.finish();
  });
  const practiceStart = await samples(() => started('practice'));

  console.log('Latency');
  console.log(row('start a sandbox (baseline)', start, start));
  console.log(row(`replay all ${S05.steps.length} steps from the start`, replay, start));
  console.log(row('state of a just-started simulation (baseline)', stateFresh, stateFresh));
  console.log(row(`state after ${S05.steps.length} steps (page load, each poll)`, stateEnded, stateFresh));
  console.log(row('start a practice (baseline)', practiceStart, practiceStart));
  console.log(row('start a practice and finish: compare', finish, practiceStart));

  const startedHeap = await heapPer(KEPT, () => started());
  const playedHeap = await heapPer(KEPT, () => played());
  console.log(`\nMemory (retained heap, ${KEPT} simulations kept alive)`);
  console.log(`${'just started (baseline)'.padEnd(46)} ${mb(startedHeap)} each`);
  console.log(`${`after all ${S05.steps.length} steps`.padEnd(46)} ${mb(playedHeap)} each   ×${(playedHeap / startedHeap).toFixed(1)} baseline`);
  console.log(`${'one person at the cap (10 simulations)'.padEnd(46)} ${mb(10 * playedHeap)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
