/**
 * The engine measured over HTTP: the Safepath server in a child process (`bench-server.ts`) and
 * Camunda-shaped REST calls from this process over keep-alive connections.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { VariableMap } from '../../server/engine';
import { BENCH_PROCESS_KEY, closingVariables, decisionVariables, startVariables } from './bench-process';
import type { FromBenchServer, ToBenchServer } from './bench-server';
import type { MeasuredRun } from './in-process-bench';
import { runLoad, type LoadOptions } from './load';
import { StepTimes } from './stats';
import { TEST_ADMIN_TOKEN } from '../../server/src/config/test-config';

/** A running child server. */
export interface BenchServer {
  baseUrl: string;
  /** The queue prefix the child uses in Redis (for cleaning up). */
  queuePrefix: string;
  /** The child's memory (after two forced full GCs when `gc`) and its CPU time so far. */
  stats(gc: boolean): Promise<{ memory: NodeJS.MemoryUsage; cpu: NodeJS.CpuUsage }>;
  stop(): Promise<void>;
}

/**
 * Forks `bench-server.js` on `schema` and waits until it listens. BENCH_SERVER_NODE_ARGS adds node
 * options to the child (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server).
 */
export async function startBenchServer(schema: string): Promise<BenchServer> {
  const queuePrefix = `bench_${randomBytes(4).toString('hex')}`;
  const child = fork(join(__dirname, 'bench-server.js'), [], {
    execArgv: ['--expose-gc', ...(process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, BENCH_SCHEMA: schema, BENCH_QUEUE_PREFIX: queuePrefix },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready', 60_000);
  if (ready.type !== 'ready') throw new Error('bench server did not start');
  return {
    baseUrl: `http://127.0.0.1:${ready.port}`,
    queuePrefix,
    async stats(gc: boolean) {
      const reply = nextMessage(child, 'stats', 30_000);
      child.send({ type: 'stats', gc } satisfies ToBenchServer);
      const message = await reply;
      if (message.type !== 'stats') throw new Error('unexpected reply');
      return { memory: message.memory, cpu: message.cpu };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies ToBenchServer);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function nextMessage(child: ChildProcess, type: FromBenchServer['type'], timeoutMs: number): Promise<FromBenchServer> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: FromBenchServer) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench server exited with code ${code}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`bench server sent no '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** A minimal JSON client on keep-alive connections (lighter than fetch, so the load generator steals less CPU from the server). */
export class RestClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, connections: number) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** Sends one request; resolves with the parsed JSON body (or null for 204), rejects on any status ≥ 300. */
  call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 500) >= 300) {
              reject(new Error(`${method} ${path.split('?')[0]} → ${res.statusCode}: ${text.slice(0, 200)}`));
            } else {
              resolve((text ? JSON.parse(text) : null) as T);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const START_PATH = `/engine-rest/process-definition/key/${BENCH_PROCESS_KEY}/start`;

function start(client: RestClient, n: number, prefix: string): Promise<{ id: string }> {
  return client.call<{ id: string }>('POST', START_PATH, { businessKey: `${prefix}-${n}`, variables: restVariables(startVariables(n)) });
}

/** Camunda's REST variable shape `{value, type}` from the engine's typed values. */
function restVariables(variables: VariableMap): Record<string, { value: unknown; type: string }> {
  return Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, { value: v.value, type: v.type }]));
}

/** (a) over HTTP: `POST …/start`, each instance stopping at its first user task. */
export async function benchHttpStarts(client: RestClient, options: LoadOptions): Promise<MeasuredRun> {
  const times = new StepTimes();
  const result = await runLoad(options, async (n) => {
    await times.time('POST start', () => start(client, n, 'http-start'));
  });
  return { ...result, times };
}

/** (b) over HTTP: start → GET task → complete → GET task → complete, each call its own step. */
export async function benchHttpCycles(client: RestClient, options: LoadOptions): Promise<MeasuredRun> {
  const times = new StepTimes();
  const taskOf = async (instanceId: string): Promise<string> => {
    const tasks = await client.call<{ id: string }[]>('GET', `/engine-rest/task?processInstanceId=${encodeURIComponent(instanceId)}`);
    if (tasks.length !== 1) throw new Error(`expected one open task, found ${tasks.length}`);
    return tasks[0].id;
  };
  const complete = (taskId: string, variables: VariableMap) =>
    client.call<null>('POST', `/engine-rest/task/${encodeURIComponent(taskId)}/complete`, { variables: restVariables(variables) });
  const result = await runLoad(options, async (n) => {
    const instance = await times.time('POST start', () => start(client, n, 'http-cycle'));
    const review = await times.time('GET task 1', () => taskOf(instance.id));
    await times.time('POST complete 1', () => complete(review, decisionVariables(n)));
    const second = await times.time('GET task 2', () => taskOf(instance.id));
    await times.time('POST complete 2', () => complete(second, closingVariables()));
  });
  return { ...result, times };
}

/** Starts `count` instances over HTTP that wait at their first task (for the memory check). */
export async function fillOverHttp(client: RestClient, count: number, clients: number): Promise<number> {
  const result = await runLoad({ clients, seconds: 600, maxIterations: count }, async (n) => {
    await start(client, n, 'http-fill');
  });
  if (result.failed) throw new Error(`${result.failed} starts failed: ${result.firstError}`);
  return result.done;
}
