import { join } from 'node:path';
import { ManualClock } from '../../server/engine';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import { createTestApp, type TestApp } from './test-app';

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
 * Drives one organisation's real processes over the REST API the way a scenario in
 * `shared/procedures/scenarios.md` reads: start a case, answer each task's form, let deadlines
 * pass by executing their timer jobs, and look at the path, the offers and the end state.
 *
 * The engine's clock is a manual clock set to the scenario's start time.
 */
export class Scenario {
  private constructor(
    readonly app: TestApp,
    readonly tenantId: string,
    readonly clock: ManualClock,
  ) {}

  /** A fresh application with `processes/_shared` and `processes/<tenantId>` deployed for the tenant. */
  static async open(tenantId: string, startsAt: string): Promise<Scenario> {
    const clock = new ManualClock(new Date(startsAt));
    const app = await createTestApp({ clock });
    // Scenario time is a manual clock, usually behind the machine's: deadlines fire only when the
    // scenario lets them (fireTimer), never by the real-time worker.
    await app.host.scheduler.queue.pause();
    const organisation = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === tenantId);
    if (!organisation) throw new Error(`processes/${tenantId}/ does not exist`);
    await app.engine.deploy({ name: tenantId, tenantId, resources: organisation.resources });
    return new Scenario(app, tenantId, clock);
  }

  close(): Promise<void> {
    return this.app.close();
  }

  async start(key: string, variables: Record<string, unknown> = {}, businessKey?: string): Promise<string> {
    const response = await this.app.http
      .post(`/engine-rest/process-definition/key/${key}/tenant-id/${this.tenantId}/start`)
      .send({ variables: restVariables(variables), businessKey });
    if (response.status !== 200) throw new Error(`start ${key}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  /** Open tasks of a case and of the cases it called (call activities), oldest first. */
  async openTasks(rootInstanceId: string): Promise<OpenTask[]> {
    const rows = await this.app.dataSource.query(
      `SELECT t.id, t.task_definition_key, t.name, t.instance_id, t.due, t.follow_up, t.candidate_groups, t.assignee
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
      assignee: (r.assignee as string) ?? null,
    }));
  }

  async task(rootInstanceId: string, taskKey: string): Promise<OpenTask> {
    const tasks = await this.openTasks(rootInstanceId);
    const task = tasks.find((t) => t.taskDefinitionKey === taskKey);
    if (!task) throw new Error(`No open task '${taskKey}'; open: ${tasks.map((t) => t.taskDefinitionKey).join(', ') || 'none'}`);
    return task;
  }

  /** Completes the open task `taskKey` with the form's answers, through the REST API. */
  async complete(rootInstanceId: string, taskKey: string, answers: Record<string, unknown> = {}): Promise<void> {
    const task = await this.task(rootInstanceId, taskKey);
    const response = await this.app.http.post(`/engine-rest/task/${task.id}/complete`).send({ variables: restVariables(answers) });
    if (response.status !== 204 && response.status !== 200) {
      throw new Error(`complete ${taskKey}: ${response.status} ${JSON.stringify(response.body)}`);
    }
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
    const response = await this.app.http.post('/engine-rest/message').send({ messageName, tenantId: this.tenantId, ...body });
    if (response.status !== 204 && response.status !== 200) throw new Error(`message ${messageName}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  /** Activity ids of the finished activities of a case tree, in the order they finished. */
  async path(rootInstanceId: string): Promise<string[]> {
    const rows = await this.app.dataSource.query(
      `SELECT a.activity_id FROM hi_activity_instance a JOIN hi_process_instance p ON p.id = a.instance_id
        WHERE p.root_instance_id = $1 AND a.end_time IS NOT NULL AND NOT a.canceled ORDER BY a.end_time, a.start_time`,
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

  /** The latest value of a variable of a case (live or historic). */
  async variable(instanceId: string, name: string): Promise<unknown> {
    const [row] = await this.app.dataSource.query(
      `SELECT value FROM hi_variable WHERE instance_id = $1 AND name = $2 AND state = 'CREATED' ORDER BY create_time DESC LIMIT 1`,
      [instanceId, name],
    );
    return row?.value;
  }
}
