/**
 * Shared set-up of the timer durability tests: a migrated schema of its own, a private redis-server
 * (so a test may FLUSHALL it), real server processes, and the questions the tests ask of PostgreSQL.
 */
import { bpmn, chain, userTask } from '../../../server/engine/testing/bpmn-fixtures';
import { startPrivateRedis, type PrivateRedis } from '../../support/private-redis';
import { ADMIN_AUTHORIZATION, startServerProcess, type ServerProcess } from '../../support/server-process';
import { uniquePrefix } from '../../support/redis';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/** start → timer `wait` (duration from the variable `delay`, e.g. PT2S) → user task `followUp` → end. */
export const WAIT_THEN_FOLLOW_UP = bpmn(
  'waitThenFollowUp',
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="wait">
     <bpmn:timerEventDefinition><bpmn:timeDuration>\${delay}</bpmn:timeDuration></bpmn:timerEventDefinition>
   </bpmn:intermediateCatchEvent>
   ${userTask('followUp')}
   <bpmn:endEvent id="end" />
   ${chain(['start', 'wait', 'followUp', 'end'])}`,
);

/** One test file's world: database schema, private Redis, queue prefix and the servers it started. */
export interface TimerWorld {
  db: TestDatabase;
  redis: PrivateRedis;
  prefix: string;
  servers: ServerProcess[];
  /** Starts one more server on this world's schema, Redis and prefix. */
  startServer(name?: string): Promise<ServerProcess>;
  /** Stops every server (kill -9), Redis and drops the schema. */
  close(): Promise<void>;
}

export async function createTimerWorld(): Promise<TimerWorld> {
  const db = await createTestDatabase();
  const redis = await startPrivateRedis();
  const prefix = uniquePrefix();
  const servers: ServerProcess[] = [];
  return {
    db,
    redis,
    prefix,
    servers,
    async startServer(name = `server-${servers.length + 1}`) {
      const server = await startServerProcess({ databaseUrl: db.url, schema: db.schema, redisUrl: redis.url, queuePrefix: prefix, name });
      servers.push(server);
      return server;
    },
    async close() {
      await Promise.all(servers.map((s) => s.kill().catch(() => undefined)));
      await redis.stop();
      await db.close();
    },
  };
}

/** Deploys `xml` through `POST /engine-rest/deployment/create` (multipart, as Camunda Modeler does). */
export async function deployOver(server: ServerProcess, name: string, xml: string): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', name);
  form.append('data', new Blob([xml], { type: 'application/xml' }), `${name}.bpmn`);
  const res = await fetch(`${server.baseUrl}/engine-rest/deployment/create`, { method: 'POST', body: form, headers: ADMIN_AUTHORIZATION });
  if (res.status !== 200) throw new Error(`deploy failed: ${res.status} ${await res.text()}`);
}

/** Starts `count` instances of `waitThenFollowUp` with timer `delay`, spread over `servers`, `parallel` at a time; returns their ids. */
export async function startWaiting(servers: ServerProcess[], count: number, delay: string, parallel = 8): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const server = servers[next++ % servers.length];
      const res = await fetch(`${server.baseUrl}/engine-rest/process-definition/key/waitThenFollowUp/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ADMIN_AUTHORIZATION },
        body: JSON.stringify({ variables: { delay: { value: delay, type: 'String' } } }),
      });
      if (res.status !== 200) throw new Error(`start failed: ${res.status} ${await res.text()}`);
      ids.push(((await res.json()) as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return ids;
}

/** Per instance: how often its timer fired (ended `wait` activities) and how many `followUp` tasks are open. */
export interface TimerOutcome {
  instanceId: string;
  fired: number;
  openTasks: number;
}

export async function outcomes(db: TestDatabase, instanceIds: string[]): Promise<TimerOutcome[]> {
  const rows: { id: string; fired: string; open_tasks: string }[] = await db.dataSource.query(
    `SELECT i.id,
            (SELECT count(*) FROM hi_activity_instance a WHERE a.instance_id = i.id AND a.activity_id = 'wait' AND a.end_time IS NOT NULL) AS fired,
            (SELECT count(*) FROM task t WHERE t.instance_id = i.id AND t.task_definition_key = 'followUp') AS open_tasks
       FROM unnest($1::text[]) AS i(id)`,
    [instanceIds],
  );
  return rows.map((r) => ({ instanceId: r.id, fired: Number(r.fired), openTasks: Number(r.open_tasks) }));
}

/** How many timers of these instances have fired so far. */
export async function firedCount(db: TestDatabase, instanceIds: string[]): Promise<number> {
  const [row] = await db.dataSource.query(
    `SELECT count(*) AS n FROM hi_activity_instance WHERE instance_id = ANY($1) AND activity_id = 'wait' AND end_time IS NOT NULL`,
    [instanceIds],
  );
  return Number(row.n);
}

/** Polls `check` every 50 ms until it returns true; throws `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until every timer of `instanceIds` has fired, no timer job is left in PostgreSQL, and
 * BullMQ has nothing delayed, waiting or running: after that, nothing can fire any more.
 */
export async function waitUntilSettled(world: TimerWorld, instanceIds: string[], timeoutMs: number): Promise<void> {
  const queue = (list: string) => `${world.prefix}:timers:${list}`;
  await waitFor(
    `all ${instanceIds.length} timers to fire and the queue to drain`,
    async () => {
      if ((await firedCount(world.db, instanceIds)) < instanceIds.length) return false;
      const [jobs] = await world.db.dataSource.query(`SELECT count(*) AS n FROM job WHERE instance_id = ANY($1)`, [instanceIds]);
      if (Number(jobs.n) > 0) return false;
      const r = world.redis.client;
      const [delayed, waiting, active] = await Promise.all([r.zcard(queue('delayed')), r.llen(queue('wait')), r.llen(queue('active'))]);
      return delayed + waiting + active === 0;
    },
    timeoutMs,
  );
}

/** The instances whose timer did not fire exactly once or that do not have exactly one open follow-up task. */
export function notExactlyOnce(results: TimerOutcome[]): TimerOutcome[] {
  return results.filter((r) => r.fired !== 1 || r.openTasks !== 1);
}
