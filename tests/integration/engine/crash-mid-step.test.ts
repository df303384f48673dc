import type { DataSource } from 'typeorm';
import { Engine, typedValueOf, type CaseStore, type CaseTransaction } from '../../../server/engine';
import { bpmn, chain, userTask } from '../../../server/engine/testing/bpmn-fixtures';
import { PostgresCaseStore } from '../../../server/src/persistence/postgres-case-store';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * A step killed between its writes and its commit (the server process dies, the connection
 * drops) must leave nothing half-written: PostgreSQL still has the case exactly as before.
 */
class KillBeforeCommit implements CaseStore {
  armed = false;
  constructor(
    private readonly inner: CaseStore,
    private readonly killer: DataSource,
  ) {}

  transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    return this.inner.transaction(async (tx) => {
      const result = await work(tx);
      if (this.armed) {
        // Every write of the step has been sent; now the connection dies before COMMIT.
        await this.killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND backend_xid IS NOT NULL AND state = 'idle in transaction'`,
        );
      }
      return result;
    });
  }
}

const process = bpmn(
  'crash',
  `<bpmn:startEvent id="start" />
   ${userTask('first', 'camunda:candidateGroups="staff"')}
   ${userTask('second', 'camunda:candidateGroups="staff"')}
   <bpmn:endEvent id="end" />
   ${chain(['start', 'first', 'second', 'end'])}`,
);

describe('a step killed before it commits', () => {
  let db: TestDatabase;
  let killer: TestDatabase['dataSource'];
  let store: KillBeforeCommit;
  let engine: Engine;

  beforeAll(async () => {
    db = await createTestDatabase();
    killer = db.dataSource;
    store = new KillBeforeCommit(new PostgresCaseStore(db.dataSource), killer);
    engine = new Engine({ store });
    await engine.deploy({ name: 'crash', resources: [{ name: 'crash.bpmn', content: process }] });
  });
  afterAll(() => db.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await db.dataSource.query(sql, params))[0].n);

  it('given a case waiting at its first task, when completing it dies before commit, then the case is unchanged and can still be completed', async () => {
    const { instance } = await engine.startProcessInstance({ definitionKey: 'crash', businessKey: 'CASE-1' });
    const [task] = await db.dataSource.query(`SELECT id, task_definition_key FROM task WHERE instance_id = $1`, [instance.id]);
    const before = {
      version: await count(`SELECT version AS n FROM process_instance WHERE id = $1`, [instance.id]),
      activities: await count(`SELECT count(*) AS n FROM hi_activity_instance WHERE instance_id = $1`, [instance.id]),
      variables: await count(`SELECT count(*) AS n FROM variable WHERE instance_id = $1`, [instance.id]),
    };

    store.armed = true;
    await expect(engine.completeTask(task.id, { outcome: typedValueOf('safe') })).rejects.toThrow();
    store.armed = false;

    const tasks = await db.dataSource.query(`SELECT task_definition_key FROM task WHERE instance_id = $1`, [instance.id]);
    expect(tasks.map((t: { task_definition_key: string }) => t.task_definition_key)).toEqual(['first']);
    expect(await count(`SELECT version AS n FROM process_instance WHERE id = $1`, [instance.id])).toBe(before.version);
    expect(await count(`SELECT count(*) AS n FROM hi_activity_instance WHERE instance_id = $1`, [instance.id])).toBe(before.activities);
    expect(await count(`SELECT count(*) AS n FROM variable WHERE instance_id = $1`, [instance.id])).toBe(before.variables);
    expect(await count(`SELECT count(*) AS n FROM hi_task WHERE instance_id = $1 AND end_time IS NOT NULL`, [instance.id])).toBe(0);

    await engine.completeTask(task.id, { outcome: typedValueOf('safe') });
    const after = await db.dataSource.query(`SELECT task_definition_key FROM task WHERE instance_id = $1`, [instance.id]);
    expect(after.map((t: { task_definition_key: string }) => t.task_definition_key)).toEqual(['second']);
  });

  it('given two people completing the same task at once, then exactly one wins and the case moves on once', async () => {
    const { instance } = await engine.startProcessInstance({ definitionKey: 'crash' });
    const [task] = await db.dataSource.query(`SELECT id FROM task WHERE instance_id = $1`, [instance.id]);
    const outcomes = await Promise.allSettled([engine.completeTask(task.id), engine.completeTask(task.id)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(['OptimisticLock', 'NotFound']).toContain(rejected.reason.code);
    const open = await db.dataSource.query(`SELECT task_definition_key FROM task WHERE instance_id = $1`, [instance.id]);
    expect(open.map((t: { task_definition_key: string }) => t.task_definition_key)).toEqual(['second']);
    expect(await count(`SELECT count(*) AS n FROM hi_activity_instance WHERE instance_id = $1 AND activity_id = 'second'`, [instance.id])).toBe(1);
  });
});
