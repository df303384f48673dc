import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { ManualClock } from '../../server/engine';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../server/src/security/auth.service';
import { seesWholeOrganisation, type Caller } from '../../server/src/security/caller';
import { DEMO_PASSWORD, ORGANISATIONS, type DemoUser, type OrganisationEntry } from '../../server/src/security/demo-directory';
import { asOrganisationToken, type Agent } from './auth';
import { createTestApp, type TestApp } from './test-app';

/**
 * A scenario story completes dozens of tasks, each as a signed-in person over several requests
 * (see `Scenario.completeTask`), and some open a fresh application: more than Jest's 5 s default
 * on a busy machine. Applies to the test file that imports this helper.
 */
jest.setTimeout(30_000);

/** The repository's `processes/` folder. */
export const PROCESSES_DIR = join(__dirname, '../../processes');

export interface OpenTask {
  id: string;
  taskDefinitionKey: string;
  name: string | null;
  processInstanceId: string;
  due: string | null;
  followUp: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
}

/** A plain value → Camunda's REST variable (`{value, type}`), as a client would send it. */
export function restVariable(value: unknown): { value: unknown; type: string } {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') return Number.isInteger(value) ? { value, type: 'Integer' } : { value, type: 'Double' };
  if (value instanceof Date) return { value: value.toISOString(), type: 'Date' };
  return { value: JSON.stringify(value), type: 'Json' };
}

function restVariables(values: Record<string, unknown>): Record<string, { value: unknown; type: string }> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, restVariable(v)]));
}

/**
 * Signs a demo user in as `signIn` (./auth.ts) does, but sends the session cookie explicitly: the
 * server dates the cookie's Expires by the scenario's clock, usually in the machine's past, and a
 * cookie jar drops a cookie that has already expired.
 */
async function signInOnScenarioClock(app: TestApp, username: string): Promise<Agent> {
  const response = await request(app.app.getHttpServer()).post('/api/session').send({ username, password: DEMO_PASSWORD });
  if (response.status !== 200) throw new Error(`Sign-in of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = (name: string) => cookies.map((c) => (c.startsWith(`${name}=`) ? c.slice(name.length + 1).split(';')[0] : undefined)).find((v) => v !== undefined);
  const session = cookie(SESSION_COOKIE);
  const csrf = cookie(CSRF_COOKIE);
  if (session === undefined || csrf === undefined) throw new Error(`Sign-in of ${username} set no session or CSRF cookie`);
  return request
    .agent(app.app.getHttpServer())
    .set('Cookie', `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf}`)
    .set('X-XSRF-TOKEN', decodeURIComponent(csrf));
}

/** A demo user as the server sees them once signed in (for the visibility rules). */
function callerOf(user: DemoUser, tenantId: string): Caller {
  return { kind: 'user', id: user.username, userId: user.username, displayName: user.displayName, tenantId, roles: user.roles, groups: user.groups, platformAdmin: false };
}

/**
 * Drives one organisation's real processes over the REST API the way a scenario in
 * `shared/procedures/scenarios.md` reads: start a case, answer each task's form, let deadlines
 * pass by executing their timer jobs, and look at the path, the offers and the end state.
 *
 * Cases start and messages arrive with the organisation's demo engine token; every task is
 * worked by a demo person of the organisation who holds one of its candidate groups
 * (`server/src/security/demo-directory.ts`), signed in, through their own task list. The
 * engine's clock is a manual clock set to the scenario's start time.
 */
export class Scenario {
  /** Signed-in demo people, one session each (sign-in costs a password hash). */
  private readonly agents = new Map<string, Promise<Agent>>();

  private constructor(
    readonly app: TestApp,
    readonly tenantId: string,
    readonly clock: ManualClock,
    private readonly organisation: OrganisationEntry,
    /** The organisation's demo engine token: starts cases and correlates messages. */
    private readonly engineToken: Agent,
  ) {}

  /** A fresh application with `processes/_shared` and `processes/<tenantId>` deployed for the tenant. */
  static async open(tenantId: string, startsAt: string): Promise<Scenario> {
    const organisation = ORGANISATIONS.find((o) => o.id === tenantId);
    if (!organisation) throw new Error(`${tenantId} is not an organisation of server/src/security/demo-directory.ts`);
    const clock = new ManualClock(new Date(startsAt));
    // The scenario's people stay signed in while its clock moves on by hours and days: the longest
    // sessions the settings allow, so that they sign in again only after long jumps (see asUser).
    const app = await createTestApp({ clock, config: { sessionIdleMinutes: 1440, sessionMaxHours: 168 } });
    // Scenario time is a manual clock, usually behind the machine's: deadlines fire only when the
    // scenario lets them (fireTimer), never by the real-time worker.
    await app.host.scheduler.queue.pause();
    const processes = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === tenantId);
    if (!processes) throw new Error(`processes/${tenantId}/ does not exist`);
    await app.engine.deploy({ name: tenantId, tenantId, resources: processes.resources });
    return new Scenario(app, tenantId, clock, organisation, asOrganisationToken(app, tenantId));
  }

  close(): Promise<void> {
    return this.app.close();
  }

  async start(key: string, variables: Record<string, unknown> = {}, businessKey?: string): Promise<string> {
    const response = await this.engineToken
      .post(`/engine-rest/process-definition/key/${key}/tenant-id/${this.tenantId}/start`)
      .send({ variables: restVariables(variables), businessKey });
    if (response.status !== 200) throw new Error(`start ${key}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  /** Open tasks of a case and of the cases it called (call activities), oldest first. */
  async openTasks(rootInstanceId: string): Promise<OpenTask[]> {
    const rows = await this.app.dataSource.query(
      `SELECT t.id, t.task_definition_key, t.name, t.instance_id, t.due, t.follow_up, t.candidate_groups, t.candidate_users, t.assignee
         FROM task t JOIN process_instance p ON p.id = t.instance_id
        WHERE p.root_instance_id = $1 ORDER BY t.created, t.task_definition_key`,
      [rootInstanceId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      taskDefinitionKey: r.task_definition_key as string,
      name: (r.name as string) ?? null,
      processInstanceId: r.instance_id as string,
      due: r.due ? (r.due as Date).toISOString() : null,
      followUp: r.follow_up ? (r.follow_up as Date).toISOString() : null,
      candidateGroups: r.candidate_groups as string[],
      candidateUsers: r.candidate_users as string[],
      assignee: (r.assignee as string) ?? null,
    }));
  }

  async task(rootInstanceId: string, taskKey: string): Promise<OpenTask> {
    const tasks = await this.openTasks(rootInstanceId);
    const task = tasks.find((t) => t.taskDefinitionKey === taskKey);
    if (!task) throw new Error(`No open task '${taskKey}'; open: ${tasks.map((t) => t.taskDefinitionKey).join(', ') || 'none'}`);
    return task;
  }

  /** Completes the open task `taskKey` with the form's answers, as a person it is offered to (see `completeTask`). */
  async complete(rootInstanceId: string, taskKey: string, answers: Record<string, unknown> = {}): Promise<void> {
    await this.completeTask(await this.task(rootInstanceId, taskKey), answers);
  }

  /**
   * Completes `task` the way its person would: a demo user holding one of its candidate groups
   * (or its assignee) signs in, finds it in their own task list, claims it and submits the form.
   * On the way it checks the walls: a colleague without the task's roles and a person of another
   * organisation both get 404 for the task.
   */
  async completeTask(task: OpenTask, answers: Record<string, unknown> = {}): Promise<void> {
    const worker = this.workerFor(task);
    const label = `task '${task.taskDefinitionKey}' (offered to ${task.candidateGroups.join(', ') || 'no group'})`;
    const [listed] = await Promise.all([
      this.asUser(worker.username, (a) => a.get('/engine-rest/task').query({ processInstanceId: task.processInstanceId })),
      this.expectHidden(task, label),
    ]);
    if (listed.status !== 200) throw new Error(`${worker.username} lists tasks: ${listed.status} ${JSON.stringify(listed.body)}`);
    if (!(listed.body as { id: string }[]).some((t) => t.id === task.id)) {
      throw new Error(`${worker.username} (groups ${worker.groups.join(', ')}) does not see ${label} in their task list`);
    }
    if (task.assignee !== null && task.assignee !== worker.username) {
      // Allocated to someone without a demo account: the manager takes the task over.
      const taken = await this.asUser(worker.username, (a) => a.post(`/engine-rest/task/${task.id}/assignee`).send({ userId: worker.username }));
      if (taken.status !== 204) throw new Error(`${worker.username} takes over ${label} from ${task.assignee}: ${taken.status} ${JSON.stringify(taken.body)}`);
    }
    const claimed = await this.asUser(worker.username, (a) => a.post(`/engine-rest/task/${task.id}/claim`));
    if (claimed.status !== 204) throw new Error(`${worker.username} claims ${label}: ${claimed.status} ${JSON.stringify(claimed.body)}`);
    const completed = await this.asUser(worker.username, (a) => a.post(`/engine-rest/task/${task.id}/complete`).send({ variables: restVariables(answers) }));
    if (completed.status !== 204 && completed.status !== 200) {
      throw new Error(`${worker.username} completes ${label}: ${completed.status} ${JSON.stringify(completed.body)}`);
    }
  }

  /**
   * Who works on `task`: its assignee when that is a demo user, the organisation's manager when it
   * is allocated to anyone else, otherwise a holder of one of its candidate groups — staff before
   * managers, since a staff member's task list shows only what their groups are offered.
   */
  private workerFor(task: OpenTask): DemoUser {
    const users = this.organisation.users;
    if (task.assignee !== null) {
      const worker = users.find((u) => u.username === task.assignee) ?? users.find((u) => u.roles.includes('manager'));
      if (!worker) throw new Error(`${this.tenantId} has neither the assignee '${task.assignee}' of task '${task.taskDefinitionKey}' nor a manager among its demo users`);
      return worker;
    }
    const offered = users.filter((u) => u.roles.includes('staff') && (u.groups.some((g) => task.candidateGroups.includes(g)) || task.candidateUsers.includes(u.username)));
    // Staff before managers; among them whoever holds the role as their main one (first group).
    const rank = (u: DemoUser) => (seesWholeOrganisation(callerOf(u, this.tenantId)) ? 2 : 0) + (task.candidateGroups.includes(u.groups[0]) ? 0 : 1);
    const worker = [...offered].sort((a, b) => rank(a) - rank(b))[0];
    if (!worker) {
      throw new Error(
        `No demo user of ${this.tenantId} holds a candidate group of task '${task.taskDefinitionKey}' ` +
          `(${task.candidateGroups.join(', ') || 'no group'}): see server/src/security/demo-directory.ts`,
      );
    }
    return worker;
  }

  /** A colleague without the task's roles, and a manager of another organisation, both get 404 for it. */
  private async expectHidden(task: OpenTask, label: string): Promise<void> {
    const colleague = this.organisation.users.find(
      (u) =>
        u.roles.includes('staff') &&
        !seesWholeOrganisation(callerOf(u, this.tenantId)) &&
        !u.groups.some((g) => task.candidateGroups.includes(g)) &&
        !task.candidateUsers.includes(u.username) &&
        u.username !== task.assignee,
    );
    const others = ORGANISATIONS.filter((o) => o.id !== this.tenantId);
    const outsider = others[0]?.users.find((u) => u.roles.includes('manager'));
    await Promise.all(
      [colleague, outsider].map(async (user) => {
        if (user === undefined) return;
        const response = await this.asUser(user.username, (a) => a.get(`/engine-rest/task/${task.id}`));
        if (response.status !== 404) throw new Error(`${user.username} (groups ${user.groups.join(', ')}) gets ${response.status} for ${label}, not 404`);
      }),
    );
  }

  /** Sends a request as a signed-in demo user; signs in again once if the session ended (the scenario clock moves on). */
  private async asUser(username: string, send: (agent: Agent) => PromiseLike<Response>): Promise<Response> {
    const response = await send(await this.agentOf(username));
    if (response.status !== 401) return response;
    this.agents.delete(username);
    return send(await this.agentOf(username));
  }

  private agentOf(username: string): Promise<Agent> {
    let agent = this.agents.get(username);
    if (agent === undefined) {
      agent = signInOnScenarioClock(this.app, username);
      this.agents.set(username, agent);
    }
    return agent;
  }

  /** Timer jobs waiting in a case tree (activity id and due date). */
  async timers(rootInstanceId: string): Promise<{ id: string; activityId: string; dueDate: string | null }[]> {
    const rows = await this.app.dataSource.query(
      `SELECT j.id, j.activity_id, j.due_date FROM job j JOIN process_instance p ON p.id = j.instance_id
        WHERE p.root_instance_id = $1 AND j.type = 'timer' ORDER BY j.due_date`,
      [rootInstanceId],
    );
    return rows.map((r: Record<string, unknown>) => ({ id: r.id as string, activityId: r.activity_id as string, dueDate: r.due_date ? (r.due_date as Date).toISOString() : null }));
  }

  /** Lets a deadline pass: moves the clock to the timer's due date and executes the timer job. */
  async fireTimer(rootInstanceId: string, activityId: string): Promise<void> {
    const timer = (await this.timers(rootInstanceId)).find((t) => t.activityId === activityId);
    if (!timer) throw new Error(`No timer at '${activityId}'`);
    if (timer.dueDate && new Date(timer.dueDate) > this.clock.now()) this.clock.set(new Date(timer.dueDate));
    const response = await this.app.http.post(`/engine-rest/job/${timer.id}/execute`);
    if (response.status !== 204) throw new Error(`execute timer ${activityId}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async correlate(messageName: string, body: Record<string, unknown> = {}): Promise<void> {
    const response = await this.engineToken.post('/engine-rest/message').send({ messageName, tenantId: this.tenantId, ...body });
    if (response.status !== 204 && response.status !== 200) throw new Error(`message ${messageName}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  /**
   * Activity ids of the finished activities of a case tree, in the order they finished.
   *
   * Scenarios often complete several tasks without moving the clock, so many rows share their
   * times. Ties go by the transaction that ended the row (`xmin`: the history row is last written
   * when it ends), and within one transaction the completed user task first: whatever else ended
   * there followed from it. (History has no sequence counter, as Camunda's SEQUENCE_COUNTER_, to
   * say more.)
   */
  async path(rootInstanceId: string): Promise<string[]> {
    const rows = await this.app.dataSource.query(
      `SELECT a.activity_id FROM hi_activity_instance a JOIN hi_process_instance p ON p.id = a.instance_id
        WHERE p.root_instance_id = $1 AND a.end_time IS NOT NULL AND NOT a.canceled
        ORDER BY a.end_time, a.start_time, a.xmin::text::bigint, a.activity_type <> 'userTask'`,
      [rootInstanceId],
    );
    return rows.map((r: { activity_id: string }) => r.activity_id);
  }

  /** Every activity ever entered in the case tree (finished, waiting or cancelled). */
  async visited(rootInstanceId: string): Promise<string[]> {
    const rows = await this.app.dataSource.query(
      `SELECT a.activity_id FROM hi_activity_instance a JOIN hi_process_instance p ON p.id = a.instance_id
        WHERE p.root_instance_id = $1 ORDER BY a.start_time`,
      [rootInstanceId],
    );
    return rows.map((r: { activity_id: string }) => r.activity_id);
  }

  async state(instanceId: string): Promise<{ state: string; endActivityId: string | null }> {
    const [row] = await this.app.dataSource.query(`SELECT state, end_activity_id FROM hi_process_instance WHERE id = $1`, [instanceId]);
    return { state: row?.state, endActivityId: row?.end_activity_id ?? null };
  }

  /** The latest value of a variable of a case (live or historic); sensitive ones decrypted with the app's data keys. */
  async variable(instanceId: string, name: string): Promise<unknown> {
    const [row] = await this.app.dataSource.query(
      `SELECT id, value, sensitive, tenant_id FROM hi_variable WHERE instance_id = $1 AND name = $2 AND state = 'CREATED' ORDER BY create_time DESC LIMIT 1`,
      [instanceId, name],
    );
    if (!row) return undefined;
    // Imported here so that this helper's change stays inside it.
    const { DataCipher } = await import('../../server/src/security/data-cipher');
    const { openVariableRow } = await import('../../server/src/persistence/sensitive-columns');
    return openVariableRow(row, this.app.app.get(DataCipher)).value;
  }
}
