import { randomUUID } from 'node:crypto';
import { EngineError, EngineErrorCode } from '../../../server/engine/engine-error';
import type { DefinitionRecord } from '../../../server/engine/ports/case-store';
import type { InstanceState } from '../../../server/engine/runtime/state';
import { PostgresCaseStore } from '../../../server/src/persistence/postgres-case-store';
import { DataCipher } from '../../../server/src/security/data-cipher';
import { at, deployProcess, historicInstance, historicVariable, richInstance } from '../../support/case-fixtures';
import { createTestDatabase } from '../../support/test-database';
import type { TestDatabase } from '../../support/test-database';

describe('PostgresCaseStore: instances', () => {
  let db: TestDatabase;
  let store: PostgresCaseStore;
  let definition: DefinitionRecord;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresCaseStore(db.dataSource, new DataCipher([{ id: 'test', key: Buffer.alloc(32, 7) }]));
    definition = await store.transaction((tx) => deployProcess(tx));
  });

  afterAll(async () => {
    await db.close();
  });

  async function load(id: string): Promise<InstanceState | null> {
    return store.transaction((tx) => tx.loadInstance(id));
  }

  async function count(table: string, instanceId: string): Promise<number> {
    const column = table === 'process_instance' || table === 'hi_process_instance' ? 'id' : 'instance_id';
    const rows: { n: number }[] = await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [instanceId]);
    return rows[0].n;
  }

  it('loads a saved instance with every collection exactly as it was saved', async () => {
    // given
    const state = richInstance(definition);

    // when
    await store.transaction((tx) => tx.saveInstance(structuredClone(state)));

    // then
    expect(await load(state.id)).toEqual(state);
  });

  it('returns null for an instance that does not exist', async () => {
    expect(await load(randomUUID())).toBeNull();
  });

  it('saves changed, new and removed rows and bumps the version', async () => {
    // given
    const state = richInstance(definition);
    await store.transaction((tx) => tx.saveInstance(structuredClone(state)));

    // when
    const saved = await store.transaction(async (tx) => {
      const working = (await tx.loadInstance(state.id))!;
      working.businessKey = 'case-43';
      working.tasks[0].assignee = 'sam';
      working.variables = working.variables.filter((v) => v.name !== 'score');
      working.variables.push({ id: randomUUID(), name: 'outcome', type: 'Boolean', value: true, scopeId: state.id, taskId: null });
      working.jobs = [];
      working.executions[2].phase = 'joining';
      await tx.saveInstance(working);
      return working;
    });

    // then
    expect(saved.version).toBe(2);
    const reloaded = await load(state.id);
    expect(reloaded).toEqual(saved);
    expect(reloaded!.variables.map((v) => v.name)).toEqual(['risk', 'address', 'note', 'outcome']);
    const tasks: { business_key: string; assignee: string }[] = await db.dataSource.query('SELECT business_key, assignee FROM task WHERE instance_id = $1', [state.id]);
    expect(tasks).toEqual([{ business_key: 'case-43', assignee: 'sam' }]);
    expect(await count('job', state.id)).toBe(0);
  });

  it('diffs a second save in the same transaction against the first', async () => {
    // given
    const state = richInstance(definition);

    // when: insert, then change and save again before the commit
    await store.transaction(async (tx) => {
      const working = structuredClone(state);
      await tx.saveInstance(working);
      working.tasks = [];
      working.incidents[0].message = 'Printer out of paper';
      await tx.saveInstance(working);
    });

    // then
    const reloaded = await load(state.id);
    expect(reloaded!.version).toBe(2);
    expect(reloaded!.tasks).toEqual([]);
    expect(reloaded!.incidents[0].message).toBe('Printer out of paper');
  });

  it('lets exactly one of two concurrent saves of the same instance commit', async () => {
    // given
    const state = richInstance(definition);
    await store.transaction((tx) => tx.saveInstance(structuredClone(state)));
    let loadedBoth!: () => void;
    const bothLoaded = new Promise<void>((resolve) => (loadedBoth = resolve));
    let loads = 0;

    // when: both transactions load version 1 before either saves
    const step = (assignee: string) =>
      store.transaction(async (tx) => {
        const working = (await tx.loadInstance(state.id))!;
        if (++loads === 2) {
          loadedBoth();
        }
        await bothLoaded;
        working.tasks[0].assignee = assignee;
        await tx.saveInstance(working);
        return assignee;
      });
    const results = await Promise.allSettled([step('ana'), step('ben')]);

    // then
    const committed = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(committed).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(EngineError);
    expect((failed[0].reason as EngineError).code).toBe(EngineErrorCode.OptimisticLock);
    expect((failed[0].reason as EngineError).message).toBe(
      `The case was changed by someone else at the same time (process instance ${state.id}). Reload and try again.`,
    );
    const reloaded = await load(state.id);
    expect(reloaded!.version).toBe(2);
    expect(reloaded!.tasks[0].assignee).toBe((committed[0] as PromiseFulfilledResult<string>).value);
  });

  it('writes nothing when the work throws after saving', async () => {
    // given
    const state = richInstance(definition);

    // when
    const attempt = store.transaction(async (tx) => {
      await tx.saveInstance(structuredClone(state));
      await tx.appendHistory([{ kind: 'process-instance', record: historicInstance(state) }]);
      throw new Error('boom');
    });

    // then
    await expect(attempt).rejects.toThrow('boom');
    expect(await count('process_instance', state.id)).toBe(0);
    expect(await count('execution', state.id)).toBe(0);
    expect(await count('hi_process_instance', state.id)).toBe(0);
  });

  it('removes the runtime rows of an ended instance and keeps its history', async () => {
    // given
    const state = richInstance(definition);
    await store.transaction(async (tx) => {
      await tx.saveInstance(structuredClone(state));
      await tx.appendHistory([
        { kind: 'process-instance', record: historicInstance(state) },
        { kind: 'variable', record: historicVariable(state, 'risk', 'high', at(0)) },
      ]);
    });

    // when
    await store.transaction(async (tx) => {
      const working = (await tx.loadInstance(state.id))!;
      working.state = 'COMPLETED';
      working.endTime = at(90);
      await tx.saveInstance(working);
      await tx.appendHistory([
        { kind: 'variable', record: historicVariable(state, 'risk', 'low', at(80)) },
        { kind: 'process-instance', record: historicInstance(state, { state: 'COMPLETED', endTime: at(90), durationInMillis: 5_400_000, endActivityId: 'end' }) },
      ]);
    });

    // then
    expect(await load(state.id)).toBeNull();
    for (const table of ['process_instance', 'execution', 'variable', 'task', 'event_subscription', 'job', 'external_task', 'incident']) {
      expect(await count(table, state.id)).toBe(0);
    }
    const history: { state: string; end_time: Date; duration_ms: string }[] = await db.dataSource.query(
      'SELECT state, end_time, duration_ms FROM hi_process_instance WHERE id = $1',
      [state.id],
    );
    expect(history).toEqual([{ state: 'COMPLETED', end_time: new Date(at(90)), duration_ms: '5400000' }]);
    const variable: { value: string }[] = await db.dataSource.query('SELECT value FROM hi_variable WHERE instance_id = $1', [state.id]);
    expect(variable).toEqual([{ value: 'low' }]);
    const updates: { value: string }[] = await db.dataSource.query('SELECT value FROM hi_variable_update WHERE instance_id = $1 ORDER BY id', [state.id]);
    expect(updates).toEqual([{ value: 'high' }, { value: 'low' }]);
  });

  it('keeps the last record of an id when one batch holds several', async () => {
    // given
    const state = richInstance(definition);

    // when
    await store.transaction((tx) =>
      tx.appendHistory([
        { kind: 'process-instance', record: historicInstance(state) },
        { kind: 'process-instance', record: historicInstance(state, { state: 'SUSPENDED' }) },
      ]),
    );

    // then
    const rows: { state: string }[] = await db.dataSource.query('SELECT state FROM hi_process_instance WHERE id = $1', [state.id]);
    expect(rows).toEqual([{ state: 'SUSPENDED' }]);
  });
});
