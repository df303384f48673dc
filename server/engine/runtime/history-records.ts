import type {
  HistoricActivityInstance,
  HistoricProcessInstance,
  HistoricTask,
  HistoricVariable,
} from '../history/history-event';
import type { NodeModel } from '../model/process-model';
import type { ExecutionState, TaskState, VariableState } from './state';
import type { Step } from './step';

/** Builders of the history records a step emits (upserted by id in the step's transaction). */

function duration(start: string, end: string | null): number | null {
  return end ? Date.parse(end) - Date.parse(start) : null;
}

const CAMUNDA_ACTIVITY_TYPES: Record<string, string> = {
  startEvent: 'startEvent',
  endEvent: 'noneEndEvent',
  userTask: 'userTask',
  manualTask: 'manualTask',
  task: 'task',
  receiveTask: 'receiveTask',
  serviceTask: 'serviceTask',
  sendTask: 'sendTask',
  businessRuleTask: 'businessRuleTask',
  subProcess: 'subProcess',
  callActivity: 'callActivity',
  exclusiveGateway: 'exclusiveGateway',
  parallelGateway: 'parallelGateway',
  inclusiveGateway: 'inclusiveGateway',
  eventBasedGateway: 'eventBasedGateway',
  boundaryEvent: 'boundaryEvent',
  intermediateCatchEvent: 'intermediateCatchEvent',
  intermediateThrowEvent: 'intermediateThrowEvent',
};

/** Camunda's activityType names (e.g. `messageStartEvent`, `errorEndEvent`, `boundaryTimer`). */
export function activityTypeOf(node: NodeModel): string {
  const event = node.event?.kind;
  if (node.kind === 'subProcess' && node.triggeredByEvent) return 'subProcess';
  if (node.kind === 'startEvent' && event && event !== 'none') return `${event}StartEvent`;
  if (node.kind === 'endEvent' && event && event !== 'none') return `${event}EndEvent`;
  if (node.kind === 'boundaryEvent' && event) return `boundary${event[0].toUpperCase()}${event.slice(1)}`;
  if (node.kind === 'intermediateCatchEvent' && event) return `intermediate${event[0].toUpperCase()}${event.slice(1)}`;
  if (node.kind === 'intermediateThrowEvent' && event && event !== 'none') return `intermediate${event[0].toUpperCase()}${event.slice(1)}Throw`;
  if (node.kind === 'intermediateThrowEvent') return 'intermediateNoneThrowEvent';
  return CAMUNDA_ACTIVITY_TYPES[node.kind] ?? node.kind;
}

export function activityRecord(
  step: Step,
  execution: ExecutionState,
  node: NodeModel,
  endTime: string | null,
  canceled: boolean,
  activityType?: string,
): HistoricActivityInstance {
  const parent = execution.parentId ? step.findExecution(execution.parentId) : undefined;
  const ofThisActivity = (t: { executionId: string; activityInstanceId: string }) => t.executionId === execution.id && t.activityInstanceId === execution.activityInstanceId;
  const task = step.instance.tasks.find(ofThisActivity) ?? step.endedTasks.find(ofThisActivity);
  return {
    id: execution.activityInstanceId!,
    parentActivityInstanceId: parent?.activityInstanceId ?? step.instance.id,
    activityId: node.id,
    activityName: node.name,
    activityType: activityType ?? (execution.phase === 'scope' && node.multiInstance && execution.loop?.nrOfInstances !== undefined ? 'multiInstanceBody' : activityTypeOf(node)),
    processDefinitionId: step.definition.id,
    processDefinitionKey: step.definition.key,
    processInstanceId: step.instance.id,
    executionId: execution.id,
    taskId: task?.id ?? null,
    calledProcessInstanceId: execution.calledInstanceId ?? null,
    assignee: task?.assignee ?? null,
    startTime: execution.startTime,
    endTime,
    durationInMillis: duration(execution.startTime, endTime),
    canceled,
    completeScope: node.kind === 'endEvent' && !canceled && endTime !== null,
    tenantId: step.instance.tenantId,
  };
}

export function taskRecord(step: Step, task: TaskState, endTime: string | null, deleteReason: string | null): HistoricTask {
  return {
    id: task.id,
    processDefinitionId: step.definition.id,
    processDefinitionKey: step.definition.key,
    processInstanceId: step.instance.id,
    executionId: task.executionId,
    activityInstanceId: task.activityInstanceId,
    taskDefinitionKey: task.taskDefinitionKey,
    name: task.name,
    description: task.description,
    assignee: task.assignee,
    owner: task.owner,
    candidateGroups: task.candidateGroups,
    priority: task.priority,
    due: task.due,
    followUp: task.followUp,
    startTime: task.created,
    endTime,
    durationInMillis: duration(task.created, endTime),
    deleteReason,
    tenantId: step.instance.tenantId,
  };
}

export function variableRecord(step: Step, variable: VariableState, state: 'CREATED' | 'DELETED'): HistoricVariable {
  const scope = step.findExecution(variable.scopeId);
  return {
    id: variable.id,
    name: variable.name,
    type: variable.type,
    value: variable.value,
    valueInfo: variable.valueInfo,
    processDefinitionId: step.definition.id,
    processDefinitionKey: step.definition.key,
    processInstanceId: step.instance.id,
    executionId: variable.scopeId,
    activityInstanceId: scope?.activityInstanceId ?? step.instance.id,
    taskId: variable.taskId,
    tenantId: step.instance.tenantId,
    createTime: step.nowIso,
    time: step.nowIso,
    state,
    sensitive: variable.sensitive,
  };
}

export function instanceRecord(step: Step, deleteReason: string | null, endActivityId: string | null): HistoricProcessInstance {
  const i = step.instance;
  return {
    id: i.id,
    businessKey: i.businessKey,
    processDefinitionId: i.definitionId,
    processDefinitionKey: i.definitionKey,
    processDefinitionVersion: step.definition.version,
    processDefinitionName: step.definition.name,
    tenantId: i.tenantId,
    startTime: i.startTime,
    endTime: i.endTime,
    durationInMillis: duration(i.startTime, i.endTime),
    startActivityId: i.startActivityId,
    endActivityId,
    superProcessInstanceId: i.superInstanceId,
    rootProcessInstanceId: i.rootInstanceId,
    deleteReason,
    state: i.state,
  };
}
