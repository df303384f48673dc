import type { NodeModel } from '../model/process-model';
import type { ExecutionState } from '../runtime/state';
import type { Step } from '../runtime/step';
import { throwBpmnError } from './errors';
import { listenFor } from './listeners';
import { executeExternalTask } from './tasks';

/**
 * Events. Start events pass through; end events end their token (terminate ends the whole
 * scope, error throws a BPMN error); catch events wait; throw events signal or send and go on.
 */

export function executeStartEvent(step: Step, execution: ExecutionState, node: NodeModel): void {
  step.leave(execution, node);
}

export function executeEndEvent(step: Step, execution: ExecutionState, node: NodeModel): void {
  const event = node.event ?? { kind: 'none' };
  switch (event.kind) {
    case 'terminate': {
      step.endActivity(execution, node, false);
      const scope = step.execution(execution.parentId!);
      step.removeExecution(execution.id);
      terminateScope(step, scope, node);
      return;
    }
    case 'error':
      throwBpmnError(step, execution, event.errorCode!, event.errorMessage ?? null, { fromEndEvent: node });
      return;
    case 'signal':
      broadcastSignal(step, execution, event.name!);
      break;
    case 'message':
      if (event.externalTopic !== undefined) {
        executeExternalTask(step, execution, node, event.externalTopic, null);
        return;
      }
      break;
  }
  step.endActivity(execution, node, false);
  step.endToken(execution);
}

/** A terminate end event ends every token of its scope; the scope then completes normally. */
function terminateScope(step: Step, scope: ExecutionState, endNode: NodeModel): void {
  for (const child of step.children(scope.id)) step.cancelTree(child, `terminated by ${endNode.id}`);
  if (scope.id === step.instance.id) {
    step.completeInstance('COMPLETED', null, endNode.id);
    return;
  }
  step.completeScope(scope);
}

export function executeIntermediateThrowEvent(step: Step, execution: ExecutionState, node: NodeModel): void {
  const event = node.event ?? { kind: 'none' };
  if (event.kind === 'signal') broadcastSignal(step, execution, event.name!);
  if (event.kind === 'message' && event.externalTopic !== undefined) {
    executeExternalTask(step, execution, node, event.externalTopic, null);
    return;
  }
  step.leave(execution, node);
}

export function executeIntermediateCatchEvent(step: Step, execution: ExecutionState, node: NodeModel): void {
  listenFor(step, execution, node);
}

/**
 * Signals are broadcast to every waiting catcher of the tenant, this instance included. No case
 * data travels with a signal thrown inside a process: other cases must not see this one's data.
 */
function broadcastSignal(step: Step, _execution: ExecutionState, name: string): void {
  step.env.effects.push({ kind: 'signal', name, tenantId: step.instance.tenantId, variables: {} });
}
