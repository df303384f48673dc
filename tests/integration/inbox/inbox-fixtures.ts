/**
 * Shared setup of the inbox and dashboard API tests: the application on a manual clock with the
 * organisations' real processes deployed (processes/_shared + the organisation's folder, as
 * tests/support/scenario.ts does), a small intake process with a start form, sign-in, and a raw
 * reader of the server-sent event stream.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { ManualClock } from '../../../server/engine';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { TaskEventHub } from '../../../server/src/inbox/task-event-hub';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../../server/src/security/auth.service';
import { DEMO_PASSWORD } from '../../../server/src/security/demo-directory';
import request from 'supertest';
import type { Agent } from '../../support/auth';
import { PROCESSES_DIR } from '../../support/scenario';
import { createTestApp, type TestApp } from '../../support/test-app';

/** A plain value → Camunda's REST variable. */
export function restVariable(value: unknown): { value: unknown; type: string } {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') return { value, type: Number.isInteger(value) ? 'Integer' : 'Double' };
  return { value: JSON.stringify(value), type: 'Json' };
}

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">`;

/**
 * An intake with a start form (for `cmg_caseworker` only): start → "Review the intake"
 * (caseworkers; due date and priority from the start variables `dueIn` and `priority` when
 * given) → "Check the intake" (team leaders) → end.
 */
export const INTAKE_BPMN = `${header}
  <bpmn:process id="inbox_intake" name="Intake (test)" isExecutable="true" camunda:candidateStarterGroups="cmg_caseworker">
    <bpmn:extensionElements><camunda:properties><camunda:property name="safepath.sensitive" value="callerName" /></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="start_intake" name="Call received" camunda:formRef="inbox_intake_form" />
    <bpmn:sequenceFlow id="f1" sourceRef="start_intake" targetRef="review_intake" />
    <bpmn:userTask id="review_intake" name="Review the intake" camunda:candidateGroups="cmg_caseworker" camunda:formRef="inbox_review_form" camunda:formRefBinding="deployment"
        camunda:dueDate="\${empty execution.getVariable('dueIn') ? '' : dueIn}" camunda:priority="\${empty execution.getVariable('priority') ? 50 : priority}">
      <bpmn:documentation>Read the intake and decide what happens next.</bpmn:documentation>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review_intake" targetRef="check_intake" />
    <bpmn:userTask id="check_intake" name="Check the intake" camunda:candidateGroups="cmg_team_leader" />
    <bpmn:sequenceFlow id="f3" sourceRef="check_intake" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

export const INTAKE_FORM = JSON.stringify({
  id: 'inbox_intake_form',
  type: 'default',
  components: [
    { type: 'textfield', key: 'contactReason', label: 'Why did they call?', validate: { required: true } },
    { type: 'textfield', key: 'callerName', label: 'Caller name' },
  ],
});

export const REVIEW_FORM = JSON.stringify({
  id: 'inbox_review_form',
  type: 'default',
  components: [{ type: 'radio', key: 'decision', label: 'Decision', validate: { required: true }, values: [{ label: 'Proceed', value: 'proceed' }, { label: 'Close', value: 'close' }] }],
});

/** The application on a manual clock, with `_shared` + each organisation's processes deployed for it. */
export async function openInboxApp(startsAt: string, organisations: string[]): Promise<{ t: TestApp; clock: ManualClock }> {
  const clock = new ManualClock(new Date(startsAt));
  // Sessions measured on the manual clock must outlive the clock's jumps.
  const t = await createTestApp({ clock, listen: true, config: { sessionIdleMinutes: 1_000_000, sessionMaxHours: 100_000 } });
  // Deadlines pass only when a test executes their timer job, never by the real-time worker.
  await t.host.scheduler.queue.pause();
  const directory = readProcessDirectory(PROCESSES_DIR);
  for (const tenantId of organisations) {
    const processes = directory.find((o) => o.tenantId === tenantId);
    if (!processes) throw new Error(`processes/${tenantId}/ does not exist`);
    await t.engine.deploy({ name: tenantId, tenantId, resources: processes.resources });
  }
  return { t, clock };
}

export interface Session {
  agent: Agent;
  /** The Cookie header of the session, for raw requests. */
  cookie: string;
}

/** Signs a demo user in; the agent sends the session cookie and the CSRF header. */
export async function session(t: TestApp, username: string): Promise<Session> {
  const response = await request(t.app.getHttpServer()).post('/api/session').send({ username, password: DEMO_PASSWORD });
  if (response.status !== 200) throw new Error(`Sign-in of ${username} failed: ${response.status}`);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const value = (name: string) => cookies.map((c) => (c.startsWith(`${name}=`) ? c.slice(name.length + 1).split(';')[0] : undefined)).find((v) => v !== undefined)!;
  const cookie = `${SESSION_COOKIE}=${value(SESSION_COOKIE)}; ${CSRF_COOKIE}=${value(CSRF_COOKIE)}`;
  const agent = request.agent(t.app.getHttpServer()).set('Cookie', cookie).set('X-XSRF-TOKEN', decodeURIComponent(value(CSRF_COOKIE)));
  return { agent, cookie };
}

export interface StreamEvent {
  type: string;
  data: { taskId: string; caseId: string; groups: string[]; assignee: string | null; kind?: string; title?: string };
}

/** A raw reader of `GET /api/inbox/events`: every event and comment as it arrives. */
export class EventStream {
  readonly events: StreamEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  contentType = '';
  private buffer = '';
  private waiters: (() => void)[] = [];
  private constructor(private readonly request: ClientRequest) {}

  /** Opens the stream and waits for the server's first comment (the subscription is then live). */
  /** How many streams the tests opened (each one ends in one audit entry). */
  static opened = 0;

  static async open(baseUrl: string, cookie: string | null): Promise<EventStream> {
    EventStream.opened++;
    const url = new URL('/api/inbox/events', baseUrl);
    let stream!: EventStream;
    const req = httpRequest(url, { headers: cookie ? { Cookie: cookie, Accept: 'text/event-stream' } : { Accept: 'text/event-stream' } });
    stream = new EventStream(req);
    const answered = new Promise<void>((resolve, reject) => {
      req.on('response', (response: IncomingMessage) => {
        stream.status = response.statusCode ?? 0;
        stream.contentType = String(response.headers['content-type'] ?? '');
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => stream.take(chunk));
        response.on('end', () => stream.notify());
        resolve();
      });
      req.on('error', reject);
    });
    req.end();
    await answered.then(() => (stream.status === 200 ? stream.until(() => stream.comments.length > 0) : undefined));
    return stream;
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let type = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else if (line.startsWith('event: ')) type = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) this.events.push({ type, data: JSON.parse(data) });
    }
    this.notify();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `condition` holds (re-checked as data arrives); fails after `ms` of real time. */
  until(condition: () => boolean, ms = 10_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The event stream did not deliver in time; events: ${JSON.stringify(this.events)}`)), ms);
      const check = () => {
        if (condition()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  close(): void {
    this.request.destroy();
  }
}

/**
 * Closes streams and waits until the server has let go of them and audited each one (a stream
 * is audited when it ends), so that nothing is left running when the application closes.
 */
export async function closeStreams(t: TestApp, ...streams: EventStream[]): Promise<void> {
  for (const stream of streams) stream.close();
  const hub = t.app.get(TaskEventHub);
  for (let turn = 0; hub.openStreams > 0 && turn < 10_000; turn++) await new Promise((resolve) => setImmediate(resolve));
  const audited = async () => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'GET /api/inbox/events'`)) as { n: number }[])[0].n;
  for (let turn = 0; (await audited()) < EventStream.opened && turn < 1000; turn++) await new Promise((resolve) => setImmediate(resolve));
}
