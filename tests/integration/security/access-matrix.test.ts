/**
 * Who may see a case, endpoint group by endpoint group: no credentials → 401, a role without the
 * permission → 403, another organisation's ids → 404 with nothing of theirs in the body, and
 * lists and counts that hold nothing of another organisation. Within one organisation, staff
 * see only their groups' tasks and cases; managers see all of their organisation's.
 *
 * Two organisations run the same model (key `matrix`): one user task per candidate group, an
 * external task that failed into an incident, one waiting for a worker, a timer, a message and a
 * signal catch. Tai Calon also runs a case in which only tc_cso has work.
 */
import type { Test } from 'supertest';
import { createTestApp, type TestApp } from '../../support/test-app';
import { asOrganisationToken, signIn, type Agent } from '../../support/auth';
import type { Caller as SafepathCaller } from '../../../server/src/security/caller';
import { runAsCaller } from '../../../server/src/security/request-context';
import type { ScopedDataSource } from '../../../server/src/persistence/tenant-scope';
import { DeploymentQueryRepository } from '../../../server/src/persistence/queries/deployment-query.repository';
import { ExternalTaskQueryRepository } from '../../../server/src/persistence/queries/external-task-query.repository';
import { HistoryProcessQueryRepository } from '../../../server/src/persistence/queries/history-process-query.repository';
import { IncidentQueryRepository } from '../../../server/src/persistence/queries/incident-query.repository';
import { JobQueryRepository } from '../../../server/src/persistence/queries/job-query.repository';
import { ProcessDefinitionQueryRepository } from '../../../server/src/persistence/queries/process-definition-query.repository';
import { ProcessInstanceQueryRepository } from '../../../server/src/persistence/queries/process-instance-query.repository';
import { TaskQueryRepository } from '../../../server/src/persistence/queries/task-query.repository';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">`;

/** A parallel branch from `fork` through `body` (whose element id is `id`) to its own end event. */
function branch(id: string, body: string): string {
  return `<bpmn:sequenceFlow id="to_${id}" sourceRef="fork" targetRef="${id}" />
    ${body}
    <bpmn:sequenceFlow id="from_${id}" sourceRef="${id}" targetRef="end_${id}" />
    <bpmn:endEvent id="end_${id}" />`;
}

function matrixBpmn(ownGroup: string, otherGroup: string): string {
  return `${HEADER}
  <bpmn:message id="msg" name="MatrixUpdate" />
  <bpmn:signal id="sig" name="MatrixSignal" />
  <bpmn:process id="matrix" name="Access matrix" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    ${branch('ownTask', `<bpmn:userTask id="ownTask" name="Own group task" camunda:candidateGroups="${ownGroup}" />`)}
    ${branch('otherTask', `<bpmn:userTask id="otherTask" name="Other group task" camunda:candidateGroups="${otherGroup}" />`)}
    ${branch('check', '<bpmn:serviceTask id="check" camunda:type="external" camunda:topic="matrix-check" />')}
    ${branch('work', '<bpmn:serviceTask id="work" camunda:type="external" camunda:topic="matrix-work" />')}
    ${branch('wait', '<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>')}
    ${branch('waitMessage', '<bpmn:intermediateCatchEvent id="waitMessage"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>')}
    ${branch('waitSignal', '<bpmn:intermediateCatchEvent id="waitSignal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>')}
  </bpmn:process>
</bpmn:definitions>`;
}

const CSO_ONLY_BPMN = `${HEADER}
  <bpmn:process id="csoOnly" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="safety" />
    <bpmn:userTask id="safety" name="Community safety check" camunda:candidateGroups="tc_cso" />
    <bpmn:sequenceFlow id="f2" sourceRef="safety" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** The ids of one organisation's case. */
interface Case {
  tenantId: string;
  deploymentId: string;
  resourceId: string;
  definitionId: string;
  instanceId: string;
  ownTaskId: string;
  otherTaskId: string;
  executionId: string;
  failedExternalTaskId: string;
  externalTaskId: string;
  jobId: string;
  notificationId: string;
  /** A training simulation of the model, started by the organisation's trainer once everybody is signed in. */
  simulationId: string;
}

type Method = 'get' | 'post' | 'put' | 'delete';
type Caller = Pick<Agent, Method>;

function call(agent: Caller, method: Method, path: string, body?: object): Test {
  const request = agent[method](path) as Test;
  return body === undefined ? request : request.send(body);
}

/** A route of the tables: `{instanceId}` and the like stand for Tai Calon's ids, filled in once the cases exist. */
interface Route {
  group: string;
  method: Method;
  path: string;
  body?: object;
}

/** Everything about another organisation that must never show: its name, business keys and variable values. */
const TAI_CALON_DATA = /tai-calon|TC-MATRIX|TC-SECRET|TC-CSO/;

describe('access matrix', () => {
  let t: TestApp;
  const cases: Record<'tc' | 'cmg', Case> = {} as never;
  let csoOnlyInstanceId: string;
  const users: Record<string, Agent> = {};
  let cmgToken: Agent;

  async function openCase(tenantId: string, businessKey: string, secret: string, groups: [string, string], assignOtherTo: string): Promise<Case> {
    const deployment = await t.engine.deploy({ name: `matrix-${tenantId}`, tenantId, resources: [{ name: 'matrix.bpmn', content: matrixBpmn(...groups) }] });
    const started = await t.http
      .post(`/engine-rest/process-definition/key/matrix/tenant-id/${tenantId}/start`)
      .send({ businessKey, variables: { secret: { value: secret, type: 'String' } } })
      .expect(200);
    const instanceId: string = started.body.id;
    const tasks = (await t.http.get('/engine-rest/task').query({ processInstanceId: instanceId }).expect(200)).body as { id: string; taskDefinitionKey: string; executionId: string }[];
    const own = tasks.find((task) => task.taskDefinitionKey === 'ownTask')!;
    const other = tasks.find((task) => task.taskDefinitionKey === 'otherTask')!;
    // A failing worker leaves an incident behind; the other external task waits for a worker.
    const [failing] = (
      await t.http
        .post('/engine-rest/external-task/fetchAndLock')
        .send({ workerId: 'setup', maxTasks: 1, topics: [{ topicName: 'matrix-check', lockDuration: 60_000, tenantIdIn: [tenantId] }] })
        .expect(200)
    ).body as { id: string }[];
    await t.http.post(`/engine-rest/external-task/${failing.id}/failure`).send({ workerId: 'setup', errorMessage: 'down', retries: 0, retryTimeout: 0 }).expect(204);
    const [waiting] = (await t.http.get('/engine-rest/external-task').query({ processInstanceId: instanceId, topicName: 'matrix-work' }).expect(200)).body;
    const [job] = (await t.http.get('/engine-rest/job').query({ processInstanceId: instanceId }).expect(200)).body;
    // Assigning a task notifies its new assignee.
    await t.http.post(`/engine-rest/task/${other.id}/assignee`).send({ userId: assignOtherTo }).expect(204);
    const [notification] = (await t.http.get('/api/notifications').query({ userId: assignOtherTo }).expect(200)).body;
    const resources = (await t.http.get(`/engine-rest/deployment/${deployment.deployment.id}/resources`).expect(200)).body;
    return {
      tenantId,
      deploymentId: deployment.deployment.id,
      resourceId: resources[0].id,
      definitionId: started.body.definitionId,
      instanceId,
      ownTaskId: own.id,
      otherTaskId: other.id,
      executionId: own.executionId,
      failedExternalTaskId: failing.id,
      externalTaskId: waiting.id,
      jobId: job.id,
      notificationId: notification.id,
      simulationId: '',
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    cases.tc = await openCase('tai-calon', 'TC-MATRIX-1', 'TC-SECRET-1', ['tc_cho', 'tc_cso'], 'tc.cso');
    cases.cmg = await openCase('cmg', 'CMG-MATRIX-1', 'CMG-SECRET-1', ['cmg_caseworker', 'cmg_team_leader'], 'cmg.teamleader');
    await t.engine.deploy({ name: 'cso-only', tenantId: 'tai-calon', resources: [{ name: 'cso-only.bpmn', content: CSO_ONLY_BPMN }] });
    csoOnlyInstanceId = (await t.http.post('/engine-rest/process-definition/key/csoOnly/tenant-id/tai-calon/start').send({ businessKey: 'TC-CSO-1' }).expect(200)).body.id;
    for (const username of ['tc.cho', 'tc.cso', 'tc.manager', 'tc.policy', 'tc.trainer', 'tc.admin', 'cmg.teamleader', 'cmg.admin']) {
      users[username] = await signIn(t, username);
    }
    cmgToken = asOrganisationToken(t, 'cmg');
    cases.tc.simulationId = (await users['tc.trainer'].post('/api/simulations').send({ processKey: 'matrix' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  /** `text` with each `{key}` replaced by Tai Calon's `cases.tc[key]`. */
  const fill = (text: string): string => text.replace(/\{(\w+)\}/g, (_, key: keyof Case) => cases.tc[key]);
  const send = (agent: Caller, { method, path, body }: Route): Test =>
    call(agent, method, fill(path), body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body))));

  describe('no credentials → 401', () => {
    const routes: Route[] = [
      { group: 'deployment', method: 'get', path: '/engine-rest/deployment' },
      { group: 'deployment', method: 'post', path: '/engine-rest/deployment/create' },
      { group: 'deployment', method: 'delete', path: '/engine-rest/deployment/{deploymentId}' },
      { group: 'process-definition', method: 'get', path: '/engine-rest/process-definition' },
      { group: 'process-definition', method: 'post', path: '/engine-rest/process-definition/key/matrix/start' },
      { group: 'process-instance', method: 'get', path: '/engine-rest/process-instance/count' },
      { group: 'process-instance', method: 'get', path: '/engine-rest/process-instance/{instanceId}/variables' },
      { group: 'process-instance', method: 'delete', path: '/engine-rest/process-instance/{instanceId}' },
      { group: 'task', method: 'get', path: '/engine-rest/task' },
      { group: 'task', method: 'post', path: '/engine-rest/task/{ownTaskId}/claim' },
      { group: 'task', method: 'post', path: '/engine-rest/task/{ownTaskId}/complete' },
      { group: 'history', method: 'get', path: '/engine-rest/history/process-instance' },
      { group: 'history', method: 'get', path: '/engine-rest/history/activity-instance' },
      { group: 'history', method: 'get', path: '/engine-rest/history/task/count' },
      { group: 'history', method: 'get', path: '/engine-rest/history/variable-instance' },
      { group: 'external-task', method: 'post', path: '/engine-rest/external-task/fetchAndLock' },
      { group: 'external-task', method: 'get', path: '/engine-rest/external-task' },
      { group: 'incident', method: 'get', path: '/engine-rest/incident' },
      { group: 'job', method: 'get', path: '/engine-rest/job' },
      { group: 'job', method: 'put', path: '/engine-rest/job/{jobId}/retries' },
      { group: 'message', method: 'post', path: '/engine-rest/message' },
      { group: 'signal', method: 'post', path: '/engine-rest/signal' },
      { group: 'calendars', method: 'get', path: '/api/calendars/tai-calon' },
      { group: 'calendars', method: 'put', path: '/api/calendars/tai-calon' },
      { group: 'notifications', method: 'get', path: '/api/notifications' },
      { group: 'notifications', method: 'post', path: '/api/notifications/{notificationId}/read' },
      { group: 'session', method: 'get', path: '/api/session' },
      { group: 'session', method: 'delete', path: '/api/session' },
      { group: 'session', method: 'put', path: '/api/session/password' },
      { group: 'simulations', method: 'get', path: '/api/simulations' },
      { group: 'simulations', method: 'get', path: '/api/simulations/{simulationId}' },
      { group: 'simulations', method: 'get', path: '/api/simulations/scenarios' },
      { group: 'simulations', method: 'get', path: '/api/simulations/attempts' },
      { group: 'simulations', method: 'post', path: '/api/simulations/practice' },
    ];
    it.each(routes)('$group: $method $path', async (route) => {
      const response = await send(t.anonymous, route);
      expect(response.status).toBe(401);
      expect(response.body.type).toBe('AuthenticationException');
      expect(JSON.stringify(response.body)).not.toMatch(TAI_CALON_DATA);
    });
  });

  describe('a role without the permission → 403', () => {
    // Notifications and the session need only `self`, which every role has: nothing to refuse by role.
    const routes: (Route & { who: string })[] = [
      { group: 'deployment', who: 'tc.cho', method: 'post', path: '/engine-rest/deployment/create' },
      { group: 'deployment', who: 'tc.trainer', method: 'delete', path: '/engine-rest/deployment/{deploymentId}' },
      { group: 'process-definition', who: 'tc.trainer', method: 'post', path: '/engine-rest/process-definition/{definitionId}/start', body: {} },
      { group: 'process-instance', who: 'tc.trainer', method: 'get', path: '/engine-rest/process-instance' },
      { group: 'process-instance', who: 'tc.cho', method: 'delete', path: '/engine-rest/process-instance/{instanceId}' },
      { group: 'process-instance', who: 'tc.cho', method: 'post', path: '/engine-rest/process-instance/{instanceId}/variables', body: { modifications: {} } },
      { group: 'task', who: 'tc.trainer', method: 'get', path: '/engine-rest/task' },
      { group: 'task', who: 'tc.policy', method: 'post', path: '/engine-rest/task/{ownTaskId}/claim', body: {} },
      { group: 'task', who: 'tc.admin', method: 'post', path: '/engine-rest/task/{ownTaskId}/complete', body: {} },
      { group: 'task', who: 'tc.cho', method: 'post', path: '/engine-rest/task/{ownTaskId}/assignee', body: { userId: 'tc.cho' } },
      { group: 'history', who: 'tc.trainer', method: 'get', path: '/engine-rest/history/process-instance' },
      { group: 'history', who: 'tc.policy', method: 'get', path: '/engine-rest/history/activity-instance' },
      { group: 'history', who: 'tc.trainer', method: 'get', path: '/engine-rest/history/task' },
      { group: 'history', who: 'tc.admin', method: 'get', path: '/engine-rest/history/variable-instance' },
      { group: 'external-task', who: 'tc.cho', method: 'post', path: '/engine-rest/external-task/fetchAndLock', body: { workerId: 'w', maxTasks: 1, topics: [{ topicName: 'matrix-work', lockDuration: 1000 }] } },
      { group: 'external-task', who: 'tc.manager', method: 'post', path: '/engine-rest/external-task/{externalTaskId}/complete', body: { workerId: 'w' } },
      { group: 'incident', who: 'tc.cho', method: 'get', path: '/engine-rest/incident' },
      { group: 'job', who: 'tc.cho', method: 'put', path: '/engine-rest/job/{jobId}/retries', body: { retries: 3 } },
      { group: 'job', who: 'tc.cho', method: 'post', path: '/engine-rest/job/{jobId}/execute' },
      { group: 'message', who: 'tc.cho', method: 'post', path: '/engine-rest/message', body: { messageName: 'MatrixUpdate' } },
      { group: 'signal', who: 'tc.trainer', method: 'post', path: '/engine-rest/signal', body: { name: 'MatrixSignal' } },
      { group: 'calendars', who: 'tc.manager', method: 'put', path: '/api/calendars/tai-calon', body: { region: 'ENG' } },
      { group: 'calendars', who: 'tc.cho', method: 'post', path: '/api/calendars/tai-calon/closures', body: { date: '2026-12-24' } },
      { group: 'simulations', who: 'tc.admin', method: 'get', path: '/api/simulations' },
      { group: 'simulations', who: 'tc.admin', method: 'post', path: '/api/simulations/practice', body: { scenarioKey: 'x' } },
      { group: 'simulations', who: 'tc.admin', method: 'get', path: '/api/simulations/attempts' },
      { group: 'simulations', who: 'tc.cho', method: 'post', path: '/api/simulations', body: { processKey: 'matrix' } },
      { group: 'simulations', who: 'tc.cho', method: 'get', path: '/api/simulations/people' },
      { group: 'simulations', who: 'tc.cho', method: 'post', path: '/api/simulations/scenarios', body: { simulationId: '{simulationId}', name: 'x' } },
      { group: 'simulations', who: 'tc.cso', method: 'post', path: '/api/simulations/{simulationId}/participants', body: { userId: 'x' } },
      { group: 'simulations', who: 'tc.cho', method: 'post', path: '/api/simulations/{simulationId}/replay', body: {} },
    ];
    it.each(routes)('$group: $who → $method $path', async (route) => {
      const response = await send(users[route.who], route);
      expect(response.status).toBe(403);
      expect(response.body.type).toBe('AuthorizationException');
      expect(JSON.stringify(response.body)).not.toMatch(/TC-MATRIX|TC-SECRET/);
    });
  });

  describe("another organisation's ids → 404, with nothing of theirs in the body", () => {
    type As = 'cmg token' | 'cmg.admin' | 'cmg.teamleader';
    const routes: (Route & { as: As })[] = [
      { group: 'deployment', as: 'cmg token', method: 'get', path: '/engine-rest/deployment/{deploymentId}' },
      { group: 'deployment', as: 'cmg token', method: 'get', path: '/engine-rest/deployment/{deploymentId}/resources' },
      { group: 'deployment', as: 'cmg token', method: 'get', path: '/engine-rest/deployment/{deploymentId}/resources/{resourceId}' },
      { group: 'deployment', as: 'cmg token', method: 'get', path: '/engine-rest/deployment/{deploymentId}/resources/{resourceId}/data' },
      { group: 'deployment', as: 'cmg token', method: 'delete', path: '/engine-rest/deployment/{deploymentId}?cascade=true' },
      { group: 'process-definition', as: 'cmg token', method: 'get', path: '/engine-rest/process-definition/{definitionId}' },
      { group: 'process-definition', as: 'cmg token', method: 'get', path: '/engine-rest/process-definition/{definitionId}/xml' },
      { group: 'process-definition', as: 'cmg token', method: 'get', path: '/engine-rest/process-definition/{definitionId}/startForm' },
      { group: 'process-definition', as: 'cmg token', method: 'post', path: '/engine-rest/process-definition/{definitionId}/start', body: {} },
      { group: 'process-definition', as: 'cmg token', method: 'get', path: '/engine-rest/process-definition/key/matrix/tenant-id/tai-calon/xml' },
      { group: 'process-definition', as: 'cmg token', method: 'post', path: '/engine-rest/process-definition/key/matrix/tenant-id/tai-calon/start', body: {} },
      { group: 'process-definition', as: 'cmg token', method: 'get', path: '/engine-rest/process-definition/key/csoOnly' },
      { group: 'process-instance', as: 'cmg token', method: 'get', path: '/engine-rest/process-instance/{instanceId}' },
      { group: 'process-instance', as: 'cmg token', method: 'get', path: '/engine-rest/process-instance/{instanceId}/activity-instances' },
      { group: 'process-instance', as: 'cmg token', method: 'get', path: '/engine-rest/process-instance/{instanceId}/variables' },
      { group: 'process-instance', as: 'cmg token', method: 'get', path: '/engine-rest/process-instance/{instanceId}/variables/secret' },
      { group: 'process-instance', as: 'cmg token', method: 'post', path: '/engine-rest/process-instance/{instanceId}/variables', body: { modifications: { secret: { value: 'x', type: 'String' } } } },
      { group: 'process-instance', as: 'cmg token', method: 'put', path: '/engine-rest/process-instance/{instanceId}/variables/secret', body: { value: 'x', type: 'String' } },
      { group: 'process-instance', as: 'cmg token', method: 'delete', path: '/engine-rest/process-instance/{instanceId}/variables/secret' },
      { group: 'process-instance', as: 'cmg token', method: 'delete', path: '/engine-rest/process-instance/{instanceId}' },
      { group: 'task', as: 'cmg token', method: 'get', path: '/engine-rest/task/{ownTaskId}' },
      { group: 'task', as: 'cmg token', method: 'get', path: '/engine-rest/task/{ownTaskId}/form' },
      { group: 'task', as: 'cmg token', method: 'get', path: '/engine-rest/task/{ownTaskId}/variables' },
      { group: 'task', as: 'cmg token', method: 'get', path: '/engine-rest/task/{ownTaskId}/variables/secret' },
      { group: 'task', as: 'cmg token', method: 'get', path: '/engine-rest/task/{ownTaskId}/localVariables' },
      { group: 'task', as: 'cmg token', method: 'get', path: '/engine-rest/task/{ownTaskId}/form-variables' },
      { group: 'task', as: 'cmg token', method: 'post', path: '/engine-rest/task/{ownTaskId}/claim', body: { userId: 'cmg.caseworker' } },
      { group: 'task', as: 'cmg token', method: 'post', path: '/engine-rest/task/{otherTaskId}/unclaim' },
      { group: 'task', as: 'cmg token', method: 'post', path: '/engine-rest/task/{ownTaskId}/assignee', body: { userId: 'cmg.caseworker' } },
      { group: 'task', as: 'cmg token', method: 'post', path: '/engine-rest/task/{ownTaskId}/complete', body: {} },
      { group: 'task', as: 'cmg token', method: 'post', path: '/engine-rest/task/{ownTaskId}/submit-form', body: {} },
      { group: 'task', as: 'cmg token', method: 'post', path: '/engine-rest/task/{ownTaskId}/variables', body: { modifications: { secret: { value: 'x', type: 'String' } } } },
      { group: 'task', as: 'cmg token', method: 'put', path: '/engine-rest/task/{ownTaskId}/variables/secret', body: { value: 'x', type: 'String' } },
      { group: 'task', as: 'cmg token', method: 'delete', path: '/engine-rest/task/{ownTaskId}/variables/secret' },
      { group: 'history', as: 'cmg token', method: 'get', path: '/engine-rest/history/process-instance/{instanceId}' },
      { group: 'external-task', as: 'cmg token', method: 'get', path: '/engine-rest/external-task/{externalTaskId}' },
      { group: 'external-task', as: 'cmg token', method: 'get', path: '/engine-rest/external-task/{failedExternalTaskId}/errorDetails' },
      { group: 'external-task', as: 'cmg token', method: 'post', path: '/engine-rest/external-task/{externalTaskId}/complete', body: { workerId: 'w' } },
      { group: 'external-task', as: 'cmg token', method: 'post', path: '/engine-rest/external-task/{externalTaskId}/failure', body: { workerId: 'w', retries: 0 } },
      { group: 'external-task', as: 'cmg token', method: 'post', path: '/engine-rest/external-task/{externalTaskId}/bpmnError', body: { workerId: 'w', errorCode: 'X' } },
      { group: 'external-task', as: 'cmg token', method: 'post', path: '/engine-rest/external-task/{externalTaskId}/unlock' },
      { group: 'external-task', as: 'cmg token', method: 'post', path: '/engine-rest/external-task/{externalTaskId}/extendLock', body: { workerId: 'w', newDuration: 1000 } },
      { group: 'job', as: 'cmg token', method: 'get', path: '/engine-rest/job/{jobId}' },
      { group: 'job', as: 'cmg token', method: 'post', path: '/engine-rest/job/{jobId}/execute' },
      { group: 'job', as: 'cmg token', method: 'put', path: '/engine-rest/job/{jobId}/retries', body: { retries: 0 } },
      { group: 'job', as: 'cmg token', method: 'put', path: '/engine-rest/job/{jobId}/duedate', body: { duedate: null } },
      { group: 'message', as: 'cmg token', method: 'post', path: '/engine-rest/message', body: { messageName: 'MatrixUpdate', processInstanceId: '{instanceId}' } },
      { group: 'signal', as: 'cmg token', method: 'post', path: '/engine-rest/signal', body: { name: 'MatrixSignal', executionId: '{executionId}' } },
      { group: 'calendars', as: 'cmg.admin', method: 'get', path: '/api/calendars/tai-calon' },
      { group: 'calendars', as: 'cmg.admin', method: 'put', path: '/api/calendars/tai-calon', body: { region: 'ENG' } },
      { group: 'calendars', as: 'cmg.admin', method: 'post', path: '/api/calendars/tai-calon/closures', body: { date: '2026-12-24' } },
      { group: 'calendars', as: 'cmg.admin', method: 'delete', path: '/api/calendars/tai-calon/closures/2026-12-24' },
      { group: 'notifications', as: 'cmg.teamleader', method: 'post', path: '/api/notifications/{notificationId}/read' },
      // cmg.teamleader may practise (staff): only the organisation wall stands between them and Tai Calon's simulation.
      { group: 'simulations', as: 'cmg.teamleader', method: 'get', path: '/api/simulations/{simulationId}' },
      { group: 'simulations', as: 'cmg.teamleader', method: 'post', path: '/api/simulations/{simulationId}/advance', body: { hours: 1 } },
      { group: 'simulations', as: 'cmg.teamleader', method: 'post', path: '/api/simulations/{simulationId}/finish' },
      { group: 'simulations', as: 'cmg.teamleader', method: 'delete', path: '/api/simulations/{simulationId}' },
    ];
    it.each(routes)('$group: $as → $method $path', async (route) => {
      const response = await send(route.as === 'cmg token' ? cmgToken : users[route.as], route);
      expect(response.status).toBe(404);
      expect(Object.keys(response.body).sort()).toEqual(['message', 'type']);
      expect(response.text).not.toMatch(/TC-MATRIX|TC-SECRET|TC-CSO|bpmn:definitions/);
    });

    it("left Tai Calon's case exactly as it was", async () => {
      const instance = await t.http.get(`/engine-rest/process-instance/${cases.tc.instanceId}`).expect(200);
      expect(instance.body).toMatchObject({ businessKey: 'TC-MATRIX-1', ended: false });
      expect((await t.http.get(`/engine-rest/process-instance/${cases.tc.instanceId}/variables/secret`).expect(200)).body.value).toBe('TC-SECRET-1');
      const tasks = (await t.http.get('/engine-rest/task').query({ processInstanceId: cases.tc.instanceId, sortBy: 'name', sortOrder: 'asc' }).expect(200)).body;
      expect(tasks.map((task: { name: string; assignee: string | null }) => [task.name, task.assignee])).toEqual([
        ['Other group task', 'tc.cso'],
        ['Own group task', null],
      ]);
      const external = (await t.http.get(`/engine-rest/external-task/${cases.tc.externalTaskId}`).expect(200)).body;
      expect(external).toMatchObject({ workerId: null, lockExpirationTime: null });
      expect((await t.http.get(`/engine-rest/job/${cases.tc.jobId}`).expect(200)).body).toMatchObject({ retries: 3 });
      await t.http.get(`/engine-rest/deployment/${cases.tc.deploymentId}`).expect(200);
      expect((await t.http.get('/api/calendars/tai-calon').expect(200)).body.closures).toEqual([]);
      const [notice] = (await t.http.get('/api/notifications').query({ userId: 'tc.cso' }).expect(200)).body;
      expect(notice).toMatchObject({ id: cases.tc.notificationId, readAt: null });
    });
  });

  describe('the service layer holds on its own, with row-level security out of the way', () => {
    // The test's DataSource connects as the table owner, whom row-level security does not restrict:
    // whatever these repositories hide, their own WHERE clauses hid.
    const cmg: SafepathCaller = {
      kind: 'token', id: 'cmg-engine', userId: 'token:cmg-engine', displayName: 'CMG engine', tenantId: 'cmg', roles: ['engine'], groups: [], platformAdmin: false,
    };
    const cho: SafepathCaller = {
      kind: 'user', id: 'tc.cho', userId: 'tc.cho', displayName: 'Community Housing Officer', tenantId: 'tai-calon', roles: ['staff'], groups: ['tc_cho'], platformAdmin: false,
    };
    const unscoped = () => t.dataSource as unknown as ScopedDataSource;
    const checks: [what: string, who: SafepathCaller, read: () => Promise<unknown>, hidden: unknown][] = [
      ['task by id', cmg, () => new TaskQueryRepository(unscoped()).findById(cases.tc.ownTaskId), null],
      ['task list', cmg, () => new TaskQueryRepository(unscoped()).list({ processInstanceId: cases.tc.instanceId }, {}, {}), []],
      ['task count', cmg, () => new TaskQueryRepository(unscoped()).count({ tenantIdIn: ['tai-calon'] }), 0],
      ['another group\'s task by id (staff)', cho, () => new TaskQueryRepository(unscoped()).findById(cases.tc.otherTaskId), null],
      ['process instance by id', cmg, () => new ProcessInstanceQueryRepository(unscoped()).findById(cases.tc.instanceId), null],
      ['process instance of an execution', cmg, () => new ProcessInstanceQueryRepository(unscoped()).findByExecutionId(cases.tc.executionId), null],
      ['process instance count', cmg, () => new ProcessInstanceQueryRepository(unscoped()).count({ tenantIdIn: ['tai-calon'] }), 0],
      ['a case without own work (staff)', cho, () => new ProcessInstanceQueryRepository(unscoped()).findById(csoOnlyInstanceId), null],
      ['historic process instance by id', cmg, () => new HistoryProcessQueryRepository(unscoped()).findProcessInstance(cases.tc.instanceId), null],
      ['historic activity instances', cmg, () => new HistoryProcessQueryRepository(unscoped()).countActivityInstances({ processInstanceId: cases.tc.instanceId }), 0],
      ['deployment by id', cmg, () => new DeploymentQueryRepository(unscoped()).findById(cases.tc.deploymentId), null],
      ['deployment resources', cmg, () => new DeploymentQueryRepository(unscoped()).resources(cases.tc.deploymentId), []],
      ['deployment resource', cmg, () => new DeploymentQueryRepository(unscoped()).resource(cases.tc.deploymentId, cases.tc.resourceId), null],
      ['deployment delete', cmg, () => new DeploymentQueryRepository(unscoped()).delete(cases.tc.deploymentId, false), false],
      ['process definition by id', cmg, () => new ProcessDefinitionQueryRepository(unscoped()).findById(cases.tc.definitionId), null],
      ['process definition by key', cmg, () => new ProcessDefinitionQueryRepository(unscoped()).findLatestByKey('csoOnly'), null],
      ['process definition XML', cmg, () => new ProcessDefinitionQueryRepository(unscoped()).xml(cases.tc.definitionId), null],
      ['external task by id', cmg, () => new ExternalTaskQueryRepository(unscoped()).findById(cases.tc.externalTaskId), null],
      ['external task error details', cmg, () => new ExternalTaskQueryRepository(unscoped()).errorDetails(cases.tc.failedExternalTaskId), { found: false, details: null }],
      ['incidents', cmg, () => new IncidentQueryRepository(unscoped()).count({ processInstanceId: cases.tc.instanceId }), 0],
      ['job by id', cmg, () => new JobQueryRepository(unscoped()).findById(cases.tc.jobId), null],
      ['jobs', cmg, () => new JobQueryRepository(unscoped()).count({ processInstanceId: cases.tc.instanceId }), 0],
    ];
    it.each(checks)('%s', async (_what, who, read, hidden) => {
      expect(await runAsCaller(who, read)).toEqual(hidden);
    });

    it('while the same repositories without a caller (the engine itself) see those rows', async () => {
      expect(await new TaskQueryRepository(unscoped()).findById(cases.tc.otherTaskId)).toMatchObject({ id: cases.tc.otherTaskId });
      expect(await new JobQueryRepository(unscoped()).count({ processInstanceId: cases.tc.instanceId })).toBe(1);
    });
  });

  describe('lists and counts as CMG hold nothing of Tai Calon', () => {
    // [what, list (GET unless a body is given), count, body of the POST variants]
    const queries: { what: string; list: string; count: string; body?: object }[] = [
      { what: 'deployments', list: '/engine-rest/deployment', count: '/engine-rest/deployment/count' },
      { what: 'process definitions', list: '/engine-rest/process-definition', count: '/engine-rest/process-definition/count' },
      { what: 'process instances', list: '/engine-rest/process-instance', count: '/engine-rest/process-instance/count' },
      { what: 'process instances (POST)', list: '/engine-rest/process-instance', count: '/engine-rest/process-instance/count', body: {} },
      { what: 'tasks', list: '/engine-rest/task', count: '/engine-rest/task/count' },
      { what: 'tasks (POST)', list: '/engine-rest/task', count: '/engine-rest/task/count', body: {} },
      { what: 'historic process instances', list: '/engine-rest/history/process-instance', count: '/engine-rest/history/process-instance/count' },
      { what: 'historic process instances (POST)', list: '/engine-rest/history/process-instance', count: '/engine-rest/history/process-instance/count', body: {} },
      { what: 'historic activity instances', list: '/engine-rest/history/activity-instance', count: '/engine-rest/history/activity-instance/count' },
      { what: 'historic tasks', list: '/engine-rest/history/task', count: '/engine-rest/history/task/count' },
      { what: 'historic variables', list: '/engine-rest/history/variable-instance', count: '/engine-rest/history/variable-instance/count' },
      { what: 'external tasks', list: '/engine-rest/external-task', count: '/engine-rest/external-task/count' },
      { what: 'incidents', list: '/engine-rest/incident', count: '/engine-rest/incident/count' },
      { what: 'jobs', list: '/engine-rest/job', count: '/engine-rest/job/count' },
    ];
    it.each(queries)('$what', async ({ list: listPath, count: countPath, body }) => {
      const method: Method = body === undefined ? 'get' : 'post';
      const list = await call(cmgToken, method, listPath, body).expect(200);
      expect(list.body.length).toBeGreaterThan(0);
      for (const item of list.body as { tenantId?: string | null }[]) expect(item.tenantId).toBe('cmg');
      expect(list.text).not.toMatch(TAI_CALON_DATA);
      expect(list.text).not.toContain(cases.tc.instanceId);
      const count = await call(cmgToken, method, countPath, body).expect(200);
      expect(count.body).toEqual({ count: list.body.length });
      // The platform administrator sees both organisations: the difference is Tai Calon's.
      const everything = await call(t.http, method, countPath, body).expect(200);
      expect(everything.body.count).toBeGreaterThan(count.body.count);
      // Asking for Tai Calon's rows by filter finds none.
      const filtered = await call(cmgToken, 'get', `${countPath}?tenantIdIn=tai-calon`).expect(200);
      expect(filtered.body).toEqual({ count: 0 });
    });

    it('notifications: only their own, and naming somebody else is refused', async () => {
      const mine = await users['cmg.teamleader'].get('/api/notifications').expect(200);
      expect(mine.body.map((n: { id: string }) => n.id)).toEqual([cases.cmg.notificationId]);
      expect((await users['cmg.teamleader'].get('/api/notifications/count').expect(200)).body).toEqual({ count: 1 });
      await users['cmg.teamleader'].get('/api/notifications').query({ userId: 'tc.cso' }).expect(403);
      await users['cmg.teamleader'].get('/api/notifications').query({ groups: 'tc_cso' }).expect(403);
      await users['cmg.teamleader'].get('/api/notifications/count').query({ tenantId: 'tai-calon' }).expect(403);
      // Within Tai Calon, tc.cho may not mark tc.cso's notification; tc.cso may.
      await users['tc.cho'].post(`/api/notifications/${cases.tc.notificationId}/read`).expect(404);
      await users['tc.cso'].post(`/api/notifications/${cases.tc.notificationId}/read`).expect(204);
    });

    it("calendars: an organisation's own calendar only", async () => {
      expect((await users['cmg.admin'].get('/api/calendars/cmg').expect(200)).body).toMatchObject({ tenantId: 'cmg' });
      expect((await users['cmg.admin'].put('/api/calendars/cmg').send({ closures: ['2026-12-29'] }).expect(200)).body.closures).toEqual(['2026-12-29']);
    });
  });

  describe('commands an organisation can only aim at itself', () => {
    it('deploys for its own organisation, and never for another (403)', async () => {
      const attach = (agent: Agent) => agent.post('/engine-rest/deployment/create').attach('data', Buffer.from(CSO_ONLY_BPMN), 'cso-only.bpmn');
      const own = await attach(cmgToken).field('deployment-name', 'cmg-own').expect(200);
      expect(own.body.tenantId).toBe('cmg');
      const other = await attach(cmgToken).field('deployment-name', 'cmg-other').field('tenant-id', 'tai-calon').expect(403);
      expect(other.body.type).toBe('AuthorizationException');
      expect((await t.http.get('/engine-rest/deployment/count').query({ name: 'cmg-other' }).expect(200)).body).toEqual({ count: 0 });
    });

    it('starts the latest version of a key in its own organisation when it names no tenant', async () => {
      const started = await cmgToken.post('/engine-rest/process-definition/key/matrix/start').send({ businessKey: 'CMG-MATRIX-2' }).expect(200);
      expect(started.body).toMatchObject({ tenantId: 'cmg', definitionId: cases.cmg.definitionId });
    });

    it("fetches and locks only its own organisation's external tasks, whatever tenants it asks for", async () => {
      const fetched = await cmgToken
        .post('/engine-rest/external-task/fetchAndLock')
        .send({ workerId: 'cmg-worker', maxTasks: 10, topics: [{ topicName: 'matrix-work', lockDuration: 60_000, tenantIdIn: ['tai-calon', 'cmg'] }] })
        .expect(200);
      expect(fetched.body.length).toBeGreaterThan(0);
      expect(new Set(fetched.body.map((task: { tenantId: string }) => task.tenantId))).toEqual(new Set(['cmg']));
      const onlyOthers = await cmgToken
        .post('/engine-rest/external-task/fetchAndLock')
        .send({ workerId: 'cmg-worker', maxTasks: 10, topics: [{ topicName: 'matrix-work', lockDuration: 60_000, tenantIdIn: ['tai-calon'] }] })
        .expect(200);
      expect(onlyOthers.body).toEqual([]);
      expect((await t.http.get(`/engine-rest/external-task/${cases.tc.externalTaskId}`).expect(200)).body.workerId).toBeNull();
    });

    async function waiting(instanceId: string, activityId: string): Promise<boolean> {
      const [activity] = (await t.http.get('/engine-rest/history/activity-instance').query({ processInstanceId: instanceId, activityId }).expect(200)).body;
      return activity.endTime === null;
    }

    it("correlates messages within its own organisation only: another's business key does not match, another's tenant is a 403", async () => {
      await cmgToken.post('/engine-rest/message').send({ messageName: 'MatrixUpdate', tenantId: 'tai-calon' }).expect(403);
      await cmgToken.post('/engine-rest/message').send({ messageName: 'MatrixUpdate', withoutTenantId: true }).expect(403);
      const mismatch = await cmgToken.post('/engine-rest/message').send({ messageName: 'MatrixUpdate', businessKey: 'TC-MATRIX-1' }).expect(400);
      expect(mismatch.body.type).toBe('MismatchingMessageCorrelationException');
      await cmgToken.post('/engine-rest/message').send({ messageName: 'MatrixUpdate', businessKey: 'CMG-MATRIX-1' }).expect(204);
      expect(await waiting(cases.cmg.instanceId, 'waitMessage')).toBe(false);
      expect(await waiting(cases.tc.instanceId, 'waitMessage')).toBe(true);
    });

    it('throws signals into its own organisation only', async () => {
      await cmgToken.post('/engine-rest/signal').send({ name: 'MatrixSignal', tenantId: 'tai-calon' }).expect(403);
      await cmgToken.post('/engine-rest/signal').send({ name: 'MatrixSignal' }).expect(204);
      expect(await waiting(cases.cmg.instanceId, 'waitSignal')).toBe(false);
      expect(await waiting(cases.tc.instanceId, 'waitSignal')).toBe(true);
    });
  });

  describe('within Tai Calon: staff see their groups’ work, the manager sees all', () => {
    const taskNames = async (agent: Agent) =>
      ((await agent.get('/engine-rest/task').query({ processInstanceId: cases.tc.instanceId }).expect(200)).body as { name: string }[]).map((task) => task.name).sort();

    it("tc.cho sees the tc_cho task and not the tc_cso one; tc.manager sees both", async () => {
      expect(await taskNames(users['tc.cho'])).toEqual(['Own group task']);
      expect((await users['tc.cho'].get('/engine-rest/task/count').query({ processInstanceId: cases.tc.instanceId }).expect(200)).body).toEqual({ count: 1 });
      expect(await taskNames(users['tc.manager'])).toEqual(['Other group task', 'Own group task']);
    });

    it.each<Route>([
      { group: 'task', method: 'get', path: '/engine-rest/task/{otherTaskId}' },
      { group: 'task', method: 'get', path: '/engine-rest/task/{otherTaskId}/variables' },
      { group: 'task', method: 'post', path: '/engine-rest/task/{otherTaskId}/claim', body: {} },
      { group: 'task', method: 'post', path: '/engine-rest/task/{otherTaskId}/unclaim' },
      { group: 'task', method: 'post', path: '/engine-rest/task/{otherTaskId}/complete', body: {} },
      { group: 'task', method: 'post', path: '/engine-rest/task/{otherTaskId}/variables', body: { modifications: { secret: { value: 'x', type: 'String' } } } },
    ])('tc.cho: $method $path (the tc_cso task) → 404', async (route) => {
      const response = await send(users['tc.cho'], route).expect(404);
      expect(response.text).not.toMatch(/TC-SECRET|Other group task/);
    });

    it("tc.cho sees only the cases they have work in; tc.manager sees all of Tai Calon's", async () => {
      const ids = async (agent: Agent, path: string) => ((await agent.get(path).expect(200)).body as { id: string }[]).map((row) => row.id);
      expect(await ids(users['tc.cho'], '/engine-rest/process-instance')).toEqual([cases.tc.instanceId]);
      expect(await ids(users['tc.cho'], '/engine-rest/history/process-instance')).toEqual([cases.tc.instanceId]);
      await users['tc.cho'].get(`/engine-rest/process-instance/${csoOnlyInstanceId}`).expect(404);
      await users['tc.cho'].get(`/engine-rest/history/process-instance/${csoOnlyInstanceId}`).expect(404);
      expect((await ids(users['tc.manager'], '/engine-rest/process-instance')).sort()).toEqual([cases.tc.instanceId, csoOnlyInstanceId].sort());
      expect((await ids(users['tc.cso'], '/engine-rest/process-instance')).sort()).toEqual([cases.tc.instanceId, csoOnlyInstanceId].sort());
    });

    it('staff claim only for themselves (403 for someone else), then claim and complete their own task', async () => {
      const claimFor = await users['tc.cho'].post(`/engine-rest/task/${cases.tc.ownTaskId}/claim`).send({ userId: 'tc.cso' }).expect(403);
      expect(claimFor.body.type).toBe('AuthorizationException');
      await users['tc.cho'].post(`/engine-rest/task/${cases.tc.ownTaskId}/claim`).send({}).expect(204);
      expect((await users['tc.cho'].get(`/engine-rest/task/${cases.tc.ownTaskId}`).expect(200)).body.assignee).toBe('tc.cho');
    });

    it('the manager assigns only to people of Tai Calon (400 otherwise)', async () => {
      const manager = users['tc.manager'];
      for (const stranger of ['cmg.caseworker', 'nobody.at.all']) {
        const response = await manager.post(`/engine-rest/task/${cases.tc.ownTaskId}/assignee`).send({ userId: stranger }).expect(400);
        expect(response.body.type).toBe('InvalidRequestException');
      }
      expect((await t.http.get(`/engine-rest/task/${cases.tc.ownTaskId}`).expect(200)).body.assignee).toBe('tc.cho');
      await manager.post(`/engine-rest/task/${cases.tc.ownTaskId}/assignee`).send({ userId: 'tc.cso' }).expect(204);
      await manager.post(`/engine-rest/task/${cases.tc.ownTaskId}/assignee`).send({ userId: 'tc.cho' }).expect(204);
      await manager.post(`/engine-rest/task/${cases.tc.ownTaskId}/assignee`).send({ userId: null }).expect(204);
    });

    it('tc.cho completes the tc_cho task', async () => {
      await users['tc.cho'].post(`/engine-rest/task/${cases.tc.ownTaskId}/complete`).send({}).expect(204);
      expect(await taskNames(users['tc.manager'])).toEqual(['Other group task']);
    });
  });
});
