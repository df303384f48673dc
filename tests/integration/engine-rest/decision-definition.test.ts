import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { asOrganisationToken } from '../../support/auth';
import { PROCESSES_DIR } from '../../support/scenario';
import { createTestApp, type TestApp } from '../../support/test-app';

/** The shared DASH decision, evaluated over Camunda's decision-definition endpoint. */
describe('/engine-rest/decision-definition/…/evaluate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const organisation = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === 'tai-calon')!;
    await t.engine.deploy({ name: 'tai-calon', tenantId: 'tai-calon', resources: organisation.resources });
  });
  afterAll(() => t.close());

  const evaluate = (yesCount: number, judgement: string) =>
    t.http.post('/engine-rest/decision-definition/key/dash_risk_level/tenant-id/tai-calon/evaluate').send({
      variables: { dashYesCount: { value: yesCount, type: 'Integer' }, professionalJudgement: { value: judgement, type: 'String' } },
    });

  it('given 14 "yes" answers, then the DASH risk level is high (visible high risk)', async () => {
    const response = await evaluate(14, 'No change').expect(200);
    expect(response.body).toHaveLength(1);
    expect(response.body[0].riskLevel).toMatchObject({ value: 'high', type: 'String' });
  });

  it('given 13 "yes" answers and professional judgement "High", then it is high; with no change it is not', async () => {
    expect((await evaluate(13, 'High').expect(200)).body[0].riskLevel.value).toBe('high');
    expect((await evaluate(13, 'No change').expect(200)).body[0].riskLevel.value).not.toBe('high');
  });

  it('given a decision another organisation has, or none has, then 404 with a Camunda-shaped error', async () => {
    const otherTenant = await t.http.post('/engine-rest/decision-definition/key/dash_risk_level/tenant-id/cmg/evaluate').send({ variables: {} }).expect(404);
    expect(otherTenant.body).toEqual({ type: 'NotFoundException', message: 'No matching decision definition with key: dash_risk_level and tenant-id cmg' });
    await t.http.post('/engine-rest/decision-definition/key/no_such_decision/evaluate').send({}).expect(404);
  });

  it('given a variable of the wrong type, then 400 and nothing evaluated', async () => {
    const response = await t.http
      .post('/engine-rest/decision-definition/key/dash_risk_level/tenant-id/tai-calon/evaluate')
      .send({ variables: { dashYesCount: { value: 'many', type: 'Integer' } } })
      .expect(400);
    expect(response.body.type).toBe('InvalidRequestException');
  });
});

/** A one-decision DMN resource whose decision `key` is named `name`. */
function dmn(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="${key}_drd" name="${name}" namespace="http://safepath.test/dmn">
  <decision id="${key}" name="${name}" camunda:historyTimeToLive="P30D">
    <literalExpression id="${key}_expr"><text>"${name}"</text></literalExpression>
  </decision>
</definitions>`;
}

/** The deployed decisions, read back over Camunda's decision-definition query endpoints. */
describe('GET /engine-rest/decision-definition', () => {
  let t: TestApp;
  let taiCalonDeploymentId: string;
  beforeAll(async () => {
    t = await createTestApp();
    for (const tenantId of ['tai-calon', 'cmg']) {
      const organisation = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === tenantId)!;
      const deployed = await t.engine.deploy({ name: tenantId, tenantId, resources: organisation.resources });
      if (tenantId === 'tai-calon') taiCalonDeploymentId = deployed.deployment.id;
    }
    await t.engine.deploy({ name: 'shared', resources: [{ name: 'greeting.dmn', content: dmn('greeting', 'Greeting v1') }] });
    await t.engine.deploy({ name: 'shared', resources: [{ name: 'greeting.dmn', content: dmn('greeting', 'Greeting v2') }] });
    // Unchanged with duplicate filtering: no new version.
    await t.engine.deploy({ name: 'shared', duplicateFiltering: true, resources: [{ name: 'greeting.dmn', content: dmn('greeting', 'Greeting v2') }] });
  });
  afterAll(() => t.close());

  it('given decisions deployed for two organisations, then each decision of each DMN resource is listed once per organisation', async () => {
    const response = await t.http.get('/engine-rest/decision-definition').query({ tenantIdIn: 'tai-calon', sortBy: 'key', sortOrder: 'asc' }).expect(200);
    expect(response.body.map((d: { key: string }) => d.key)).toEqual(['dash_risk_level', 'dash_yes_count', 'marac_referral_criteria']);
    expect(response.body[0]).toEqual({
      id: expect.stringMatching(/^dash_risk_level:1:/),
      key: 'dash_risk_level',
      category: null,
      name: 'DASH risk level',
      version: 1,
      resource: 'dash-risk-level.dmn',
      deploymentId: taiCalonDeploymentId,
      decisionRequirementsDefinitionId: null,
      decisionRequirementsDefinitionKey: null,
      tenantId: 'tai-calon',
      versionTag: null,
      historyTimeToLive: null,
    });
    const count = await t.http.get('/engine-rest/decision-definition/count').query({ key: 'dash_risk_level' }).expect(200);
    expect(count.body).toEqual({ count: 2 });
  });

  it('given a changed DMN resource, then it is the next version; an unchanged one adds none', async () => {
    const all = await t.http.get('/engine-rest/decision-definition').query({ key: 'greeting', withoutTenantId: true, sortBy: 'version', sortOrder: 'desc' }).expect(200);
    expect(all.body.map((d: { version: number; name: string }) => [d.version, d.name])).toEqual([
      [2, 'Greeting v2'],
      [1, 'Greeting v1'],
    ]);
    expect(all.body[0].historyTimeToLive).toBe(30);
    const latest = await t.http.get('/engine-rest/decision-definition').query({ keyLike: 'greet%', latestVersion: true }).expect(200);
    expect(latest.body.map((d: { version: number }) => d.version)).toEqual([2]);
    const page = await t.http.get('/engine-rest/decision-definition').query({ key: 'greeting', sortBy: 'version', sortOrder: 'asc', firstResult: 1, maxResults: 1 }).expect(200);
    expect(page.body.map((d: { version: number }) => d.version)).toEqual([2]);
  });

  it('given filters by name, id, deployment, resource and version, then only the matching decisions', async () => {
    const byName = await t.http.get('/engine-rest/decision-definition').query({ nameLike: '%MARAC%', tenantIdIn: 'cmg' }).expect(200);
    expect(byName.body.map((d: { key: string; tenantId: string }) => [d.key, d.tenantId])).toEqual([['marac_referral_criteria', 'cmg']]);
    const ids = byName.body.map((d: { id: string }) => d.id);
    const byIds = await t.http.get('/engine-rest/decision-definition').query({ decisionDefinitionIdIn: ids.join(',') }).expect(200);
    expect(byIds.body.map((d: { id: string }) => d.id)).toEqual(ids);
    const inDeployment = await t.http
      .get('/engine-rest/decision-definition/count')
      .query({ deploymentId: taiCalonDeploymentId, resourceName: 'dash-risk-level.dmn', version: 1 })
      .expect(200);
    expect(inDeployment.body).toEqual({ count: 2 });
    await t.http.get('/engine-rest/decision-definition').query({ sortBy: 'colour', sortOrder: 'asc' }).expect(400);
  });

  it('given an id or a key, then the definition and its DMN XML', async () => {
    const byKey = await t.http.get('/engine-rest/decision-definition/key/dash_risk_level/tenant-id/tai-calon').expect(200);
    expect(byKey.body).toMatchObject({ key: 'dash_risk_level', tenantId: 'tai-calon', version: 1 });
    const byId = await t.http.get(`/engine-rest/decision-definition/${byKey.body.id}`).expect(200);
    expect(byId.body).toEqual(byKey.body);
    const xml = await t.http.get(`/engine-rest/decision-definition/${byKey.body.id}/xml`).expect(200);
    expect(xml.body.id).toBe(byKey.body.id);
    expect(xml.body.dmnXml).toContain('<decision id="dash_risk_level" name="DASH risk level">');
    const tenantXml = await t.http.get('/engine-rest/decision-definition/key/dash_risk_level/tenant-id/tai-calon/xml').expect(200);
    expect(tenantXml.body).toEqual(xml.body);

    const latest = await t.http.get('/engine-rest/decision-definition/key/greeting').expect(200);
    expect(latest.body).toMatchObject({ key: 'greeting', version: 2, tenantId: null, name: 'Greeting v2' });
    const latestXml = await t.http.get('/engine-rest/decision-definition/key/greeting/xml').expect(200);
    expect(latestXml.body).toEqual({ id: latest.body.id, dmnXml: dmn('greeting', 'Greeting v2') });
  });

  it('given an unknown id or key, then 404 with a Camunda-shaped error; a key of several organisations needs the tenant', async () => {
    const unknown = await t.http.get('/engine-rest/decision-definition/no-such-id').expect(404);
    expect(unknown.body).toEqual({ type: 'InvalidRequestException', message: 'No matching decision definition with id no-such-id' });
    await t.http.get('/engine-rest/decision-definition/no-such-id/xml').expect(404);
    const otherTenant = await t.http.get('/engine-rest/decision-definition/key/greeting/tenant-id/cmg').expect(404);
    expect(otherTenant.body).toEqual({ type: 'InvalidRequestException', message: "No matching decision definition with key 'greeting' and tenant-id 'cmg'" });
    await t.http.get('/engine-rest/decision-definition/key/no_such_decision/xml').expect(404);
    const ambiguous = await t.http.get('/engine-rest/decision-definition/key/dash_risk_level').expect(400);
    expect(ambiguous.body.type).toBe('InvalidRequestException');
  });

  it("given an organisation's API token, then only that organisation's decisions, and another's id is unknown", async () => {
    const cmg = asOrganisationToken(t, 'cmg');
    const listed = await cmg.get('/engine-rest/decision-definition').expect(200);
    expect(new Set(listed.body.map((d: { tenantId: string }) => d.tenantId))).toEqual(new Set(['cmg']));
    expect((await cmg.get('/engine-rest/decision-definition/count').expect(200)).body).toEqual({ count: 3 });
    const taiCalon = await t.http.get('/engine-rest/decision-definition/key/dash_risk_level/tenant-id/tai-calon').expect(200);
    await cmg.get(`/engine-rest/decision-definition/${taiCalon.body.id}`).expect(404);
    expect((await cmg.get('/engine-rest/decision-definition/key/dash_risk_level').expect(200)).body.tenantId).toBe('cmg');
  });
});
