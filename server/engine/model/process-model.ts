import type { CompiledExpression } from '../expressions';

/**
 * A checked, immutable process model: what the runtime executes. Built from BPMN by
 * `parseBpmn`; every expression in it is already compiled, so a deployed model cannot fail to
 * parse at run time.
 */

export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'userTask'
  | 'manualTask'
  | 'task'
  | 'receiveTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'subProcess'
  | 'callActivity'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway';

export type EventKind = 'none' | 'message' | 'signal' | 'error' | 'terminate' | 'timer' | 'escalation';

export interface TimerSpec {
  kind: 'date' | 'duration' | 'cycle';
  /** ISO 8601, Safepath working-time notation, or an expression computing either. */
  text: CompiledExpression;
}

export interface EventDefinition {
  kind: EventKind;
  /** Message or signal name (may contain an expression for signals, kept literal here). */
  name?: string;
  /** Error code (error events); undefined on a catching event means "catch every error". */
  errorCode?: string;
  errorMessage?: string;
  /** Catching error events: variables that receive the caught error's code and message. */
  errorCodeVariable?: string;
  errorMessageVariable?: string;
  timer?: TimerSpec;
  /** camunda:type="external" on a message throw: sent through an external task. */
  externalTopic?: string;
}

export interface FlowModel {
  id: string;
  name: string | null;
  sourceId: string;
  targetId: string;
  condition: CompiledExpression | null;
}

export interface Mapping {
  name: string;
  /** The value: an expression, a literal, or a list/map of them. */
  value: MappingValue;
}
export type MappingValue =
  | { kind: 'expression'; expression: CompiledExpression }
  | { kind: 'list'; items: MappingValue[] }
  | { kind: 'map'; entries: { key: string; value: MappingValue }[] }
  | { kind: 'null' };

export interface CallMapping {
  source?: string;
  sourceExpression?: CompiledExpression;
  target?: string;
  /** `variables="all"` */
  all?: boolean;
  local?: boolean;
  businessKey?: CompiledExpression;
}

export interface MultiInstanceSpec {
  sequential: boolean;
  loopCardinality: CompiledExpression | null;
  collection: CompiledExpression | null;
  elementVariable: string | null;
  completionCondition: CompiledExpression | null;
}

export interface UserTaskSpec {
  assignee: CompiledExpression | null;
  candidateUsers: CompiledExpression | null;
  candidateGroups: CompiledExpression | null;
  dueDate: CompiledExpression | null;
  followUpDate: CompiledExpression | null;
  priority: CompiledExpression | null;
  formKey: string | null;
  formRef: string | null;
}

export interface CallActivitySpec {
  calledElement: CompiledExpression;
  binding: 'latest' | 'deployment' | 'version' | 'versionTag';
  version: string | null;
  tenantId: CompiledExpression | null;
  inputs: CallMapping[];
  outputs: CallMapping[];
}

export interface NodeModel {
  id: string;
  kind: NodeKind;
  /** The BPMN type, e.g. `bpmn:UserTask`. */
  bpmnType: string;
  name: string | null;
  documentation: string | null;
  /** The enclosing scope: the process id or a subprocess id. */
  scopeId: string;
  incoming: string[];
  outgoing: string[];
  defaultFlowId: string | null;
  event: EventDefinition | null;
  /** Boundary event: the activity it is attached to, and whether it interrupts. */
  attachedToId: string | null;
  cancelActivity: boolean;
  /** Ids of boundary events attached to this activity. */
  boundaryEventIds: string[];
  /** Subprocess: a scope with its own children. */
  isScope: boolean;
  triggeredByEvent: boolean;
  userTask: UserTaskSpec | null;
  external: { topic: string; priority: CompiledExpression | null } | null;
  callActivity: CallActivitySpec | null;
  decision: { decisionRef: CompiledExpression; resultVariable: string | null; mapDecisionResult: string } | null;
  multiInstance: MultiInstanceSpec | null;
  inputs: Mapping[];
  outputs: Mapping[];
  /** Message name for receive tasks. */
  messageName: string | null;
}

export interface ScopeModel {
  id: string;
  /** Flow nodes directly inside this scope (not inside nested subprocesses). */
  nodeIds: string[];
  /** None start events of this scope. */
  noneStartIds: string[];
  /** Message start events (process level). */
  messageStartIds: string[];
  signalStartIds: string[];
  timerStartIds: string[];
  /** Event subprocesses directly inside this scope. */
  eventSubProcessIds: string[];
}

export interface ProcessModel {
  id: string;
  name: string | null;
  versionTag: string | null;
  historyTimeToLive: number | null;
  startFormKey: string | null;
  /**
   * Variables the model marks sensitive (Camunda property `safepath.sensitive` on the process,
   * space-separated names): stored encrypted and shown only inside the case's organisation.
   */
  sensitiveVariables: ReadonlySet<string>;
  nodes: ReadonlyMap<string, NodeModel>;
  flows: ReadonlyMap<string, FlowModel>;
  scopes: ReadonlyMap<string, ScopeModel>;
  /** For each node, the nodes reachable from it inside its scope (for inclusive joins). */
  reachable: ReadonlyMap<string, ReadonlySet<string>>;
}

export function nodeOf(model: ProcessModel, id: string): NodeModel {
  const node = model.nodes.get(id);
  if (!node) throw new Error(`Unknown element '${id}' in process '${model.id}'`);
  return node;
}

export function flowOf(model: ProcessModel, id: string): FlowModel {
  const flow = model.flows.get(id);
  if (!flow) throw new Error(`Unknown sequence flow '${id}' in process '${model.id}'`);
  return flow;
}
