import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import type { ModelProblem } from '../engine-error';
import { compileExpression, ExpressionError, type CompiledExpression } from '../expressions';
import { validateTimerText } from '../calendar';
import type {
  CallMapping,
  EventDefinition,
  FlowModel,
  Mapping,
  MappingValue,
  MultiInstanceSpec,
  NodeKind,
  NodeModel,
  ProcessModel,
  ScopeModel,
} from './process-model';
import { computeReachability } from './reachability';

/**
 * Reads BPMN 2.0 XML (as Camunda Modeler and bpmn-js save it) into checked process models.
 * Every problem found is collected as `{elementId, message}`; a file with problems yields no
 * models, so nothing half-valid is ever deployed.
 */
export interface ParsedBpmn {
  processes: ProcessModel[];
  problems: ModelProblem[];
}

const NODE_KINDS: Record<string, NodeKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:Task': 'task',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

/** Elements that are rejected, with the reason a policy lead can act on. */
const REJECTED: Record<string, string> = {
  'bpmn:ScriptTask':
    'Script tasks are not executed: case data is too sensitive for arbitrary code. Use a user task, or a service task with camunda:type="external".',
  'bpmn:ComplexGateway': 'Complex gateways are not supported. Use an inclusive or exclusive gateway.',
  'bpmn:Transaction': 'Transaction subprocesses are not supported. Use an embedded subprocess.',
  'bpmn:AdHocSubProcess': 'Ad-hoc subprocesses are not supported. Use an embedded subprocess.',
};

/** Elements inside a process that carry no behaviour and are skipped. */
const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

let moddle: BpmnModdle | null = null;
function getModdle(): BpmnModdle {
  moddle ??= new BpmnModdle({ camunda: camundaDescriptor });
  return moddle;
}

export async function parseBpmn(xml: string, resourceName = 'process.bpmn'): Promise<ParsedBpmn> {
  const problems: ModelProblem[] = [];
  const problem = (elementId: string | null, message: string): void => {
    problems.push({ elementId, message, resource: resourceName });
  };
  let root: ModdleElement;
  let warnings: { message: string; element?: ModdleElement }[] = [];
  try {
    const result = await getModdle().fromXML(xml, 'bpmn:Definitions');
    root = result.rootElement;
    warnings = result.warnings;
  } catch (error) {
    problem(null, `The file is not readable BPMN 2.0 XML: ${firstLine(error)}`);
    return { processes: [], problems };
  }
  for (const warning of warnings) {
    problem(warning.element?.id ?? unparsableElementId(xml, warning.message), describeWarning(warning.message));
  }
  const processes: ModdleElement[] = (root.rootElements ?? []).filter((e: ModdleElement) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable);
  if (executable.length === 0) {
    problem(null, 'The file has no executable process: set isExecutable="true" on the process.');
  }
  const models = executable.map((p) => new ProcessBuilder(p, problem).build());
  return { processes: problems.length ? [] : models, problems };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

/** The id of an element moddle could not read, found from the line its warning names. */
function unparsableElementId(xml: string, message: string): string | null {
  const found = /unparsable content <([^>\s/]+)[^>]*> detected\s+line: (\d+)/.exec(message);
  if (!found) return null;
  const [, tag, line] = found;
  const from = xml.split('\n').slice(Number(line) - 1).join('\n');
  const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<${escaped}\\b[^>]*?\\sid="([^"]+)"`).exec(from)?.[1] ?? null;
}

function describeWarning(message: string): string {
  const unknown = /unparsable content <([^>]+)> detected/.exec(message);
  if (unknown) return `Unsupported or unknown element <${unknown[1]}>.`;
  const unresolved = /unresolved reference <([^>]+)>/.exec(message);
  if (unresolved) return `Reference to an element that does not exist: '${unresolved[1]}'.`;
  return message.split('\n')[0];
}

type ProblemSink = (elementId: string | null, message: string) => void;

class ProcessBuilder {
  private readonly nodes = new Map<string, NodeModel>();
  private readonly flows = new Map<string, FlowModel>();
  private readonly scopes = new Map<string, ScopeModel>();
  /** Elements already reported as rejected or unsupported: their flows are not reported again. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly process: ModdleElement,
    private readonly problem: ProblemSink,
  ) {}

  build(): ProcessModel {
    const p = this.process;
    this.checkListeners(p);
    this.readScope(p, p.id!);
    this.linkBoundaryEvents();
    this.checkProcess();
    const startEvent = this.scopes.get(p.id!)!.noneStartIds.map((id) => this.nodes.get(id)!)[0];
    return {
      id: p.id!,
      name: p.name ?? null,
      versionTag: p.versionTag ?? null,
      historyTimeToLive: p.historyTimeToLive != null ? Number(p.historyTimeToLive) : null,
      startFormKey: startEvent ? (this.startFormKeyOf(p, startEvent.id) ?? null) : null,
      sensitiveVariables: this.sensitiveVariablesOf(p),
      nodes: this.nodes,
      flows: this.flows,
      scopes: this.scopes,
      reachable: computeReachability(this.nodes, this.flows),
    };
  }

  /** The names in the process's `safepath.sensitive` Camunda properties (space-separated). */
  private sensitiveVariablesOf(p: ModdleElement): Set<string> {
    const properties = this.extensions(p)
      .filter((x) => x.$type === 'camunda:Properties')
      .flatMap((x) => (x.values ?? []) as ModdleElement[]);
    const names = properties.filter((x) => x.name === 'safepath.sensitive').flatMap((x) => String(x.value ?? '').split(/\s+/));
    return new Set(names.filter((name) => name !== ''));
  }

  private startFormKeyOf(p: ModdleElement, startId: string): string | null {
    const element = (p.flowElements ?? []).find((e: ModdleElement) => e.id === startId);
    return element?.formKey ?? element?.formRef ?? null;
  }

  private readScope(container: ModdleElement, scopeId: string): void {
    const scope: ScopeModel = {
      id: scopeId,
      nodeIds: [],
      noneStartIds: [],
      messageStartIds: [],
      signalStartIds: [],
      timerStartIds: [],
      eventSubProcessIds: [],
    };
    this.scopes.set(scopeId, scope);
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      if (element.$type === 'bpmn:SequenceFlow') {
        this.readFlow(element);
      } else if (IGNORED.has(element.$type)) {
        continue;
      } else if (REJECTED[element.$type]) {
        this.problem(element.id ?? null, REJECTED[element.$type]);
        if (element.id) this.reported.add(element.id);
      } else if (NODE_KINDS[element.$type]) {
        const node = this.readNode(element, scopeId);
        this.nodes.set(node.id, node);
        scope.nodeIds.push(node.id);
        if (node.kind === 'startEvent') this.registerStart(scope, node);
        if (node.kind === 'subProcess') {
          if (node.triggeredByEvent) scope.eventSubProcessIds.push(node.id);
          this.readScope(element, node.id);
        }
      } else {
        this.problem(element.id ?? null, `Unsupported element ${element.$type}.`);
        if (element.id) this.reported.add(element.id);
      }
    }
  }

  private registerStart(scope: ScopeModel, node: NodeModel): void {
    const kind = node.event?.kind ?? 'none';
    if (kind === 'none') scope.noneStartIds.push(node.id);
    else if (kind === 'message') scope.messageStartIds.push(node.id);
    else if (kind === 'signal') scope.signalStartIds.push(node.id);
    else if (kind === 'timer') scope.timerStartIds.push(node.id);
  }

  private readFlow(element: ModdleElement): void {
    const id = element.id!;
    const sourceId = element.sourceRef?.id;
    const targetId = element.targetRef?.id;
    if (!sourceId || !targetId) {
      this.problem(id, 'Sequence flow must connect a source and a target.');
      return;
    }
    const body: string | undefined = element.conditionExpression?.body;
    if (element.conditionExpression && element.conditionExpression.language && !/feel|juel/i.test(element.conditionExpression.language)) {
      this.problem(id, `Condition language '${element.conditionExpression.language}' is not supported: use FEEL (=…) or \${…}.`);
    }
    const condition = body != null && body.trim() !== '' ? this.compile(id, body.trim()) : null;
    this.flows.set(id, { id, name: element.name ?? null, sourceId, targetId, condition });
  }

  private readNode(e: ModdleElement, scopeId: string): NodeModel {
    const kind = NODE_KINDS[e.$type];
    const id = e.id!;
    this.checkListeners(e);
    const node: NodeModel = {
      id,
      kind,
      bpmnType: e.$type,
      name: e.name ?? null,
      documentation: (e.documentation ?? []).map((d: ModdleElement) => d.text ?? '').join('\n').trim() || null,
      scopeId,
      incoming: [],
      outgoing: [],
      defaultFlowId: e.default?.id ?? null,
      event: this.readEventDefinition(e, kind),
      attachedToId: e.attachedToRef?.id ?? null,
      // Boundary events: cancelActivity; event-subprocess start events: isInterrupting.
      cancelActivity: kind === 'startEvent' ? e.isInterrupting !== false : e.cancelActivity !== false,
      boundaryEventIds: [],
      isScope: kind === 'subProcess',
      triggeredByEvent: e.triggeredByEvent === true,
      userTask: null,
      external: null,
      callActivity: null,
      decision: null,
      multiInstance: this.readMultiInstance(e),
      inputs: [],
      outputs: [],
      messageName: null,
    };
    this.readIoMapping(e, node);
    switch (kind) {
      case 'userTask':
        node.userTask = {
          assignee: this.optional(id, e.assignee),
          candidateUsers: this.optional(id, e.candidateUsers),
          candidateGroups: this.optional(id, e.candidateGroups),
          dueDate: this.optional(id, e.dueDate),
          followUpDate: this.optional(id, e.followUpDate),
          priority: this.optional(id, e.priority),
          formKey: e.formKey ?? null,
          formRef: e.formRef ?? null,
        };
        break;
      case 'serviceTask':
      case 'sendTask':
      case 'businessRuleTask':
        this.readImplementation(e, node);
        break;
      case 'receiveTask':
        node.messageName = e.messageRef?.name ?? null;
        if (!node.messageName) this.problem(id, 'Receive task needs a message with a name (messageRef).');
        break;
      case 'callActivity':
        this.readCallActivity(e, node);
        break;
      case 'boundaryEvent':
        if (!node.attachedToId) this.problem(id, 'Boundary event is not attached to an activity.');
        break;
    }
    return node;
  }

  private readImplementation(e: ModdleElement, node: NodeModel): void {
    if (e.type === 'external') {
      if (!e.topic) this.problem(node.id, 'External task needs a topic (camunda:topic).');
      node.external = { topic: e.topic ?? '', priority: this.optional(node.id, e.taskPriority) };
      return;
    }
    if (node.kind === 'businessRuleTask' && e.decisionRef) {
      node.decision = {
        decisionRef: this.compile(node.id, e.decisionRef),
        resultVariable: e.resultVariable ?? null,
        mapDecisionResult: e.mapDecisionResult ?? 'resultList',
      };
      return;
    }
    if (node.kind === 'sendTask' && !e.class && !e.delegateExpression && !e.expression) {
      // A send task without implementation documents a message sent by a person or another system.
      return;
    }
    this.problem(
      node.id,
      e.class || e.delegateExpression || e.expression
        ? 'Java classes and expressions as service implementations are not executed. Use camunda:type="external" with a topic.'
        : `${node.bpmnType.replace('bpmn:', '')} needs an implementation: set camunda:type="external" and a topic.`,
    );
  }

  private readCallActivity(e: ModdleElement, node: NodeModel): void {
    if (!e.calledElement) {
      this.problem(node.id, 'Call activity needs the key of the process it calls (calledElement).');
    }
    const binding = (e.calledElementBinding ?? 'latest') as 'latest' | 'deployment' | 'version' | 'versionTag';
    if (!['latest', 'deployment', 'version', 'versionTag'].includes(binding)) {
      this.problem(node.id, `Unknown calledElementBinding '${binding}'.`);
    }
    const mappings = this.extensions(e);
    const readMapping = (m: ModdleElement): CallMapping => ({
      source: m.source ?? undefined,
      sourceExpression: m.sourceExpression ? this.compile(node.id, m.sourceExpression) : undefined,
      target: m.target ?? undefined,
      all: m.variables === 'all',
      local: m.local === true,
      businessKey: m.businessKey ? this.compile(node.id, m.businessKey) : undefined,
    });
    node.callActivity = {
      calledElement: this.compile(node.id, e.calledElement ?? ''),
      binding,
      version: e.calledElementVersion ?? e.calledElementVersionTag ?? null,
      tenantId: this.optional(node.id, e.calledElementTenantId),
      inputs: mappings.filter((m) => m.$type === 'camunda:In').map(readMapping),
      outputs: mappings.filter((m) => m.$type === 'camunda:Out').map(readMapping),
    };
  }

  private readEventDefinition(e: ModdleElement, kind: NodeKind): EventDefinition | null {
    const definitions: ModdleElement[] = e.eventDefinitions ?? [];
    if (!kind.endsWith('Event')) return null;
    if (definitions.length > 1) {
      this.problem(e.id!, 'Events with several event definitions are not supported.');
    }
    const d = definitions[0];
    if (!d) return { kind: 'none' };
    switch (d.$type) {
      case 'bpmn:MessageEventDefinition': {
        const name = d.messageRef?.name;
        const external = this.extensionType(d, e);
        if (!name && !(kind === 'endEvent' || kind === 'intermediateThrowEvent')) {
          this.problem(e.id!, 'Message event needs a message with a name (messageRef).');
        }
        return { kind: 'message', name: name ?? undefined, externalTopic: external };
      }
      case 'bpmn:SignalEventDefinition': {
        const name = d.signalRef?.name;
        if (!name) this.problem(e.id!, 'Signal event needs a signal with a name (signalRef).');
        return { kind: 'signal', name: name ?? '' };
      }
      case 'bpmn:ErrorEventDefinition':
        if (kind === 'endEvent' && !d.errorRef?.errorCode) {
          this.problem(e.id!, 'Error end event needs an error with an error code (errorRef).');
        }
        return {
          kind: 'error',
          errorCode: d.errorRef?.errorCode ?? undefined,
          errorMessage: d.errorRef?.errorMessage ?? d.errorRef?.name ?? undefined,
          errorCodeVariable: d.errorCodeVariable ?? undefined,
          errorMessageVariable: d.errorMessageVariable ?? undefined,
        };
      case 'bpmn:TerminateEventDefinition':
        if (kind !== 'endEvent') this.problem(e.id!, 'Terminate is only allowed on end events.');
        return { kind: 'terminate' };
      case 'bpmn:TimerEventDefinition':
        return this.readTimer(e, d);
      default:
        this.problem(e.id!, `${d.$type.replace('bpmn:', '')} is not supported.`);
        return { kind: 'none' };
    }
  }

  private extensionType(d: ModdleElement, e: ModdleElement): string | undefined {
    const holder = d.type === 'external' ? d : e.type === 'external' ? e : null;
    if (!holder) return undefined;
    if (!holder.topic) this.problem(e.id!, 'External message event needs a topic (camunda:topic).');
    return holder.topic ?? '';
  }

  private readTimer(e: ModdleElement, d: ModdleElement): EventDefinition {
    const choices: [('date' | 'duration' | 'cycle'), ModdleElement | undefined][] = [
      ['date', d.timeDate],
      ['duration', d.timeDuration],
      ['cycle', d.timeCycle],
    ];
    const set = choices.filter(([, v]) => v?.body?.trim());
    if (set.length !== 1) {
      this.problem(e.id!, 'Timer needs exactly one of timeDate, timeDuration or timeCycle.');
      return { kind: 'timer' };
    }
    const [kindOfTimer, expr] = set[0];
    const text = expr!.body.trim();
    const compiled = this.compile(e.id!, text);
    if (compiled.kind === 'literal') {
      const error = validateTimerText(kindOfTimer, text);
      if (error) this.problem(e.id!, error);
    }
    return { kind: 'timer', timer: { kind: kindOfTimer, text: compiled } };
  }

  private readMultiInstance(e: ModdleElement): MultiInstanceSpec | null {
    const loop = e.loopCharacteristics;
    if (!loop) return null;
    if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
      this.problem(e.id!, 'Standard loops are not supported: use multi-instance or a gateway loop.');
      return null;
    }
    const spec: MultiInstanceSpec = {
      sequential: loop.isSequential === true,
      loopCardinality: loop.loopCardinality?.body ? this.compile(e.id!, loop.loopCardinality.body) : null,
      collection: loop.collection ? this.compile(e.id!, collectionExpression(loop.collection)) : null,
      elementVariable: loop.elementVariable ?? null,
      completionCondition: loop.completionCondition?.body ? this.compile(e.id!, loop.completionCondition.body) : null,
    };
    if (!spec.loopCardinality && !spec.collection) {
      this.problem(e.id!, 'Multi-instance needs loopCardinality or camunda:collection.');
    }
    return spec;
  }

  private readIoMapping(e: ModdleElement, node: NodeModel): void {
    const io = this.extensions(e).find((x) => x.$type === 'camunda:InputOutput');
    if (!io) return;
    node.inputs = (io.inputParameters ?? []).map((p: ModdleElement) => this.readParameter(node.id, p));
    node.outputs = (io.outputParameters ?? []).map((p: ModdleElement) => this.readParameter(node.id, p));
  }

  private readParameter(elementId: string, p: ModdleElement): Mapping {
    return { name: p.name ?? "", value: this.readParameterValue(elementId, p.definition, p.value) };
  }

  private readParameterValue(elementId: string, definition: ModdleElement | undefined, value?: string): MappingValue {
    if (!definition) {
      return value == null ? { kind: 'null' } : { kind: 'expression', expression: this.compile(elementId, value) };
    }
    switch (definition.$type) {
      case 'camunda:List':
        return { kind: 'list', items: (definition.items ?? []).map((i: ModdleElement) => this.readParameterValue(elementId, i.$type === 'camunda:Value' ? undefined : i, i.value)) };
      case 'camunda:Map':
        return {
          kind: 'map',
          entries: (definition.entries ?? []).map((entry: ModdleElement) => ({
            key: entry.key,
            value: this.readParameterValue(elementId, entry.definition, entry.value),
          })),
        };
      case 'camunda:Script':
        this.problem(elementId, 'Scripts in input/output mappings are not executed: use an expression.');
        return { kind: 'null' };
      default:
        return { kind: 'expression', expression: this.compile(elementId, definition.value ?? '') };
    }
  }

  private checkListeners(e: ModdleElement): void {
    const listeners = this.extensions(e).filter((x) => x.$type === 'camunda:ExecutionListener' || x.$type === 'camunda:TaskListener');
    if (listeners.length) {
      this.problem(e.id ?? null, 'Execution and task listeners are not executed: model the step explicitly (e.g. an external task).');
    }
  }

  private extensions(e: ModdleElement): ModdleElement[] {
    return e.extensionElements?.values ?? [];
  }

  private linkBoundaryEvents(): void {
    for (const flow of this.flows.values()) {
      const source = this.nodes.get(flow.sourceId);
      const target = this.nodes.get(flow.targetId);
      if (!source || !target) {
        if (this.reported.has(flow.sourceId) || this.reported.has(flow.targetId)) continue;
        this.problem(flow.id, 'Sequence flow connects an element that is not part of the process.');
        continue;
      }
      if (source.scopeId !== target.scopeId) {
        this.problem(flow.id, 'Sequence flow must not cross a subprocess boundary.');
      }
      source.outgoing.push(flow.id);
      target.incoming.push(flow.id);
    }
    for (const node of this.nodes.values()) {
      if (node.kind !== 'boundaryEvent' || !node.attachedToId) continue;
      const host = this.nodes.get(node.attachedToId);
      if (!host) this.problem(node.id, `Boundary event is attached to unknown activity '${node.attachedToId}'.`);
      else host.boundaryEventIds.push(node.id);
    }
  }

  private compile(elementId: string, source: string): CompiledExpression {
    try {
      return compileExpression(source);
    } catch (error) {
      const message = error instanceof ExpressionError ? error.message : firstLine(error);
      this.problem(elementId, `Expression '${source}' does not parse: ${message}`);
      return compileExpression('');
    }
  }

  private optional(elementId: string, source: string | undefined | null): CompiledExpression | null {
    return source == null || String(source).trim() === '' ? null : this.compile(elementId, String(source));
  }

  private checkProcess(): void {
    for (const check of PROCESS_CHECKS) check(this.process.id!, this.nodes, this.flows, this.scopes, this.problem);
  }
}

/** `camunda:collection` is a variable name or an expression. */
function collectionExpression(collection: string): string {
  const trimmed = collection.trim();
  if (trimmed.startsWith('=') || trimmed.includes('${') || trimmed.includes('#{')) return trimmed;
  return '${' + trimmed + '}';
}

type ProcessCheck = (
  processId: string,
  nodes: Map<string, NodeModel>,
  flows: Map<string, FlowModel>,
  scopes: Map<string, ScopeModel>,
  problem: ProblemSink,
) => void;

const PROCESS_CHECKS: ProcessCheck[] = [
  function processHasStart(processId, _nodes, _flows, scopes, problem) {
    const s = scopes.get(processId)!;
    if (s.noneStartIds.length + s.messageStartIds.length + s.signalStartIds.length + s.timerStartIds.length === 0) {
      problem(processId, 'The process has no start event.');
    }
    if (s.noneStartIds.length > 1) problem(processId, 'The process has more than one none start event.');
  },
  function subprocessesHaveOneStart(processId, nodes, _flows, scopes, problem) {
    for (const scope of scopes.values()) {
      if (scope.id === processId) continue;
      const sub = nodes.get(scope.id)!;
      const starts = scope.nodeIds.map((id) => nodes.get(id)!).filter((n) => n.kind === 'startEvent');
      if (sub.triggeredByEvent) {
        if (starts.length !== 1 || starts[0].event?.kind === 'none') {
          problem(scope.id, 'Event subprocess needs exactly one start event with a message, signal, error or timer.');
        }
      } else if (starts.length !== 1 || scope.noneStartIds.length !== 1) {
        problem(scope.id, 'Embedded subprocess needs exactly one none start event.');
      }
    }
  },
  function gatewaysAreComplete(_processId, nodes, flows, _scopes, problem) {
    for (const node of nodes.values()) {
      if (!node.kind.endsWith('Gateway')) continue;
      if (node.outgoing.length === 0) problem(node.id, 'Gateway has no outgoing sequence flow.');
      if (node.defaultFlowId && !node.outgoing.includes(node.defaultFlowId)) {
        problem(node.id, `Default flow '${node.defaultFlowId}' is not an outgoing flow of the gateway.`);
      }
      if ((node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') && node.outgoing.length > 1) {
        for (const flowId of node.outgoing) {
          if (flowId !== node.defaultFlowId && !flows.get(flowId)?.condition) {
            problem(flowId, 'Sequence flow leaving a gateway with several paths needs a condition, or must be the default flow.');
          }
        }
      }
      if (node.kind === 'eventBasedGateway') {
        for (const flowId of node.outgoing) {
          const target = nodes.get(flows.get(flowId)!.targetId);
          const ok = target && (target.kind === 'receiveTask' || (target.kind === 'intermediateCatchEvent' && target.event?.kind !== 'none'));
          if (!ok) problem(flowId, 'An event-based gateway must lead to catch events or receive tasks only.');
        }
      }
    }
  },
  function eventsAreSupported(_processId, nodes, _flows, _scopes, problem) {
    for (const node of nodes.values()) {
      const kind = node.event?.kind;
      if (node.kind === 'boundaryEvent' && !['message', 'signal', 'error', 'timer'].includes(kind ?? 'none')) {
        problem(node.id, 'Boundary events must be message, signal, error or timer events.');
      }
      if (node.kind === 'boundaryEvent' && kind === 'error' && !node.cancelActivity) {
        problem(node.id, 'Error boundary events always interrupt (cancelActivity must be true).');
      }
      if (node.kind === 'intermediateCatchEvent' && !['message', 'signal', 'timer'].includes(kind ?? 'none')) {
        problem(node.id, 'Intermediate catch events must be message, signal or timer events.');
      }
      if (node.kind === 'intermediateThrowEvent' && !['none', 'message', 'signal'].includes(kind ?? 'none')) {
        problem(node.id, 'Intermediate throw events must be none, message or signal events.');
      }
      if (node.kind === 'startEvent' && kind === 'error' && !nodes.get(node.scopeId)?.triggeredByEvent) {
        problem(node.id, 'Error start events are only allowed in event subprocesses.');
      }
      if (node.kind === 'endEvent' && kind === 'timer') problem(node.id, 'End events cannot be timers.');
    }
  },
];
