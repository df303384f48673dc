import { randomUUID } from 'node:crypto';
import type { DefinitionRecord, LockedExternalTask } from '../../../server/engine/ports/case-store';
import type { ExternalTaskState, InstanceState } from '../../../server/engine/runtime/state';
import { PostgresCaseStore } from '../../../server/src/persistence/postgres-case-store';
import { DataCipher } from '../../../server/src/security/data-cipher';
import { T0, at, deployProcess, richInstance } from '../../support/case-fixtures';
import { createTestDatabase } from '../../support/test-database';
import type { TestDatabase } from '../../support/test-database';

describe('PostgresCaseStore: lookups', () => {
  let db: TestDatabase;
  let store: PostgresCaseStore;
  let definition: DefinitionRecord;
  let tenantDefinition: DefinitionRecord;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresCaseStore(db.dataSource, new DataCipher([{ id: 'test', key: Buffer.alloc(32, 7) }]));
    definition = await store.transaction((tx) => deployProcess(tx));
    tenantDefinition = await store.transaction((tx) => deployProcess(tx, { tenantId: 'refuge-north' }));
  });

  afterAll(async () => {
    await db.close();
  });

  async function save(state: InstanceState): Promise<InstanceState> {
    await store.transaction((tx) => tx.saveInstance(structuredClone(state)));
    return state;
  }

  function externalTask(state: InstanceState, topicName: string, priority: number, minute: number): ExternalTaskState {
    return { ...state.externalTasks[0], id: randomUUID(), topicName, priority, created: at(minute) };
  }

  it('finds the instance owning a task, an external task and a job', async () => {
    // given
    const state = await save(richInstance(definition));

    // when
    const found = await store.transaction(async (tx) => [
      await tx.findInstanceIdByTask(state.tasks[0].id),
      await tx.findInstanceIdByExternalTask(state.externalTasks[0].id),
      await tx.findInstanceIdByJob(state.jobs[0].id),
      await tx.findInstanceIdByTask(randomUUID()),
    ]);

    // then
    expect(found).toEqual([state.id, state.id, state.id, null]);
  });

  it('correlates messages by business key, tenant and process-level variables', async () => {
    // given: three instances waiting for the same message
    const messageName = `consent-${randomUUID()}`;
    const waitFor = (state: InstanceState) => {
      state.subscriptions = [{ ...state.subscriptions[0], eventName: messageName }];
      // A sensitive value is stored encrypted and cannot be matched (docs/encryption.md); correlate on a plain one.
      state.variables.find((v) => v.name === 'address')!.sensitive = false;
      return save(state);
    };
    const a = await waitFor(richInstance(definition, { businessKey: 'case-a' }));
    const b = await waitFor(richInstance(definition, { businessKey: 'case-b' }));
    const c = await waitFor(richInstance(tenantDefinition, { businessKey: 'case-a' }));
    // b's 'risk' is task-local only, so it does not count as a process-level variable
    await store.transaction(async (tx) => {
      const working = (await tx.loadInstance(b.id))!;
      working.variables.find((v) => v.name === 'risk')!.taskId = working.tasks[0].id;
      await tx.saveInstance(working);
    });
    const ids = (matches: { instanceId: string }[]) => matches.map((m) => m.instanceId).sort();

    // when
    const result = await store.transaction(async (tx) => ({
      all: await tx.findMessageSubscriptions({ messageName }),
      byKey: await tx.findMessageSubscriptions({ messageName, businessKey: 'case-a' }),
      byTenant: await tx.findMessageSubscriptions({ messageName, tenantId: 'refuge-north' }),
      withoutTenant: await tx.findMessageSubscriptions({ messageName, withoutTenantId: true }),
      byInstance: await tx.findMessageSubscriptions({ messageName, processInstanceId: b.id }),
      byVariables: await tx.findMessageSubscriptions({
        messageName,
        correlationKeys: { risk: { type: 'String', value: 'high' }, score: { type: 'Integer', value: 17 } },
      }),
      byJson: await tx.findMessageSubscriptions({
        messageName,
        withoutTenantId: true,
        correlationKeys: { address: { type: 'Json', value: { flats: [1, 2], street: 'High St' } } },
      }),
      wrongType: await tx.findMessageSubscriptions({ messageName, correlationKeys: { score: { type: 'Long', value: 17 } } }),
    }));

    // then
    expect(ids(result.all)).toEqual([a.id, b.id, c.id].sort());
    expect(ids(result.byKey)).toEqual([a.id, c.id].sort());
    expect(ids(result.byTenant)).toEqual([c.id]);
    expect(ids(result.withoutTenant)).toEqual([a.id, b.id].sort());
    expect(result.byInstance).toEqual([
      { instanceId: b.id, subscriptionId: b.subscriptions[0].id, executionId: b.subscriptions[0].executionId, activityId: 'consent' },
    ]);
    expect(ids(result.byVariables)).toEqual([a.id, c.id].sort());
    expect(ids(result.byJson)).toEqual([a.id, b.id].sort());
    expect(result.wrongType).toEqual([]);
  });

  it('finds signal subscriptions of all tenants, of no tenant or of one tenant', async () => {
    // given
    const signal = `closed-${randomUUID()}`;
    const withSignal = (state: InstanceState) => {
      state.subscriptions = [{ ...state.subscriptions[1], eventName: signal }];
      return save(state);
    };
    const plain = await withSignal(richInstance(definition));
    const tenant = await withSignal(richInstance(tenantDefinition));

    // when
    const result = await store.transaction(async (tx) => ({
      all: await tx.findSignalSubscriptions(signal),
      none: await tx.findSignalSubscriptions(signal, null),
      tenant: await tx.findSignalSubscriptions(signal, 'refuge-north'),
    }));

    // then
    expect(result.all.map((m) => m.instanceId)).toEqual([plain.id, tenant.id]);
    expect(result.none.map((m) => m.instanceId)).toEqual([plain.id]);
    expect(result.tenant.map((m) => m.instanceId)).toEqual([tenant.id]);
  });

  describe('external task locking', () => {
    const now = new Date(at(10));

    it('locks available tasks by priority, skips locked and exhausted ones and leaves the version alone', async () => {
      // given
      const topic = `letters-${randomUUID()}`;
      const state = richInstance(definition, { businessKey: 'case-77' });
      state.externalTasks = [
        externalTask(state, topic, 1, 0),
        externalTask(state, topic, 9, 1),
        { ...externalTask(state, topic, 50, 2), workerId: 'other', lockExpirationTime: at(20) },
        { ...externalTask(state, topic, 50, 3), retries: 0 },
        { ...externalTask(state, topic, 3, 4), workerId: 'gone', lockExpirationTime: at(5) },
      ];
      await save(state);

      // when
      const locked = await store.transaction((tx) =>
        tx.lockExternalTasks({ workerId: 'worker-1', maxTasks: 2, usePriority: true, topics: [{ topicName: topic, lockDuration: 60_000 }], now }),
      );

      // then
      expect(locked).toEqual<LockedExternalTask[]>([
        {
          ...state.externalTasks[1],
          workerId: 'worker-1',
          lockExpirationTime: at(11),
          processInstanceId: state.id,
          processDefinitionId: definition.id,
          processDefinitionKey: definition.key,
          businessKey: 'case-77',
          tenantId: null,
        },
        expect.objectContaining({ id: state.externalTasks[4].id, workerId: 'worker-1', lockExpirationTime: at(11) }),
      ]);
      const reloaded = await store.transaction((tx) => tx.loadInstance(state.id));
      expect(reloaded!.version).toBe(1);
      expect(reloaded!.externalTasks.map((x) => x.workerId)).toEqual([null, 'worker-1', 'other', null, 'worker-1']);
    });

    it('gives two concurrent lockers disjoint tasks', async () => {
      // given: six free tasks
      const topic = `letters-${randomUUID()}`;
      const state = richInstance(definition);
      state.externalTasks = Array.from({ length: 6 }, (_, i) => externalTask(state, topic, 0, i));
      await save(state);
      let release!: () => void;
      const firstHoldsLocks = new Promise<void>((resolve) => (release = resolve));

      // when: the first locker keeps its transaction open while the second one fetches
      const lock = (workerId: string) => ({ workerId, maxTasks: 4, usePriority: false, topics: [{ topicName: topic, lockDuration: 1000 }], now });
      const first = store.transaction(async (tx) => {
        const tasks = await tx.lockExternalTasks(lock('first'));
        release();
        await second;
        return tasks;
      });
      const second: Promise<LockedExternalTask[]> = firstHoldsLocks.then(() => store.transaction((tx) => tx.lockExternalTasks(lock('second'))));
      const [a, b] = await Promise.all([first, second]);

      // then
      expect(a.map((x) => x.id)).toEqual(state.externalTasks.slice(0, 4).map((x) => x.id));
      expect(b.map((x) => x.id)).toEqual(state.externalTasks.slice(4).map((x) => x.id));
    });

    it('only locks tasks of the requested definition key and tenants, and of active instances', async () => {
      // given
      const topic = `letters-${randomUUID()}`;
      const plain = richInstance(definition);
      plain.externalTasks = [externalTask(plain, topic, 0, 0)];
      const tenant = richInstance(tenantDefinition);
      tenant.externalTasks = [externalTask(tenant, topic, 0, 1)];
      const suspended = richInstance(tenantDefinition, { state: 'SUSPENDED' });
      suspended.externalTasks = [externalTask(suspended, topic, 0, 2)];
      await Promise.all([save(plain), save(tenant), save(suspended)]);

      // when
      const locked = await store.transaction((tx) =>
        tx.lockExternalTasks({
          workerId: 'w',
          maxTasks: 10,
          usePriority: false,
          topics: [{ topicName: topic, lockDuration: 1000, processDefinitionKey: 'referral', tenantIdIn: ['refuge-north'] }],
          now: new Date(T0),
        }),
      );

      // then
      expect(locked.map((x) => x.processInstanceId)).toEqual([tenant.id]);
      expect(locked[0].tenantId).toBe('refuge-north');
    });
  });
});
