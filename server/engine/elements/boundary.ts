import type { NodeModel } from '../model/process-model';
import type { ExecutionState } from '../runtime/state';
import type { Step } from '../runtime/step';
import { scheduleTimer, listenFor } from './listeners';

/**
 * Boundary events listen while their activity runs. An interrupting one stops the activity
 * (and everything inside it) and takes the activity's token out along its own flow; a
 * non-interrupting one forks a new token and leaves the activity running.
 */

export function listenForBoundaryEvents(step: Step, execution: ExecutionState, node: NodeModel): void {
  for (const id of node.boundaryEventIds) {
    const boundary = step.node(id);
    if (boundary.event?.kind !== 'error') listenFor(step, execution, boundary);
  }
}

export function triggerBoundaryEvent(step: Step, host: ExecutionState, boundary: NodeModel, firedJob?: { repeat?: { cycle: string; remaining: number | null } }): void {
  if (boundary.cancelActivity) {
    step.interrupt(host, `interrupted by ${boundary.id}`);
    step.enter(host, boundary, null);
    return;
  }
  if (firedJob?.repeat) scheduleTimer(step, host, boundary, firedJob.repeat);
  const token = step.newExecution(host.parentId ?? step.instance.id, boundary.id);
  step.enter(token, boundary, null);
}

export function executeBoundaryEvent(step: Step, execution: ExecutionState, node: NodeModel): void {
  step.leave(execution, node);
}
