import { randomUUID } from 'node:crypto';
import type { CaseTransaction, DefinitionRecord, StartEventSubscription } from '../../server/engine/ports/case-store';
import type { HistoricProcessInstance, HistoricVariable } from '../../server/engine/history/history-event';
import type { InstanceState } from '../../server/engine/runtime/state';

/** A fixed instant for fixtures; later times are offsets from it. */
export const T0 = '2026-03-02T09:00:00.000Z';

/** `T0` plus `minutes`, as an ISO string. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

export interface DeployOptions {
  key?: string;
  version?: number;
  tenantId?: string | null;
  startSubscriptions?: Omit<StartEventSubscription, 'definitionId' | 'definitionKey' | 'tenantId'>[];
}

/** Deploys a one-process deployment (resource `<key>.bpmn`) and returns its definition. */
export async function deployProcess(tx: CaseTransaction, options: DeployOptions = {}): Promise<DefinitionRecord> {
  const key = options.key ?? 'referral';
  const version = options.version ?? 1;
  const tenantId = options.tenantId ?? null;
  const deploymentId = randomUUID();
  const resourceName = `${key}.bpmn`;
  const definition: DefinitionRecord = {
    id: `${key}:${version}:${randomUUID()}`,
    key,
    version,
    name: `Process ${key}`,
    versionTag: null,
    deploymentId,
    resourceName,
    tenantId,
    checksum: `sum-${key}-${version}`,
    startFormKey: null,
    suspended: false,
    historyTimeToLive: 180,
  };
  await tx.insertDeployment(
    { id: deploymentId, name: `deploy ${key} v${version}`, source: 'test', tenantId, deploymentTime: at(version) },
    [{ id: randomUUID(), deploymentId, name: resourceName, content: `<definitions id="${key}-v${version}"/>`, checksum: definition.checksum }],
    [definition],
    (options.startSubscriptions ?? []).map((s) => ({ ...s, definitionId: definition.id, definitionKey: key, tenantId })),
  );
  return definition;
}

/** A running instance with at least one entry in every collection. */
export function richInstance(definition: DefinitionRecord, overrides: Partial<InstanceState> = {}): InstanceState {
  const id = randomUUID();
  const child = randomUUID();
  const waiting = randomUUID();
  return {
    id,
    definitionId: definition.id,
    definitionKey: definition.key,
    tenantId: definition.tenantId,
    businessKey: 'case-42',
    version: 1,
    state: 'ACTIVE',
    startTime: T0,
    endTime: null,
    startActivityId: 'start',
    superInstanceId: null,
    superExecutionId: null,
    rootInstanceId: id,
    executions: [
      { id, parentId: null, activityId: definition.key, activityInstanceId: `${definition.key}:${id}`, phase: 'scope', startTime: T0 },
      {
        id: child,
        parentId: id,
        activityId: 'review',
        activityInstanceId: 'review:1',
        phase: 'scope',
        loop: { nrOfInstances: 2, nrOfCompletedInstances: 0, nrOfActiveInstances: 2, collection: ['a', { b: 1 }] },
        startTime: at(1),
      },
      { id: waiting, parentId: child, activityId: 'assess', activityInstanceId: 'assess:1', phase: 'waiting', arrivedBy: 'flow1', calledInstanceId: 'sub-1', startTime: at(2) },
    ],
    variables: [
      { id: randomUUID(), name: 'risk', type: 'String', value: 'high', scopeId: id, taskId: null },
      { id: randomUUID(), name: 'score', type: 'Integer', value: 17, scopeId: id, taskId: null },
      { id: randomUUID(), name: 'address', type: 'Json', value: { street: 'High St', flats: [1, 2] }, valueInfo: { serializationDataFormat: 'application/json' }, scopeId: id, taskId: null, sensitive: true },
      { id: randomUUID(), name: 'note', type: 'Null', value: null, scopeId: waiting, taskId: 'task-local' },
    ],
    tasks: [
      {
        id: randomUUID(),
        executionId: waiting,
        taskDefinitionKey: 'assess',
        name: 'Assess risk',
        description: 'Use the DASH checklist',
        assignee: 'maria',
        owner: null,
        candidateUsers: ['maria', 'sam'],
        candidateGroups: ['idva', 'triage'],
        priority: 70,
        due: at(60 * 24),
        followUp: null,
        created: at(2),
        formKey: 'camunda-forms:deployment:assess.form',
        formRef: 'assess',
        activityInstanceId: 'assess:1',
      },
    ],
    subscriptions: [
      { id: randomUUID(), executionId: waiting, type: 'message', eventName: 'consent-given', activityId: 'consent', created: at(2) },
      { id: randomUUID(), executionId: waiting, type: 'signal', eventName: 'office-closed', activityId: 'closed', created: at(2) },
    ],
    jobs: [
      { id: randomUUID(), executionId: waiting, type: 'timer', activityId: 'reminder', dueDate: at(60), config: { duration: 'PT1H' }, retries: 3, exceptionMessage: null, created: at(2) },
    ],
    externalTasks: [
      {
        id: randomUUID(),
        executionId: child,
        activityId: 'notify',
        activityInstanceId: 'notify:1',
        topicName: 'send-letter',
        priority: 5,
        retries: null,
        errorMessage: null,
        errorDetails: null,
        workerId: null,
        lockExpirationTime: null,
        created: at(1),
      },
    ],
    incidents: [
      { id: randomUUID(), executionId: child, activityId: 'notify', type: 'failedExternalTask', message: 'Printer offline', configuration: 'ext-1', created: at(3) },
    ],
    ...overrides,
  };
}

/** The history record of an instance as the runtime would emit it. */
export function historicInstance(state: InstanceState, overrides: Partial<HistoricProcessInstance> = {}): HistoricProcessInstance {
  return {
    id: state.id,
    businessKey: state.businessKey,
    processDefinitionId: state.definitionId,
    processDefinitionKey: state.definitionKey,
    processDefinitionVersion: 1,
    processDefinitionName: null,
    tenantId: state.tenantId,
    startTime: state.startTime,
    endTime: null,
    durationInMillis: null,
    startActivityId: state.startActivityId,
    endActivityId: null,
    superProcessInstanceId: null,
    rootProcessInstanceId: state.rootInstanceId,
    deleteReason: null,
    state: 'ACTIVE',
    ...overrides,
  };
}

/** A historic variable record for a variable of the instance. */
export function historicVariable(state: InstanceState, name: string, value: unknown, time: string): HistoricVariable {
  const variable = state.variables.find((v) => v.name === name);
  return {
    id: variable?.id ?? randomUUID(),
    name,
    type: variable?.type ?? 'String',
    value,
    processDefinitionId: state.definitionId,
    processDefinitionKey: state.definitionKey,
    processInstanceId: state.id,
    executionId: state.id,
    activityInstanceId: null,
    taskId: null,
    tenantId: state.tenantId,
    createTime: T0,
    time,
    state: 'CREATED',
  };
}
