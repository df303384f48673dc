import { EngineError, EngineErrorCode } from '../engine-error';
import type { NodeModel } from '../model/process-model';
import type { ExecutionState } from '../runtime/state';
import type { Step } from '../runtime/step';
import { typedValueOf } from '../runtime/variables';

/**
 * Multi-instance activities. The token becomes the "body" scope holding `nrOfInstances`,
 * `nrOfCompletedInstances` and `nrOfActiveInstances`; each inner instance gets `loopCounter`
 * and the element variable. Parallel bodies start every instance at once, sequential ones one
 * after another. The body completes when all instances have, or when `completionCondition`
 * holds (the remaining instances are then cancelled).
 */

export function enterBody(step: Step, body: ExecutionState, node: NodeModel): void {
  const spec = node.multiInstance!;
  const items = spec.collection ? collectionOf(step, body, node) : null;
  const count = items ? items.length : cardinalityOf(step, body, node);
  step.startActivity(body, node, 'multiInstanceBody');
  body.phase = 'scope';
  body.loop = { nrOfInstances: count, nrOfCompletedInstances: 0, nrOfActiveInstances: spec.sequential ? Math.min(1, count) : count };
  if (spec.sequential && items) body.loop.collection = items;
  setCounters(step, body);
  if (count === 0) {
    step.schedule(() => leaveBody(step, body, node));
    return;
  }
  const started = spec.sequential ? 1 : count;
  for (let i = 0; i < started; i++) startInner(step, body, node, i, items ? items[i] : undefined);
}

function startInner(step: Step, body: ExecutionState, node: NodeModel, index: number, item: unknown): void {
  const inner = step.newExecution(body.id, node.id);
  inner.loop = { loopCounter: index };
  step.setLocalVariable(inner.id, 'loopCounter', typedValueOf(index));
  if (node.multiInstance!.elementVariable) {
    step.setLocalVariable(inner.id, node.multiInstance!.elementVariable, typedValueOf(item ?? null));
  }
  step.schedule(() => step.enter(inner, node, null));
}

export function innerCompleted(step: Step, inner: ExecutionState, node: NodeModel): void {
  const body = step.execution(inner.parentId!);
  step.removeExecution(inner.id);
  const loop = body.loop!;
  loop.nrOfCompletedInstances = (loop.nrOfCompletedInstances ?? 0) + 1;
  loop.nrOfActiveInstances = Math.max(0, (loop.nrOfActiveInstances ?? 1) - 1);
  setCounters(step, body);
  const spec = node.multiInstance!;
  const done =
    loop.nrOfCompletedInstances >= (loop.nrOfInstances ?? 0) ||
    (spec.completionCondition !== null && step.condition(spec.completionCondition, step.variablesOf(body.id), node.id));
  if (done) {
    for (const other of step.children(body.id)) step.cancelTree(other, 'multi-instance completion condition met');
    step.schedule(() => leaveBody(step, body, node));
    return;
  }
  if (spec.sequential) {
    const index = loop.nrOfCompletedInstances;
    loop.nrOfActiveInstances = 1;
    setCounters(step, body);
    startInner(step, body, node, index, loop.collection ? loop.collection[index] : undefined);
  }
}

export function leaveBody(step: Step, body: ExecutionState, node: NodeModel): void {
  step.endActivity(body, node, false);
  body.phase = 'waiting';
  delete body.loop;
  const flows = node.outgoing.map((id) => step.model.flows.get(id)!);
  if (flows.length === 0) step.endToken(body);
  else step.takeFlows(body, flows);
}

function setCounters(step: Step, body: ExecutionState): void {
  const loop = body.loop!;
  step.setLocalVariable(body.id, 'nrOfInstances', typedValueOf(loop.nrOfInstances ?? 0));
  step.setLocalVariable(body.id, 'nrOfCompletedInstances', typedValueOf(loop.nrOfCompletedInstances ?? 0));
  step.setLocalVariable(body.id, 'nrOfActiveInstances', typedValueOf(loop.nrOfActiveInstances ?? 0));
}

function collectionOf(step: Step, body: ExecutionState, node: NodeModel): unknown[] {
  const value = step.evaluate(node.multiInstance!.collection!, body.id, node.id);
  if (!Array.isArray(value)) {
    throw new EngineError(EngineErrorCode.Expression, `Element '${node.id}': the multi-instance collection is not a list.`, { elementId: node.id });
  }
  return value;
}

function cardinalityOf(step: Step, body: ExecutionState, node: NodeModel): number {
  const value = Number(step.evaluate(node.multiInstance!.loopCardinality!, body.id, node.id));
  if (!Number.isInteger(value) || value < 0) {
    throw new EngineError(EngineErrorCode.Expression, `Element '${node.id}': loopCardinality must be a whole number of at least 0.`, { elementId: node.id });
  }
  return value;
}
