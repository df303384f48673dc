/**
 * Story: two server processes behind a load balancer share one database and one Redis. A Tai
 * Calon housing officer's live inbox is open on one of them; a third-party report arrives through
 * the other. The officer hears of the new task within seconds; a CMG caseworker on the same
 * process hears nothing of it. Junk on the event channel is ignored, a dropped Redis connection
 * heals, and without Redis each process still tells its own streams.
 */
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { inboxEventChannel } from '../../../server/src/inbox/inbox-event-bus';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../../server/src/security/auth.service';
import { DEMO_PASSWORD, DEMO_TOKEN_SECRET, demoTokenId } from '../../../server/src/security/demo-directory';
import { startPrivateRedis, type PrivateRedis } from '../../support/private-redis';
import { uniquePrefix } from '../../support/redis';
import { PROCESSES_DIR } from '../../support/scenario';
import { startServerProcess, withServerLogs, type ServerProcess } from '../../support/server-process';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { EventStream, type StreamEvent } from './inbox-fixtures';

jest.setTimeout(60_000);

/** CMG's smallest possible intake: a message starts a case whose one task is for caseworkers. */
const CMG_INTAKE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">
  <bpmn:message id="msg_bus" name="cmg_bus_test_referral" />
  <bpmn:process id="cmg_bus_test" name="Referral (test)" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="msg_bus" /></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review the referral" camunda:candidateGroups="cmg_caseworker" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** `Authorization` of an organisation's demo engine token (README's curl example). */
function engineToken(organisationId: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${demoTokenId(organisationId)}:${DEMO_TOKEN_SECRET}`).toString('base64')}` };
}

async function deploy(server: ServerProcess, organisationId: string, resources: { name: string; content: string }[]): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', organisationId);
  for (const resource of resources) form.append('data', new Blob([resource.content]), resource.name);
  const res = await fetch(`${server.baseUrl}/engine-rest/deployment/create`, { method: 'POST', body: form, headers: engineToken(organisationId) });
  if (res.status !== 200) throw new Error(`deploy of ${organisationId} failed: ${res.status} ${await res.text()}`);
}

/** Starts a case by message (`POST /engine-rest/message`) as the organisation's engine token; returns the case id. */
async function report(server: ServerProcess, organisationId: string, messageName: string, businessKey: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/engine-rest/message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...engineToken(organisationId) },
    body: JSON.stringify({ messageName, businessKey, resultEnabled: true }),
  });
  if (res.status !== 200) throw new Error(`message ${messageName} failed: ${res.status} ${await res.text()}`);
  const [result] = (await res.json()) as { processInstance: { id: string } }[];
  return result.processInstance.id;
}

/** Signs a demo user in on `server`; returns the Cookie header of the session. */
async function signIn(server: ServerProcess, username: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  const cookies = res.headers.getSetCookie();
  const value = (name: string) => cookies.find((c) => c.startsWith(`${name}=`))!.slice(name.length + 1).split(';')[0];
  return `${SESSION_COOKIE}=${value(SESSION_COOKIE)}; ${CSRF_COOKIE}=${value(CSRF_COOKIE)}`;
}

/** Polls `check` every 50 ms until it holds; throws `what` after `timeoutMs`. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ofCase = (caseId: string) => (e: StreamEvent) => e.data.caseId === caseId;

describe('live inbox events across server processes', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let redisStopped = false;
  let prefix: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let choStream: EventStream;
  let caseworkerStream: EventStream;
  const servers = () => [a, b].filter(Boolean);

  /** The open `log_disclosure` task of a Tai Calon case. */
  async function taskOf(caseId: string): Promise<string> {
    const rows: { id: string }[] = await db.dataSource.query(`SELECT id FROM task WHERE instance_id = $1`, [caseId]);
    expect(rows).toHaveLength(1);
    return rows[0].id;
  }

  /** How many live-event connections of the servers are subscribed to this file's channel. */
  async function subscribers(): Promise<number> {
    const [, count] = (await redis.client.pubsub('NUMSUB', inboxEventChannel(prefix))) as [string, number];
    return Number(count);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await startPrivateRedis();
    prefix = uniquePrefix();
    // LOG_LEVEL log: the bus's recovery is an ordinary log line.
    const start = (name: string) => startServerProcess({ databaseUrl: db.url, schema: db.schema, redisUrl: redis.url, queuePrefix: prefix, name, env: { LOG_LEVEL: 'log' } });
    [a, b] = await Promise.all([start('server-a'), start('server-b')]);
    const directory = readProcessDirectory(PROCESSES_DIR);
    await deploy(a, 'tai-calon', directory.find((o) => o.tenantId === 'tai-calon')!.resources);
    await deploy(a, 'cmg', [{ name: 'cmg_bus_test.bpmn', content: CMG_INTAKE }]);
    choStream = await EventStream.open(b.baseUrl, await signIn(b, 'tc.cho'));
    caseworkerStream = await EventStream.open(b.baseUrl, await signIn(b, 'cmg.caseworker'));
  }, 120_000);

  afterAll(async () => {
    choStream?.close();
    caseworkerStream?.close();
    await Promise.all(servers().map((s) => s.kill().catch(() => undefined)));
    if (!redisStopped) await redis?.stop();
    await db?.close();
  });

  it('given a housing officer listening on server B, when a report arrives through server A, then the officer hears of the new task and CMG hears nothing', async () => {
    await withServerLogs(servers, async () => {
      expect(choStream.status).toBe(200);
      expect(caseworkerStream.status).toBe(200);

      // when a third party reports abuse through server A
      const tcCase = await report(a, 'tai-calon', 'tc_third_party_report', 'TC-BUS-1');

      // then tc.cho's stream on server B gets the new task within a few seconds
      await choStream.until(() => choStream.events.some(ofCase(tcCase)), 5_000);
      expect(choStream.events.filter(ofCase(tcCase))).toEqual([
        { type: 'task-created', data: { taskId: await taskOf(tcCase), caseId: tcCase, groups: ['tc_receiving_staff'], assignee: null } },
      ]);

      // and a CMG case started afterwards through A is the first and only thing the caseworker on B hears
      const cmgCase = await report(a, 'cmg', 'cmg_bus_test_referral', 'CMG-BUS-1');
      await caseworkerStream.until(() => caseworkerStream.events.some(ofCase(cmgCase)), 5_000);
      expect(caseworkerStream.events.map((e) => [e.type, e.data.caseId])).toEqual([['task-created', cmgCase]]);
      expect(choStream.events.filter(ofCase(cmgCase))).toEqual([]);
    });
  });

  it('given junk published on the event channel, then streams ignore it, nothing of it is logged, and the stream still delivers', async () => {
    await withServerLogs(servers, async () => {
      const before = choStream.events.length;
      const marker = 'Junk-On-The-Bus-7f3a';
      const valid = { origin: 'elsewhere', tenantId: 'tai-calon', people: [], type: 'task-created', data: { taskId: marker, caseId: marker, groups: ['tc_receiving_staff'], assignee: null } };
      const junk = [
        marker,
        JSON.stringify([marker]),
        JSON.stringify({ ...valid, type: marker }),
        JSON.stringify({ ...valid, data: { ...valid.data, taskId: 42 } }),
        JSON.stringify({ ...valid, data: { ...valid.data, groups: marker } }),
        JSON.stringify({ ...valid, tenantId: { id: marker } }),
        JSON.stringify({ ...valid, origin: undefined }),
      ];

      // when junk is published by hand on the channel, followed by a real report through A
      for (const message of junk) await redis.client.publish(inboxEventChannel(prefix), message);
      const tcCase = await report(a, 'tai-calon', 'tc_third_party_report', 'TC-BUS-2');

      // then the stream on B is still open and delivers the report's task, and nothing of the junk
      await choStream.until(() => choStream.events.some(ofCase(tcCase)), 5_000);
      expect(choStream.events.slice(before).map((e) => [e.type, e.data.caseId])).toEqual([['task-created', tcCase]]);
      expect(a.logs() + b.logs()).not.toContain(marker);
    });
  });

  it('given the servers lose their Redis connections and Redis is wiped, when they have reconnected, then events flow again and the outage is logged once per server', async () => {
    await withServerLogs(servers, async () => {
      // given every live-event connection dropped at once by Redis, and Redis wiped
      const clients = await redis.client.client('LIST');
      const ids = String(clients)
        .split('\n')
        .filter((line) => / name=safepath-live-events-/.test(line))
        .map((line) => /^id=(\d+)/.exec(line)![1]);
      expect(ids).toHaveLength(4);
      const kill = redis.client.multi();
      for (const id of ids) kill.client('KILL', 'ID', id);
      await kill.exec();
      await redis.client.flushall();

      // when both servers have subscribed again
      await waitFor('both servers to subscribe again', async () => (await subscribers()) === 2);
      await waitFor('both servers to log the recovery', async () => [a, b].every((s) => s.logs().includes('Live-event bus recovered')));
      const tcCase = await report(a, 'tai-calon', 'tc_third_party_report', 'TC-BUS-3');

      // then the officer on B hears of the new task again
      await choStream.until(() => choStream.events.some(ofCase(tcCase)), 5_000);
      for (const server of [a, b]) expect(server.logs().split('Live-event bus unavailable').length - 1).toBe(1);
    });
  });

  it('given Redis gone, when a referral arrives through server B itself, then its own streams still hear of it', async () => {
    await withServerLogs(servers, async () => {
      // given Redis stopped
      await redis.stop();
      redisStopped = true;

      // when a referral arrives through B (a step without timers: scheduling one needs Redis)
      const cmgCase = await report(b, 'cmg', 'cmg_bus_test_referral', 'CMG-BUS-2');

      // then the caseworker's stream on B gets the task from B's own engine
      await caseworkerStream.until(() => caseworkerStream.events.some(ofCase(cmgCase)), 5_000);
      expect(caseworkerStream.events.filter(ofCase(cmgCase)).map((e) => e.type)).toEqual(['task-created']);
    });
  });
});
