import type { NodeModel } from '../model/process-model';
import type { ExecutionState } from '../runtime/state';
import type { Step } from '../runtime/step';
import { typedValueOf } from '../runtime/variables';

/**
 * BPMN error propagation. From where the error is thrown, walk outwards: each scope's error
 * event subprocesses, then the error boundary events of the activity that scope belongs to,
 * and finally the calling instance's call activity. The first matching catcher wins.
 */
export interface ThrowOptions {
  /** Thrown by an error end event (its token ends); otherwise by an activity (external task). */
  fromEndEvent?: NodeModel;
}

export function throwBpmnError(step: Step, origin: ExecutionState, errorCode: string, errorMessage: string | null, options: ThrowOptions = {}): void {
  let current: ExecutionState | undefined;
  if (options.fromEndEvent) {
    step.endActivity(origin, options.fromEndEvent, false);
    // The end event has completed: its token is gone, so catching the error must not cancel it.
    step.removeExecution(origin.id);
    current = origin.parentId ? step.findExecution(origin.parentId) : undefined;
  } else {
    current = origin;
  }
  while (current) {
    if (current.phase === 'scope') {
      const eventSubprocessStart = findErrorEventSubprocess(step, current, errorCode);
      if (eventSubprocessStart) {
        setErrorVariables(step, current, eventSubprocessStart, errorCode, errorMessage);
        startEventSubprocess(step, current, eventSubprocessStart, true);
        return;
      }
    }
    if (current.id !== step.instance.id && current.activityId) {
      const host = step.node(current.activityId);
      const inner = host.multiInstance && step.isInnerInstance(current, host);
      const boundary = inner ? undefined : findErrorBoundary(step, host, errorCode);
      if (boundary) {
        step.interrupt(current, `error ${errorCode}`);
        setErrorVariables(step, current, boundary, errorCode, errorMessage);
        step.enter(current, boundary, null);
        return;
      }
    }
    current = current.parentId ? step.findExecution(current.parentId) : undefined;
  }
  uncaught(step, origin, errorCode, errorMessage, options);
}

function uncaught(step: Step, origin: ExecutionState, errorCode: string, errorMessage: string | null, options: ThrowOptions): void {
  if (step.instance.superInstanceId) {
    step.env.effects.push({
      kind: 'child-error',
      superInstanceId: step.instance.superInstanceId,
      superExecutionId: step.instance.superExecutionId!,
      errorCode,
      errorMessage,
    });
    step.completeInstance('INTERNALLY_TERMINATED', `BPMN error ${errorCode} passed to the calling process`);
    return;
  }
  if (options.fromEndEvent) {
    // Camunda 7: an error end event nobody catches behaves like a none end event.
    step.endToken(origin);
    return;
  }
  const node = step.node(origin.activityId!);
  step.raiseIncident(origin, node, 'unhandledError', `BPMN error '${errorCode}' was thrown but no boundary event or event subprocess catches it.`);
}

function matches(catcher: NodeModel, errorCode: string): boolean {
  return catcher.event?.kind === 'error' && (catcher.event.errorCode === undefined || catcher.event.errorCode === errorCode);
}

/** A specific error code wins over a catch-all. */
function best(catchers: NodeModel[], errorCode: string): NodeModel | undefined {
  const matching = catchers.filter((c) => matches(c, errorCode));
  return matching.find((c) => c.event?.errorCode === errorCode) ?? matching[0];
}

function findErrorBoundary(step: Step, host: NodeModel, errorCode: string): NodeModel | undefined {
  return best(host.boundaryEventIds.map((id) => step.node(id)), errorCode);
}

function findErrorEventSubprocess(step: Step, scope: ExecutionState, errorCode: string): NodeModel | undefined {
  const scopeModelId = scope.id === step.instance.id ? step.model.id : scope.activityId!;
  const scopeModel = step.model.scopes.get(scopeModelId);
  if (!scopeModel) return undefined;
  const starts = scopeModel.eventSubProcessIds.flatMap((espId) =>
    step.model.scopes.get(espId)!.nodeIds.map((id) => step.node(id)).filter((n) => n.kind === 'startEvent'),
  );
  return best(starts, errorCode);
}

function setErrorVariables(step: Step, at: ExecutionState, catcher: NodeModel, errorCode: string, errorMessage: string | null): void {
  const target = at.parentId ?? step.instance.id;
  if (catcher.event?.errorCodeVariable) step.setVariable(target, catcher.event.errorCodeVariable, typedValueOf(errorCode));
  if (catcher.event?.errorMessageVariable) step.setVariable(target, catcher.event.errorMessageVariable, typedValueOf(errorMessage));
}

/**
 * Starts an event subprocess inside `scope` at `start`. An interrupting one first cancels
 * every other token of the scope and its other event listeners.
 */
export function startEventSubprocess(step: Step, scope: ExecutionState, start: NodeModel, interrupting: boolean): void {
  if (interrupting) {
    for (const child of step.children(scope.id)) step.cancelTree(child, `interrupted by ${start.id}`);
    step.removeListeners(scope.id);
  }
  const subprocess = step.node(start.scopeId);
  const espScope = step.newExecution(scope.id, subprocess.id, 'scope');
  step.startActivity(espScope, subprocess);
  espScope.phase = 'scope';
  const token = step.newExecution(espScope.id, start.id);
  step.schedule(() => step.enter(token, start, null));
}
