import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
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
