import { createTestApp, type TestApp } from '../../support/test-app';
import { asOrganisationToken, signIn } from '../../support/auth';
import { ENTER_TENANT_SCOPE } from '../../../server/src/persistence/tenant-scope';
import { REFERRAL_BPMN } from '../engine-rest/fixtures';

describe('sign-in and organisation scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    for (const tenantId of ['tai-calon', 'cmg']) {
      await t.engine.deploy({ name: tenantId, tenantId, resources: [{ name: 'referral.bpmn', content: REFERRAL_BPMN }] });
    }
  });
  afterAll(() => t.close());

  it('refuses an anonymous request with 401 Camunda-shaped and a Basic challenge on /engine-rest', async () => {
    const response = await t.anonymous.get('/engine-rest/task');
    expect(response.status).toBe(401);
    expect(response.body.type).toBe('AuthenticationException');
    expect(response.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('signs a demo user in, shows who they are, and scopes the database to their organisation', async () => {
    const cho = await signIn(t, 'tc.cho');
    const me = await cho.get('/api/session').expect(200);
    expect(me.body).toMatchObject({ userId: 'tc.cho', tenantId: 'tai-calon', groups: expect.arrayContaining(['tc_cho']) });
    const definitions = await cho.get('/engine-rest/process-definition').expect(200);
    expect(definitions.body).toHaveLength(1);
    expect(new Set(definitions.body.map((d: { tenantId: string }) => d.tenantId))).toEqual(new Set(['tai-calon']));
    const token = asOrganisationToken(t, 'cmg');
    const cmg = await token.get('/engine-rest/process-definition').expect(200);
    expect(new Set(cmg.body.map((d: { tenantId: string }) => d.tenantId))).toEqual(new Set(['cmg']));
    // Another organisation's definition by id: 404 through the service layer and row-level security.
    const other = (await t.http.get('/engine-rest/process-definition?tenantIdIn=cmg').expect(200)).body[0];
    await cho.get(`/engine-rest/process-definition/${other.id}`).expect(404);
  });

  it('hides other organisations\' rows at the database even when the SQL asks for them', async () => {
    const rows = await t.dataSource.transaction(async (m) => {
      await m.query(ENTER_TENANT_SCOPE, ['tai-calon']);
      return m.query('SELECT DISTINCT tenant_id FROM process_definition');
    });
    expect(rows).toEqual([{ tenant_id: 'tai-calon' }]);
    await expect(
      t.dataSource.transaction(async (m) => {
        await m.query(ENTER_TENANT_SCOPE, ['tai-calon']);
        await m.query("INSERT INTO deployment (id, name, deployment_time, tenant_id) VALUES ('x', 'x', now(), 'cmg')");
      }),
    ).rejects.toThrow(/row-level security/);
  });
});
