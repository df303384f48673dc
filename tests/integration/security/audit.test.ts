import { ManualClock } from '../../../server/engine';
import { PURGE_ACTION, RETENTION_ACTOR, RetentionService } from '../../../server/src/audit/retention.service';
import { ENTER_TENANT_SCOPE } from '../../../server/src/persistence/tenant-scope';
import { signIn, type Agent } from '../../support/auth';
import { createTestApp, type TestApp } from '../../support/test-app';

const AUDIT_CASE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="auditCase" name="Audit case" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="tc_cho,cmg_manager" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface AuditRow {
  id: string;
  actor: string;
  actor_kind: string;
  tenant_id: string | null;
  action: string;
  resource: string | null;
  case_ids: string[];
  outcome: number;
  ip: string | null;
}

async function deployFor(t: TestApp, tenantId: string): Promise<void> {
  await t.engine.deploy({ name: tenantId, tenantId, resources: [{ name: 'audit-case.bpmn', content: AUDIT_CASE_BPMN }] });
}

async function rowsFor(t: TestApp, resource: string): Promise<AuditRow[]> {
  return t.dataSource.query('SELECT * FROM audit_log WHERE resource = $1 ORDER BY id', [resource]);
}

/** Failed requests are recorded once their answer has gone: wait briefly for the row. */
async function eventually(t: TestApp, resource: string): Promise<AuditRow[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const rows = await rowsFor(t, resource);
    if (rows.length > 0) return rows;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`No audit entry for ${resource}`);
}

async function taskOf(t: TestApp, instanceId: string): Promise<string> {
  const [row] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM task WHERE instance_id = $1', [instanceId]);
  return row.id;
}

/** RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('audit log', () => {
  let t: TestApp;
  let cho: Agent;
  let manager: Agent;
  let cmgManager: Agent;
  let caseId: string;
  let taskId: string;
  let cmgCaseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await deployFor(t, 'tai-calon');
    await deployFor(t, 'cmg');
    cho = await signIn(t, 'tc.cho');
    manager = await signIn(t, 'tc.manager');
    cmgManager = await signIn(t, 'cmg.manager');
    cmgCaseId = (await t.engine.startProcessInstance({ definitionKey: 'auditCase', tenantId: 'cmg', businessKey: 'CMG-SECRET-KEY' })).instance.id;
  });
  afterAll(() => t.close());

  it("records a signed-in user's case start, task read and variables read with actor, organisation, address and case", async () => {
    const started = await cho
      .post('/engine-rest/process-definition/key/auditCase/tenant-id/tai-calon/start')
      .send({ businessKey: 'TC-SECRET-KEY', variables: { survivorName: { value: 'Jane Secret', type: 'String' } } })
      .expect(200);
    caseId = started.body.id;
    // Written before the answer was sent: no waiting.
    const [start] = await rowsFor(t, '/engine-rest/process-definition/key/auditCase/tenant-id/tai-calon/start');
    expect(start).toMatchObject({
      actor: 'tc.cho',
      actor_kind: 'user',
      tenant_id: 'tai-calon',
      action: 'POST /engine-rest/process-definition/key/:key/tenant-id/:tenantId/start',
      case_ids: [caseId],
      outcome: 200,
    });
    expect(start.ip).toMatch(/127\.0\.0\.1/);

    taskId = await taskOf(t, caseId);
    await cho.get(`/engine-rest/task/${taskId}`).expect(200);
    const [taskRead] = await rowsFor(t, `/engine-rest/task/${taskId}`);
    expect(taskRead).toMatchObject({ actor: 'tc.cho', tenant_id: 'tai-calon', action: 'GET /engine-rest/task/:id', case_ids: [caseId], outcome: 200 });

    const variables = await cho.get(`/engine-rest/task/${taskId}/variables`).expect(200);
    expect(variables.body.survivorName.value).toBe('Jane Secret');
    const [variablesRead] = await rowsFor(t, `/engine-rest/task/${taskId}/variables`);
    expect(variablesRead).toMatchObject({ actor: 'tc.cho', action: 'GET /engine-rest/task/:id/variables', case_ids: [caseId], outcome: 200 });

    await cho.get(`/engine-rest/process-instance/${caseId}/variables`).expect(200);
    const [instanceVariables] = await rowsFor(t, `/engine-rest/process-instance/${caseId}/variables`);
    expect(instanceVariables).toMatchObject({ action: 'GET /engine-rest/process-instance/:id/variables', case_ids: [caseId] });
  });

  it('records the cases a list answer names but never the query string', async () => {
    const list = await cho.get('/engine-rest/process-instance?businessKey=TC-SECRET-KEY').expect(200);
    expect(list.body.map((i: { id: string }) => i.id)).toEqual([caseId]);
    const [row] = await rowsFor(t, '/engine-rest/process-instance');
    expect(row).toMatchObject({ action: 'GET /engine-rest/process-instance', case_ids: [caseId] });
    await cho.get(`/engine-rest/task?processInstanceId=${caseId}`).expect(200);
    expect((await rowsFor(t, '/engine-rest/task'))[0].case_ids).toEqual([caseId]);
    // Neither business keys, variable values nor request bodies are anywhere in the log.
    const leaks = await t.dataSource.query(`SELECT id FROM audit_log a WHERE a::text ~ '(SECRET|Jane|businessKey)'`);
    expect(leaks).toEqual([]);
  });

  it("files the platform administrator's look at cases under each organisation whose cases they were", async () => {
    await t.http.get(`/engine-rest/process-instance/${caseId}`).expect(200);
    const [tc] = await rowsFor(t, `/engine-rest/process-instance/${caseId}`);
    expect(tc).toMatchObject({ actor_kind: 'token', tenant_id: 'tai-calon', case_ids: [caseId] });
    const both = await t.http.get('/engine-rest/process-instance').query({ processInstanceIds: `${caseId},${cmgCaseId}` }).expect(200);
    expect(both.body).toHaveLength(2);
    const rows = (await rowsFor(t, '/engine-rest/process-instance')).filter((r) => r.actor_kind === 'token');
    expect(rows.map((r) => [r.tenant_id, r.case_ids]).sort()).toEqual([
      ['cmg', [cmgCaseId]],
      ['tai-calon', [caseId]],
    ]);
  });

  it('records a completion answered by the handler itself (204) once, with its case', async () => {
    const task = await taskOf(t, caseId);
    await cho.post(`/engine-rest/task/${task}/complete`).send({}).expect(204);
    const rows = await eventually(t, `/engine-rest/task/${task}/complete`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'tc.cho', action: 'POST /engine-rest/task/:id/complete', case_ids: [caseId], outcome: 204 });
  });

  it('records an anonymous 401 and a cross-organisation 404, each exactly once', async () => {
    await t.anonymous.get(`/engine-rest/task/${taskId}`).expect(401);
    const cmgTask = await taskOf(t, cmgCaseId);
    await cho.get(`/engine-rest/task/${cmgTask}`).expect(404);
    await cho.get(`/engine-rest/process-instance/${cmgCaseId}`).expect(404);

    const anonymous = (await eventually(t, `/engine-rest/task/${taskId}`)).filter((r) => r.outcome === 401);
    expect(anonymous).toEqual([
      expect.objectContaining({ actor: 'anonymous', actor_kind: 'anonymous', tenant_id: null, action: 'GET /engine-rest/task/:id', outcome: 401 }),
    ]);
    // Another organisation's task leads to none of its cases in this organisation's log.
    expect(await eventually(t, `/engine-rest/task/${cmgTask}`)).toEqual([
      expect.objectContaining({ actor: 'tc.cho', tenant_id: 'tai-calon', outcome: 404, case_ids: [] }),
    ]);
    expect(await eventually(t, `/engine-rest/process-instance/${cmgCaseId}`)).toEqual([
      expect.objectContaining({ actor: 'tc.cho', tenant_id: 'tai-calon', action: 'GET /engine-rest/process-instance/:id', outcome: 404, case_ids: [] }),
    ]);
    // A path no route answers is recorded too; the session check the web app polls is not.
    await t.anonymous.get('/engine-rest/no-such-route').expect(404);
    await cho.get('/api/session').expect(200);
    expect(await eventually(t, '/engine-rest/no-such-route')).toEqual([expect.objectContaining({ actor: 'anonymous', action: 'GET (no route)', outcome: 404 })]);
    expect(await t.dataSource.query(`SELECT id FROM audit_log WHERE action = 'GET /api/session'`)).toEqual([]);
    // The successful read of the same path earlier was recorded once, not again when its answer finished.
    expect((await rowsFor(t, `/engine-rest/task/${taskId}`)).filter((r) => r.outcome === 200)).toHaveLength(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log, as the owner and in an organisation scope', async () => {
    const [{ count: before }] = await t.dataSource.query('SELECT count(*)::int AS count FROM audit_log');
    for (const statement of ["UPDATE audit_log SET actor = 'someone else'", 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
      await expect(t.dataSource.query(statement)).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.transaction(async (m) => {
          await m.query(ENTER_TENANT_SCOPE, ['tai-calon']);
          await m.query(statement);
        }),
      ).rejects.toThrow(/permission denied|append-only/);
    }
    const [{ count: after }] = await t.dataSource.query('SELECT count(*)::int AS count FROM audit_log');
    expect(after).toBeGreaterThanOrEqual(before);
    expect(await t.dataSource.query(`SELECT id FROM audit_log WHERE actor = 'someone else'`)).toEqual([]);
  });

  it('refuses the audit log to staff with 403, and records the refusal', async () => {
    const refused = await cho.get('/api/audit').expect(403);
    expect(refused.body.type).toBe('AuthorizationException');
    expect(await eventually(t, '/api/audit')).toEqual([
      expect.objectContaining({ actor: 'tc.cho', tenant_id: 'tai-calon', action: 'GET /api/audit', outcome: 403 }),
    ]);
  });

  it("exports a manager's own organisation's entries only, as CSV and as JSON", async () => {
    await t.http.get('/engine-rest/process-instance/platform-admin-marker').expect(404);
    await cmgManager.get(`/engine-rest/process-instance/${cmgCaseId}`).expect(200);
    await eventually(t, '/engine-rest/process-instance/platform-admin-marker');

    const csv = await manager.get('/api/audit/export?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="safepath-audit-tai-calon-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...lines] = parseCsv(csv.text);
    expect(header).toEqual(['id', 'time', 'actor', 'actorKind', 'tenantId', 'action', 'resource', 'caseIds', 'outcome', 'ip']);
    const column = (name: string) => header.indexOf(name);
    expect(lines.length).toBeGreaterThan(5);
    expect(new Set(lines.map((l) => l[column('tenantId')]))).toEqual(new Set(['tai-calon']));
    expect(lines.some((l) => l[column('actor')] === 'tc.cho' && l[column('caseIds')] === caseId && l[column('action')].endsWith('/start'))).toBe(true);
    expect(csv.text).not.toContain('platform-admin-marker');
    expect(lines.filter((l) => l[column('actor')] === 'cmg.manager' || l[column('caseIds')].includes(cmgCaseId))).toEqual([]);

    const json = await manager.get('/api/audit/export?format=json').expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename=".*\.json"$/);
    const entries = JSON.parse(json.text) as { id: string; tenantId: string; actor: string; resource: string; caseIds: string[]; time: string }[];
    // The same entries, plus the CSV download itself when its entry was written in time.
    expect(entries.slice(0, lines.length).map((e) => e.id)).toEqual(lines.map((l) => l[column('id')]));
    expect(entries.slice(lines.length).map((e) => e.resource)).toEqual(entries.slice(lines.length).map(() => '/api/audit/export'));
    expect(new Set(entries.map((e) => e.tenantId))).toEqual(new Set(['tai-calon']));
    expect(entries.some((e) => e.actor === 'tc.cho' && e.caseIds.includes(caseId))).toBe(true);
    expect(entries.map((e) => e.resource)).not.toContain('/engine-rest/process-instance/platform-admin-marker');

    // The platform administrator sees every organisation, and the exports themselves are audited.
    const all = await t.http.get('/api/audit/export?format=json').expect(200);
    const everything = JSON.parse(all.text) as { tenantId: string | null; resource: string }[];
    expect(new Set(everything.map((e) => e.tenantId))).toEqual(new Set([null, 'tai-calon', 'cmg']));
    expect(everything.some((e) => e.tenantId === 'tai-calon' && e.resource === '/api/audit/export')).toBe(true);
  });

  it('lists and filters with Camunda paging, and answers bad input with 400', async () => {
    const byCase = await manager.get(`/api/audit?caseId=${caseId}&maxResults=100`).expect(200);
    expect(byCase.body.length).toBeGreaterThanOrEqual(5);
    expect(byCase.body.every((e: { caseIds: string[]; tenantId: string }) => e.caseIds.includes(caseId) && e.tenantId === 'tai-calon')).toBe(true);
    const ids = byCase.body.map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const second = await manager.get(`/api/audit?caseId=${caseId}&firstResult=1&maxResults=1`).expect(200);
    expect(second.body).toEqual([byCase.body[1]]);
    const count = await manager.get(`/api/audit/count?caseId=${caseId}`).expect(200);
    expect(count.body.count).toBeGreaterThanOrEqual(byCase.body.length);
    const byActor = await manager.get('/api/audit?actor=tc.cho&action=GET%20/engine-rest/task/:id/variables').expect(200);
    expect(byActor.body).toHaveLength(1);
    const future = await manager.get('/api/audit?from=2999-01-01T00:00:00.000Z').expect(200);
    expect(future.body).toEqual([]);
    expect((await manager.get(`/api/audit?caseId=${cmgCaseId}`).expect(200)).body).toEqual([]);

    for (const query of ['from=yesterday', 'maxResults=-1', 'maxResults=100000', 'firstResult=x', 'format=xml']) {
      const path = query.startsWith('format') ? `/api/audit/export?${query}` : `/api/audit?${query}`;
      const bad = await manager.get(path).expect(400);
      expect(bad.body.type).toBe('InvalidRequestException');
    }
    const other = await manager.get('/api/audit?tenantId=cmg').expect(403);
    expect(other.body.type).toBe('AuthorizationException');
  });
});

describe('retention', () => {
  let t: TestApp;
  // 40 days ago, so that after advancing 40 days sessions and real time agree again.
  const clock = new ManualClock(new Date(Date.now() - 40 * 24 * 60 * 60 * 1000));

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { retentionDays: 30 } });
    await deployFor(t, 'tai-calon');
  });
  afterAll(() => t.close());

  async function startCase(): Promise<string> {
    const variables = { note: { type: 'String' as const, value: 'kept until purged' } };
    return (await t.engine.startProcessInstance({ definitionKey: 'auditCase', tenantId: 'tai-calon', variables })).instance.id;
  }

  async function endedCase(): Promise<string> {
    const id = await startCase();
    await t.engine.completeTask(await taskOf(t, id));
    return id;
  }

  async function rowsOf(instanceId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of ['hi_process_instance', 'hi_activity_instance', 'hi_task', 'hi_variable', 'hi_variable_update', 'notification']) {
      const column = table === 'hi_process_instance' ? 'id' : 'instance_id';
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1`, [instanceId]);
      counts[table] = count;
    }
    return counts;
  }

  async function notify(instanceId: string): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO notification (id, tenant_id, recipient_user, kind, task_id, instance_id, title, created)
       VALUES ($1, 'tai-calon', 'tc.cho', 'overdue', 'some-task', $2, 'Overdue', $3)`,
      [`n-${instanceId}`, instanceId, clock.now()],
    );
  }

  it('purges ended cases older than the retention period, keeps running and recent ones, and audits the purge', async () => {
    const old = await endedCase();
    await notify(old);
    const running = await startCase();
    await notify(running);
    clock.advance(40 * 24 * 60 * 60 * 1000);
    const recent = await endedCase();
    expect(await rowsOf(old)).toEqual({ hi_process_instance: 1, hi_activity_instance: 3, hi_task: 1, hi_variable: 1, hi_variable_update: 1, notification: 1 });

    const result = await t.app.get(RetentionService).purgeExpired(clock.now());

    expect(result.purged).toEqual([old]);
    expect(Object.values(await rowsOf(old)).every((n) => n === 0)).toBe(true);
    expect((await rowsOf(recent)).hi_process_instance).toBe(1);
    const kept = await rowsOf(running);
    expect(kept.hi_process_instance).toBe(1);
    expect(kept.notification).toBe(1);
    expect(await t.dataSource.query('SELECT id FROM process_instance WHERE id = $1', [running])).toEqual([{ id: running }]);

    const entries = await t.dataSource.query('SELECT * FROM audit_log WHERE actor = $1', [RETENTION_ACTOR]);
    expect(entries).toEqual([
      expect.objectContaining({ actor_kind: 'system', tenant_id: 'tai-calon', action: PURGE_ACTION, case_ids: [old], outcome: 200 }),
    ]);
    // The tai-calon manager sees the purge in their organisation's log.
    const manager = await signIn(t, 'tc.manager');
    const listed = await manager.get(`/api/audit?actor=${RETENTION_ACTOR}`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ action: PURGE_ACTION, caseIds: [old] })]);

    // Nothing more to purge: a second run deletes and records nothing.
    expect((await t.app.get(RetentionService).purgeExpired(clock.now())).purged).toEqual([]);
    expect(await t.dataSource.query('SELECT id FROM audit_log WHERE actor = $1', [RETENTION_ACTOR])).toHaveLength(1);
  });
});
