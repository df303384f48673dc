/**
 * The engine measured in-process: `Engine` on `PostgresCaseStore`, no HTTP, no Nest. The task
 * lookup between steps is one indexed read of the runtime `task` table, the query an
 * application's task list would run.
 */
import type { DataSource } from 'typeorm';
import { Engine } from '../../server/engine';
import { PostgresCaseStore } from '../../server/src/persistence/postgres-case-store';
import { createDataSource } from '../../server/src/persistence/data-source';
import { BENCH_BPMN, BENCH_PROCESS_KEY, closingVariables, decisionVariables, startVariables } from './bench-process';
import { runLoad, type LoadOptions, type LoadResult } from './load';
import { StepTimes } from './stats';

/** An engine on its own connection pool to the benchmark schema. */
export interface InProcessEngine {
  engine: Engine;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** What a measured run returns: its throughput and per-step latencies. */
export interface MeasuredRun extends LoadResult {
  times: StepTimes;
  /** CPU time of the server child during the run, in ms (HTTP runs only). */
  serverCpuMs?: number;
}

/** Connects an engine to `schema` (already migrated) with `poolSize` connections. */
export async function openEngine(url: string, schema: string, poolSize: number): Promise<InProcessEngine> {
  const dataSource = createDataSource({ url, schema, poolSize });
  await dataSource.initialize();
  const engine = new Engine({ store: new PostgresCaseStore(dataSource) });
  return { engine, dataSource, close: () => dataSource.destroy() };
}

/** Deploys the benchmark process (once per schema). */
export async function deployBenchProcess(engine: Engine): Promise<void> {
  await engine.deploy({ name: 'bench', resources: [{ name: 'bench.bpmn', content: BENCH_BPMN }] });
}

/** (a) Starts instances that stop at their first user task, as fast as `clients` loops can. */
export async function benchStarts(engine: Engine, options: LoadOptions): Promise<MeasuredRun> {
  const times = new StepTimes();
  const result = await runLoad(options, async (n) => {
    await times.time('start', () => engine.startProcessInstance({ definitionKey: BENCH_PROCESS_KEY, businessKey: `start-${n}`, variables: startVariables(n) }));
  });
  return { ...result, times };
}

/** (b) Full cycles: start → lookup → complete "review" (decides the gateway) → lookup → complete the second task → end. */
export async function benchCycles(target: InProcessEngine, options: LoadOptions): Promise<MeasuredRun> {
  const { engine, dataSource } = target;
  const times = new StepTimes();
  const taskOf = async (instanceId: string): Promise<string> => {
    const rows: { id: string }[] = await dataSource.query('SELECT id FROM task WHERE instance_id = $1', [instanceId]);
    if (rows.length !== 1) throw new Error(`expected one open task, found ${rows.length}`);
    return rows[0].id;
  };
  const result = await runLoad(options, async (n) => {
    const started = await times.time('start', () =>
      engine.startProcessInstance({ definitionKey: BENCH_PROCESS_KEY, businessKey: `cycle-${n}`, variables: startVariables(n) }),
    );
    const id = started.instance.id;
    const review = await times.time('lookup 1', () => taskOf(id));
    await times.time('complete 1', () => engine.completeTask(review, decisionVariables(n)));
    const second = await times.time('lookup 2', () => taskOf(id));
    await times.time('complete 2', () => engine.completeTask(second, closingVariables()));
  });
  return { ...result, times };
}

/** Starts instances until `count` wait at their first task (used to fill the database for the memory check). */
export async function fillRunningInstances(target: InProcessEngine, count: number, clients: number): Promise<number> {
  const [{ running }]: { running: number }[] = await target.dataSource.query('SELECT count(*)::int AS running FROM process_instance');
  const missing = Math.max(0, count - running);
  if (missing > 0) {
    await runLoad({ clients, seconds: 600, maxIterations: missing }, async (n) => {
      await target.engine.startProcessInstance({ definitionKey: BENCH_PROCESS_KEY, businessKey: `fill-${n}`, variables: startVariables(n) });
    });
  }
  return running + missing;
}
