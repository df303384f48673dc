import { EngineError, EngineErrorCode } from '../../../server/engine/engine-error';
import { PostgresCaseStore } from '../../../server/src/persistence/postgres-case-store';
import { DataCipher } from '../../../server/src/security/data-cipher';
import { at, deployProcess } from '../../support/case-fixtures';
import { createTestDatabase } from '../../support/test-database';
import type { TestDatabase } from '../../support/test-database';

describe('PostgresCaseStore: deployments', () => {
  let db: TestDatabase;
  let store: PostgresCaseStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresCaseStore(db.dataSource, new DataCipher([{ id: 'test', key: Buffer.alloc(32, 7) }]));
  });

  afterAll(async () => {
    await db.close();
  });

  it('finds the latest version of a key per tenant', async () => {
    // given: versions 1 and 2 without tenant, version 1 for a tenant
    const v1 = await store.transaction((tx) => deployProcess(tx, { key: 'intake', version: 1 }));
    const v2 = await store.transaction((tx) => deployProcess(tx, { key: 'intake', version: 2 }));
    const tenantV1 = await store.transaction((tx) => deployProcess(tx, { key: 'intake', version: 1, tenantId: 'refuge-north' }));

    // when
    const found = await store.transaction(async (tx) => ({
      none: await tx.findLatestDefinition('intake', null),
      tenant: await tx.findLatestDefinition('intake', 'refuge-north'),
      otherTenant: await tx.findLatestDefinition('intake', 'refuge-south'),
      unknown: await tx.findLatestDefinition('nothing', null),
      byId: await tx.findDefinitionById(v1.id),
    }));

    // then
    expect(found.none).toEqual(v2);
    expect(found.tenant).toEqual(tenantV1);
    expect(found.otherTenant).toBeNull();
    expect(found.unknown).toBeNull();
    expect(found.byId).toEqual(v1);
  });

  it('finds a definition by version and the checksum of the latest resource of a name', async () => {
    // given
    const v1 = await store.transaction((tx) => deployProcess(tx, { key: 'exit-plan', version: 1 }));
    await store.transaction((tx) => deployProcess(tx, { key: 'exit-plan', version: 2 }));
    const tenantV1 = await store.transaction((tx) => deployProcess(tx, { key: 'exit-plan', version: 1, tenantId: 'refuge-north' }));

    // when
    const found = await store.transaction(async (tx) => ({
      v1: await tx.findDefinitionByVersion('exit-plan', null, 1),
      tenantV1: await tx.findDefinitionByVersion('exit-plan', 'refuge-north', 1),
      tenantV2: await tx.findDefinitionByVersion('exit-plan', 'refuge-north', 2),
      checksum: await tx.findLatestResourceChecksum('exit-plan.bpmn', null),
      tenantChecksum: await tx.findLatestResourceChecksum('exit-plan.bpmn', 'refuge-north'),
      otherTenantChecksum: await tx.findLatestResourceChecksum('exit-plan.bpmn', 'refuge-south'),
    }));

    // then
    expect(found).toEqual({ v1, tenantV1, tenantV2: null, checksum: 'sum-exit-plan-2', tenantChecksum: 'sum-exit-plan-1', otherTenantChecksum: null });
  });

  it('loads the deployment and the resource a definition was parsed from', async () => {
    // given
    const definition = await store.transaction((tx) => deployProcess(tx, { key: 'safety-plan', version: 3 }));

    // when
    const [resource, deployment] = await store.transaction(async (tx) => [
      await tx.loadDefinitionResource(definition.id),
      await tx.findDeployment(definition.deploymentId),
    ]);

    // then
    expect(resource).toBe('<definitions id="safety-plan-v3"/>');
    expect(deployment).toEqual({ id: definition.deploymentId, name: 'deploy safety-plan v3', source: 'test', tenantId: null, deploymentTime: at(3) });
  });

  it('reports a definition without resource as not found', async () => {
    const attempt = store.transaction((tx) => tx.loadDefinitionResource('missing:1:x'));
    await expect(attempt).rejects.toEqual(expect.any(EngineError));
    await expect(attempt).rejects.toMatchObject({ code: EngineErrorCode.NotFound });
  });

  it('keeps start-event subscriptions of the latest version only', async () => {
    // given: version 1 starts on two messages, version 2 on one of them
    await store.transaction((tx) =>
      deployProcess(tx, {
        key: 'self-referral',
        version: 1,
        startSubscriptions: [
          { type: 'message', eventName: 'web-form', activityId: 'fromWeb' },
          { type: 'message', eventName: 'phone-call', activityId: 'fromPhone' },
        ],
      }),
    );
    const v2 = await store.transaction((tx) =>
      deployProcess(tx, { key: 'self-referral', version: 2, startSubscriptions: [{ type: 'message', eventName: 'web-form', activityId: 'fromWeb' }] }),
    );
    const tenant = await store.transaction((tx) =>
      deployProcess(tx, {
        key: 'self-referral',
        version: 1,
        tenantId: 'refuge-north',
        startSubscriptions: [{ type: 'message', eventName: 'web-form', activityId: 'fromWeb' }],
      }),
    );

    // when
    const found = await store.transaction(async (tx) => ({
      web: await tx.findStartEventSubscriptions('message', 'web-form'),
      webWithoutTenant: await tx.findStartEventSubscriptions('message', 'web-form', null),
      webOfTenant: await tx.findStartEventSubscriptions('message', 'web-form', 'refuge-north'),
      phone: await tx.findStartEventSubscriptions('message', 'phone-call'),
      asSignal: await tx.findStartEventSubscriptions('signal', 'web-form'),
    }));

    // then
    const web = { definitionKey: 'self-referral', type: 'message', eventName: 'web-form', activityId: 'fromWeb' };
    expect(found.webWithoutTenant).toEqual([{ ...web, definitionId: v2.id, tenantId: null }]);
    expect(found.webOfTenant).toEqual([{ ...web, definitionId: tenant.id, tenantId: 'refuge-north' }]);
    expect(found.web).toHaveLength(2);
    expect(found.phone).toEqual([]);
    expect(found.asSignal).toEqual([]);
  });

  /** Polls pg_locks until a transaction waits for the deployment lock of `tenantId`. */
  async function untilSomeoneWaitsFor(tenantId: string): Promise<void> {
    for (;;) {
      const rows: { n: number }[] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
          AND classid = 23294 AND objid::bigint = (hashtext($1)::bigint & 4294967295)`,
        [`t:${tenantId}`],
      );
      if (rows[0].n > 0) {
        return;
      }
    }
  }

  it('serialises deployments of one tenant but not of different tenants', async () => {
    // given: a transaction holding the lock of tenant A
    const order: string[] = [];
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const holder = store.transaction(async (tx) => {
      await tx.lockDeployments('tenant-a');
      locked();
      await finished;
      order.push('holder done');
    });
    await holding;

    // when: tenant B deploys freely, then a second tenant-A deployer waits for the holder
    await store.transaction((tx) => tx.lockDeployments('tenant-b'));
    order.push('tenant b locked');
    const waiter = store.transaction(async (tx) => {
      await tx.lockDeployments('tenant-a');
      order.push('waiter locked');
    });
    await untilSomeoneWaitsFor('tenant-a');
    finish();
    await Promise.all([holder, waiter]);

    // then
    expect(order).toEqual(['tenant b locked', 'holder done', 'waiter locked']);
  });
});
