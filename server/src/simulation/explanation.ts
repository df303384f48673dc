/**
 * Why a training simulation is where it is: the decisions its gateways took (and the condition
 * that held, with the values it read), where each current position can go next, and the deadlines
 * running now. Trainees learn the procedure from this, so it is built from the deployed models
 * themselves and the sandbox's own history, never from a separate description that could drift.
 * Plain TypeScript: the simulation hands over what it knows; nothing here touches the engine.
 */
import type { HistoricActivityInstance, NodeModel, ProcessModel } from '../../engine';

export interface Decision {
  gatewayId: string;
  gatewayName: string | null;
  flowId: string;
  flowName: string | null;
  targetId: string;
  targetName: string | null;
  /** The condition's expression text; null on a flow without one (the default flow). */
  condition: string | null;
  isDefault: boolean;
  /** The variables the condition names (for a default flow: those its sibling conditions name), as they are now. */
  values: Record<string, unknown>;
}

export interface NextStep {
  flowName: string | null;
  targetId: string;
  targetName: string | null;
  condition: string | null;
  isDefault: boolean;
  /** Set when the flow runs through a gateway: this is one of that gateway's outgoing flows. */
  viaGatewayName?: string | null;
}

export interface Deadline {
  /** The timer event (or, for a task's due date, the task) the job belongs to. */
  timerId: string;
  timerName: string | null;
  attachedToId: string | null;
  attachedToName: string | null;
  due: string | null;
  interrupting: boolean;
  /** The name of what the timer leads to when it fires. */
  leadsToName: string | null;
}

export interface Explanation {
  decisions: Decision[];
  next: { activityId: string; name: string | null; leadsTo: NextStep[] }[];
  deadlines: Deadline[];
}

/** What the simulation knows, handed to `explain`. */
export interface ExplanationSource {
  /** The deployed process models, by process key. */
  models: ReadonlyMap<string, ProcessModel>;
  /** Every activity instance of the sandbox, in the order they started. */
  activities: readonly HistoricActivityInstance[];
  /** Where the cases are now. */
  positions: readonly { processKey: string; activityId: string }[];
  /** The pending timer jobs of the simulation's cases. */
  timers: readonly { processKey: string; activityId: string; due: string | null }[];
  /** The current variables of a case (running or ended). */
  variablesOf(processInstanceId: string): Record<string, unknown>;
}

const DECIDING = new Set<NodeModel['kind']>(['exclusiveGateway', 'inclusiveGateway']);
const GATEWAYS = new Set<NodeModel['kind']>(['exclusiveGateway', 'inclusiveGateway', 'parallelGateway', 'eventBasedGateway']);

export function explain(source: ExplanationSource): Explanation {
  return { decisions: decisionsOf(source), next: nextOf(source), deadlines: deadlinesOf(source) };
}

/**
 * Each pass of a gateway with a choice (two or more outgoing flows) and the branch it took: the
 * next activity instance of the same case that is a target of one of its flows and started when
 * the gateway ended (an inclusive gateway may take several).
 */
function decisionsOf(source: ExplanationSource): Decision[] {
  const { activities, models } = source;
  const decisions: Decision[] = [];
  activities.forEach((pass, i) => {
    const model = models.get(pass.processDefinitionKey);
    const gateway = model?.nodes.get(pass.activityId);
    if (!model || !gateway || !DECIDING.has(gateway.kind) || gateway.outgoing.length < 2 || pass.endTime === null) return;
    const flows = gateway.outgoing.map((id) => model.flows.get(id)).filter((f) => f !== undefined);
    const taken = new Set<string>();
    for (const later of activities.slice(i + 1)) {
      if (later.processInstanceId !== pass.processInstanceId) continue;
      if (later.activityId === pass.activityId) break;
      if (later.startTime !== pass.endTime) continue;
      const flow = flows.find((f) => f.targetId === later.activityId && !taken.has(f.id));
      if (!flow) continue;
      taken.add(flow.id);
      const isDefault = gateway.defaultFlowId === flow.id;
      const conditions = flow.condition ? [flow.condition.source] : flows.filter((f) => f.condition).map((f) => f.condition!.source);
      decisions.push({
        gatewayId: gateway.id,
        gatewayName: gateway.name,
        flowId: flow.id,
        flowName: flow.name,
        targetId: flow.targetId,
        targetName: model.nodes.get(flow.targetId)?.name ?? null,
        condition: flow.condition?.source ?? null,
        isDefault,
        values: namedValues(conditions, source.variablesOf(pass.processInstanceId)),
      });
      if (gateway.kind === 'exclusiveGateway') break;
    }
  });
  return decisions;
}

/** For every current position, its outgoing flows; a flow into a gateway is shown as that gateway's flows. */
function nextOf(source: ExplanationSource): Explanation['next'] {
  const seen = new Set<string>();
  const next: Explanation['next'] = [];
  for (const { processKey, activityId } of source.positions) {
    const model = source.models.get(processKey);
    const node = model?.nodes.get(activityId);
    if (!model || !node || seen.has(`${processKey}:${activityId}`)) continue;
    seen.add(`${processKey}:${activityId}`);
    const leadsTo: NextStep[] = [];
    for (const flowId of node.outgoing) {
      const flow = model.flows.get(flowId);
      const target = flow ? model.nodes.get(flow.targetId) : undefined;
      if (!flow) continue;
      if (target && GATEWAYS.has(target.kind)) {
        for (const onward of target.outgoing) {
          const step = stepOf(model, target, onward);
          if (step) leadsTo.push({ ...step, viaGatewayName: target.name });
        }
      } else {
        const step = stepOf(model, node, flowId);
        if (step) leadsTo.push(step);
      }
    }
    next.push({ activityId, name: node.name, leadsTo });
  }
  return next;
}

function stepOf(model: ProcessModel, from: NodeModel, flowId: string): NextStep | null {
  const flow = model.flows.get(flowId);
  if (!flow) return null;
  return {
    flowName: flow.name,
    targetId: flow.targetId,
    targetName: model.nodes.get(flow.targetId)?.name ?? null,
    condition: flow.condition?.source ?? null,
    isDefault: from.defaultFlowId === flow.id,
  };
}

/** The pending timers: the timer event, what it is attached to, and what happens when it fires. */
function deadlinesOf(source: ExplanationSource): Deadline[] {
  return source.timers.map(({ processKey, activityId, due }) => {
    const model = source.models.get(processKey);
    const node = model?.nodes.get(activityId);
    if (!model || !node || node.event?.kind !== 'timer') {
      // A task's due date: when it passes, the task is marked overdue and its people are told.
      return { timerId: activityId, timerName: 'Due date', attachedToId: activityId, attachedToName: node?.name ?? null, due, interrupting: false, leadsToName: null };
    }
    const attached = node.attachedToId ? model.nodes.get(node.attachedToId) : undefined;
    const firstFlow = node.outgoing.length ? model.flows.get(node.outgoing[0]) : undefined;
    const leadsTo = firstFlow ? model.nodes.get(firstFlow.targetId) : undefined;
    // Boundary events and event-subprocess starts may interrupt; an intermediate timer only waits.
    const interrupting = node.kind === 'boundaryEvent' || (node.kind === 'startEvent' && node.scopeId !== model.id) ? node.cancelActivity : false;
    return {
      timerId: activityId,
      timerName: node.name,
      attachedToId: node.attachedToId,
      attachedToName: attached?.name ?? null,
      due,
      interrupting,
      leadsToName: leadsTo?.name ?? null,
    };
  });
}

/** The variables an expression names: its identifiers (outside string literals) and `getVariable('…')` arguments. */
export function namesIn(expression: string): string[] {
  const quoted = [...expression.matchAll(/getVariable\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const bare = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ').match(/[A-Za-z_]\w*/g) ?? [];
  return [...new Set([...quoted, ...bare])];
}

function namedValues(expressions: string[], variables: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of expressions.flatMap(namesIn)) if (Object.prototype.hasOwnProperty.call(variables, name)) values[name] = variables[name];
  return values;
}
