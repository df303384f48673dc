import type { FlowModel, NodeModel } from '../model/process-model';
import { flowOf } from '../model/process-model';
import type { ExecutionState } from '../runtime/state';
import type { Step } from '../runtime/step';
import { listenFor } from './listeners';

/**
 * Gateways. Exclusive: the first flow whose condition holds, else the default, else an incident.
 * Parallel: a join waits for a token on every incoming flow; a fork takes every outgoing flow.
 * Inclusive: a join waits until no other token of its scope can still reach it; a fork takes
 * every flow whose condition holds (or the default). Event-based: waits for the first event.
 */

export function executeExclusiveGateway(step: Step, execution: ExecutionState, node: NodeModel): void {
  const vars = step.variablesOf(execution.id);
  const flows = node.outgoing.map((id) => flowOf(step.model, id));
  const chosen =
    flows.length === 1 && !flows[0].condition
      ? flows[0]
      : (flows.find((f) => f.id !== node.defaultFlowId && f.condition && step.condition(f.condition, vars, f.id)) ??
        flows.find((f) => f.id === node.defaultFlowId));
  if (!chosen) {
    noMatchingFlow(step, execution, node);
    return;
  }
  step.endActivity(execution, node, false);
  step.takeFlows(execution, [chosen]);
}

function noMatchingFlow(step: Step, execution: ExecutionState, node: NodeModel): void {
  step.raiseIncident(
    execution,
    node,
    'noMatchingFlow',
    `No outgoing sequence flow of gateway '${node.name ?? node.id}' matches and there is no default flow. Set the variables the conditions need, then retry.`,
  );
}

export function executeParallelGateway(step: Step, execution: ExecutionState, node: NodeModel): void {
  if (node.incoming.length > 1) {
    execution.phase = 'joining';
    const siblings = joiningAt(step, execution, node);
    const arrived = new Set(siblings.map((s) => s.arrivedBy));
    if (!node.incoming.every((flowId) => arrived.has(flowId))) return;
    const merged = mergeJoin(step, execution, node, siblings, node.incoming);
    fork(step, merged, node, node.outgoing.map((id) => flowOf(step.model, id)));
    return;
  }
  fork(step, execution, node, node.outgoing.map((id) => flowOf(step.model, id)));
}

export function executeInclusiveGateway(step: Step, execution: ExecutionState, node: NodeModel): void {
  if (node.incoming.length > 1) {
    execution.phase = 'joining';
    step.schedule(() => tryInclusiveJoin(step, execution.parentId!, node));
    return;
  }
  inclusiveFork(step, execution, node);
}

function inclusiveFork(step: Step, execution: ExecutionState, node: NodeModel): void {
  const vars = step.variablesOf(execution.id);
  const flows = node.outgoing.map((id) => flowOf(step.model, id));
  let taken = flows.filter((f) => f.id !== node.defaultFlowId && (!f.condition || step.condition(f.condition, vars, f.id)));
  if (taken.length === 0) taken = flows.filter((f) => f.id === node.defaultFlowId);
  if (taken.length === 0) {
    noMatchingFlow(step, execution, node);
    return;
  }
  fork(step, execution, node, taken);
}

/** Re-examines inclusive joins of a scope after a token there ended or moved. */
export function recheckInclusiveJoins(step: Step, scopeId: string): void {
  const gateways = new Set(
    step
      .children(scopeId)
      .filter((e) => e.phase === 'joining' && e.activityId && step.node(e.activityId).kind === 'inclusiveGateway')
      .map((e) => e.activityId!),
  );
  for (const gatewayId of gateways) tryInclusiveJoin(step, scopeId, step.node(gatewayId));
}

function tryInclusiveJoin(step: Step, scopeId: string, node: NodeModel): void {
  const waiting = step.children(scopeId).filter((e) => e.phase === 'joining' && e.activityId === node.id);
  if (waiting.length === 0) return;
  const others = step.children(scopeId).filter((e) => !(e.phase === 'joining' && e.activityId === node.id));
  const canStillArrive = others.some((e) => e.activityId && (e.activityId === node.id || step.model.reachable.get(e.activityId)?.has(node.id)));
  if (canStillArrive) return;
  const merged = mergeJoin(step, waiting[0], node, waiting, null);
  inclusiveFork(step, merged, node);
}

function joiningAt(step: Step, execution: ExecutionState, node: NodeModel): ExecutionState[] {
  return step.children(execution.parentId!).filter((e) => e.phase === 'joining' && e.activityId === node.id);
}

/** Merges the joining tokens into one (one per incoming flow for parallel joins). */
function mergeJoin(step: Step, survivor: ExecutionState, node: NodeModel, siblings: ExecutionState[], perFlow: string[] | null): ExecutionState {
  const consumed: ExecutionState[] = [];
  if (perFlow) {
    for (const flowId of perFlow) {
      const token = flowId === survivor.arrivedBy ? survivor : siblings.find((s) => s.arrivedBy === flowId && !consumed.includes(s) && s !== survivor)!;
      consumed.push(token);
    }
  } else {
    consumed.push(...siblings);
  }
  for (const token of consumed) {
    if (token === survivor) continue;
    step.endActivity(token, node, false);
    step.removeExecution(token.id);
  }
  survivor.phase = 'waiting';
  survivor.arrivedBy = null;
  return survivor;
}

function fork(step: Step, execution: ExecutionState, node: NodeModel, flows: FlowModel[]): void {
  execution.phase = 'waiting';
  step.endActivity(execution, node, false);
  if (flows.length === 0) {
    step.endToken(execution);
    return;
  }
  step.takeFlows(execution, flows);
}

export function executeEventBasedGateway(step: Step, execution: ExecutionState, node: NodeModel): void {
  execution.phase = 'event-gateway';
  for (const flowId of node.outgoing) listenFor(step, execution, step.node(flowOf(step.model, flowId).targetId));
}

/** The first event behind an event-based gateway happened: the token goes there. */
export function eventGatewayTriggered(step: Step, execution: ExecutionState, target: NodeModel): void {
  const gateway = step.node(execution.activityId!);
  step.endActivity(execution, gateway, false);
  execution.phase = 'waiting';
  execution.activityId = target.id;
  execution.arrivedBy = gateway.outgoing.find((f) => flowOf(step.model, f).targetId === target.id) ?? null;
  step.startActivity(execution, target);
  step.leave(execution, target);
}
