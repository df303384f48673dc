/**
 * Story: a referral is deployed and started over Camunda's REST API, found in the task list,
 * claimed, completed with variables, and then shows up in history.
 */
import { createTestApp } from '../../support/test-app';
import type { TestApp } from '../../support/test-app';
import { REFERRAL_BPMN, deploy, startByKey } from './fixtures';

const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

describe('engine-rest: deploy → start → task → complete → history', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('deploys and reports the deployed definitions Camunda-shaped', async () => {
    // when
    const body = await deploy(t, 'referral.bpmn', REFERRAL_BPMN, { 'deployment-source': 'tests' });
    // then
    const definitions = Object.values(body.deployedProcessDefinitions);
    expect(definitions).toHaveLength(1);
    expect(definitions[0]).toMatchObject({ key: 'referral', name: 'Referral', version: 1, resource: 'referral.bpmn', deploymentId: body.id, suspended: false });
    expect(body).toMatchObject({ name: 'referral.bpmn', source: 'tests', deployedCaseDefinitions: null });

    const list = await t.http.get('/engine-rest/deployment').query({ nameLike: 'referral%' });
    expect(list.status).toBe(200);
    expect(list.body.map((d: { id: string }) => d.id)).toContain(body.id);
    expect(list.body[0].deploymentTime).toMatch(CAMUNDA_DATE);
    const resources = await t.http.get(`/engine-rest/deployment/${body.id}/resources`);
    expect(resources.body).toEqual([{ id: expect.any(String), name: 'referral.bpmn', deploymentId: body.id }]);
  });

  it('finds the definition by key, with its XML', async () => {
    const byKey = await t.http.get('/engine-rest/process-definition/key/referral');
    expect(byKey.status).toBe(200);
    expect(byKey.body).toMatchObject({ key: 'referral', version: 1, startableInTasklist: true });
    const xml = await t.http.get('/engine-rest/process-definition/key/referral/xml');
    expect(xml.body.id).toBe(byKey.body.id);
    expect(xml.body.bpmn20Xml).toContain('<bpmn:userTask id="review"');
    const count = await t.http.get('/engine-rest/process-definition/count').query({ key: 'referral', latestVersion: true });
    expect(count.body).toEqual({ count: 1 });
  });

  it('starts by key with typed variables and returns them when asked', async () => {
    // when
    const res = await t.http.post('/engine-rest/process-definition/key/referral/start').send({
      businessKey: 'REF-1',
      withVariablesInReturn: true,
      variables: {
        riskScore: { value: 7, type: 'integer' },
        received: { value: '2026-11-23T09:30:00.000+0100', type: 'Date' },
        details: { value: '{"school":"Hill Road"}', type: 'Json' },
        urgent: { value: true },
      },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ businessKey: 'REF-1', ended: false, suspended: false, links: [] });
    expect(res.body.variables).toEqual({
      riskScore: { type: 'Integer', value: 7, valueInfo: {} },
      received: { type: 'Date', value: '2026-11-23T08:30:00.000+0000', valueInfo: {} },
      details: { type: 'Json', value: '{"school":"Hill Road"}', valueInfo: {} },
      urgent: { type: 'Boolean', value: true, valueInfo: {} },
    });
  });

  it('rejects a variable of the wrong type with a 400 naming it', async () => {
    const res = await t.http.post('/engine-rest/process-definition/key/referral/start').send({ variables: { riskScore: { value: 'abc', type: 'Integer' } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'InvalidRequestException',
      message: "Invalid variable 'riskScore': Cannot convert value 'abc' of type 'String' to java type java.lang.Integer",
    });
  });

  it('lists, filters and counts tasks', async () => {
    // given a second instance
    await startByKey(t, 'referral', { businessKey: 'REF-2' });
    // then
    const all = await t.http.get('/engine-rest/task').query({ processDefinitionKey: 'referral', sortBy: 'created', sortOrder: 'asc' });
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(2);
    expect(all.body[0]).toMatchObject({ name: 'Review referral', taskDefinitionKey: 'review', assignee: null, formKey: 'embedded:app:forms/review.html', suspended: false, delegationState: null });
    expect(all.body[0].created).toMatch(CAMUNDA_DATE);

    const byGroup = await t.http.get('/engine-rest/task/count').query({ candidateGroup: 'triage', processInstanceBusinessKey: 'REF-1' });
    expect(byGroup.body).toEqual({ count: 1 });
    const posted = await t.http.post('/engine-rest/task').send({ candidateGroups: ['triage', 'other'], sorting: [{ sortBy: 'priority', sortOrder: 'desc' }] });
    expect(posted.status).toBe(200);
    expect(posted.body).toHaveLength(2);
    const none = await t.http.get('/engine-rest/task/count').query({ nameLike: '%nothing%' });
    expect(none.body).toEqual({ count: 0 });
  });

  it('rejects bad query parameters Camunda-shaped', async () => {
    const badDate = await t.http.get('/engine-rest/task').query({ dueBefore: 'tomorrow' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.type).toBe('InvalidRequestException');
    expect(badDate.body.message).toContain('dueBefore');
    const sortWithoutOrder = await t.http.get('/engine-rest/task').query({ sortBy: 'created' });
    expect(sortWithoutOrder.status).toBe(400);
    const badSort = await t.http.get('/engine-rest/task').query({ sortBy: 'password', sortOrder: 'asc' });
    expect(badSort.status).toBe(400);
    const negative = await t.http.get('/engine-rest/task').query({ maxResults: -1 });
    expect(negative.status).toBe(400);
  });

  it('claims, reads variables and completes a task; the instance moves to history', async () => {
    // given
    const [task] = (await t.http.get('/engine-rest/task').query({ processInstanceBusinessKey: 'REF-1' })).body;
    // when claimed
    expect((await t.http.post(`/engine-rest/task/${task.id}/claim`).send({ userId: 'sam' })).status).toBe(204);
    // then
    const claimed = await t.http.get(`/engine-rest/task/${task.id}`);
    expect(claimed.body.assignee).toBe('sam');
    expect((await t.http.get('/engine-rest/task/count').query({ candidateGroup: 'triage', processInstanceBusinessKey: 'REF-1' })).body).toEqual({ count: 0 });
    expect((await t.http.get('/engine-rest/task/count').query({ candidateGroup: 'triage', includeAssignedTasks: true, processInstanceBusinessKey: 'REF-1' })).body).toEqual({ count: 1 });

    const variables = await t.http.get(`/engine-rest/task/${task.id}/variables`);
    expect(variables.body.riskScore).toEqual({ type: 'Integer', value: 7, valueInfo: {} });
    const one = await t.http.get(`/engine-rest/process-instance/${task.processInstanceId}/variables/received`);
    expect(one.body).toEqual({ type: 'Date', value: '2026-11-23T08:30:00.000+0000', valueInfo: {} });

    // when completed with variables in return
    const done = await t.http.post(`/engine-rest/task/${task.id}/complete`).send({ variables: { decision: { value: 'accept', type: 'String' } }, withVariablesInReturn: true });
    // then
    expect(done.status).toBe(200);
    expect(done.body.decision).toEqual({ type: 'String', value: 'accept', valueInfo: {} });
    expect((await t.http.get(`/engine-rest/task/${task.id}`)).status).toBe(404);
    const historic = await t.http.get('/engine-rest/history/process-instance').query({ processInstanceId: task.processInstanceId });
    expect(historic.body).toHaveLength(1);
    expect(historic.body[0]).toMatchObject({ businessKey: 'REF-1', state: 'COMPLETED', processDefinitionKey: 'referral' });
    expect(historic.body[0].endTime).toMatch(CAMUNDA_DATE);
    const activities = await t.http.get('/engine-rest/history/activity-instance').query({ processInstanceId: task.processInstanceId, sortBy: 'startTime', sortOrder: 'asc' });
    expect(activities.body.map((a: { activityId: string }) => a.activityId)).toEqual(['start', 'review', 'end']);
    const tasks = await t.http.get('/engine-rest/history/task').query({ processInstanceId: task.processInstanceId });
    expect(tasks.body[0]).toMatchObject({ taskDefinitionKey: 'review', assignee: 'sam' });
    const vars = await t.http.get('/engine-rest/history/variable-instance').query({ processInstanceId: task.processInstanceId, variableName: 'decision' });
    expect(vars.body[0]).toMatchObject({ name: 'decision', type: 'String', value: 'accept' });
    expect((await t.http.get('/engine-rest/history/process-instance/count').query({ finished: true })).body).toEqual({ count: 1 });
  });

  it('modifies instance variables and shows the activity tree', async () => {
    const [task] = (await t.http.get('/engine-rest/task').query({ processInstanceBusinessKey: 'REF-2' })).body;
    const id = task.processInstanceId;
    expect((await t.http.put(`/engine-rest/process-instance/${id}/variables/note`).send({ value: 'called school', type: 'String' })).status).toBe(204);
    expect((await t.http.post(`/engine-rest/process-instance/${id}/variables`).send({ modifications: { count: { value: 2, type: 'Long' } }, deletions: ['note'] })).status).toBe(204);
    const variables = await t.http.get(`/engine-rest/process-instance/${id}/variables`);
    expect(variables.body).toEqual({ count: { type: 'Long', value: 2, valueInfo: {} } });
    const tree = await t.http.get(`/engine-rest/process-instance/${id}/activity-instances`);
    expect(tree.body).toMatchObject({ id, activityType: 'processDefinition', processInstanceId: id });
    expect(tree.body.childActivityInstances).toHaveLength(1);
    expect(tree.body.childActivityInstances[0]).toMatchObject({ activityId: 'review', activityType: 'userTask', parentActivityInstanceId: id });
  });

  it('answers unknown ids with Camunda-shaped 404s', async () => {
    expect(await t.http.get('/engine-rest/task/nope')).toMatchObject({ status: 404, body: { type: 'InvalidRequestException', message: "No matching task with id 'nope'" } });
    expect((await t.http.get('/engine-rest/process-instance/nope')).status).toBe(404);
    expect((await t.http.get('/engine-rest/process-definition/nope')).status).toBe(404);
    expect((await t.http.get('/engine-rest/process-definition/key/nope')).status).toBe(404);
    expect((await t.http.get('/engine-rest/deployment/nope')).status).toBe(404);
    expect((await t.http.post('/engine-rest/task/nope/complete').send({})).status).toBe(404);
    const route = await t.http.get('/engine-rest/no-such-resource');
    expect(route.status).toBe(404);
    expect(route.body.type).toBe('NotFoundException');
  });

  it('answers a malformed JSON body with a Camunda-shaped 400', async () => {
    const res = await t.http.post('/engine-rest/task').set('Content-Type', 'application/json').send('{"assignee": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'InvalidRequestException', message: 'The request body is not valid JSON' });
  });

  it('reports the engine and API version', async () => {
    expect((await t.http.get('/engine-rest/engine')).body).toEqual([{ name: 'default' }]);
    expect((await t.http.get('/engine-rest/version')).body).toEqual({ version: '7.22.0' });
  });

  it('deletes a deployment with running instances only with cascade', async () => {
    // given a second referral deployment of its own key with a running instance
    const xml = REFERRAL_BPMN.replace('id="referral"', 'id="disposable"');
    const deployment = await deploy(t, 'disposable.bpmn', xml);
    const instanceId = await startByKey(t, 'disposable');
    // when deleted without cascade
    const refused = await t.http.delete(`/engine-rest/deployment/${deployment.id}`);
    // then
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('cascade=true');
    // when deleted with cascade
    expect((await t.http.delete(`/engine-rest/deployment/${deployment.id}`).query({ cascade: true })).status).toBe(204);
    // then
    expect((await t.http.get(`/engine-rest/deployment/${deployment.id}`)).status).toBe(404);
    expect((await t.http.get(`/engine-rest/process-instance/${instanceId}`)).status).toBe(404);
    expect((await t.http.get('/engine-rest/history/process-instance/count').query({ processInstanceId: instanceId })).body).toEqual({ count: 0 });
  });
});
