import type { NodeModel } from '../model/process-model';
import type { ExecutionState, TypedValue } from '../runtime/state';
import type { Step } from '../runtime/step';
import { typedValueOf, visibleTypedVariables } from '../runtime/variables';
import { throwBpmnError } from './errors';
import { listenFor } from './listeners';

/**
 * Embedded subprocesses turn their token into a scope and start inside it; call activities wait
 * while the unit of work starts the called process, and continue when it completes.
 */

export function executeSubProcess(step: Step, execution: ExecutionState, node: NodeModel): void {
  execution.phase = 'scope';
  listenForEventSubprocesses(step, execution, node.id);
  const scope = step.model.scopes.get(node.id)!;
  const start = step.node(scope.noneStartIds[0]);
  const token = step.newExecution(execution.id, start.id);
  step.schedule(() => step.enter(token, start, null));
}

/** The message, signal and timer starts of a scope's event subprocesses listen on the scope. */
export function listenForEventSubprocesses(step: Step, scopeExecution: ExecutionState, scopeModelId: string): void {
  const scope = step.model.scopes.get(scopeModelId);
  if (!scope) return;
  for (const espId of scope.eventSubProcessIds) {
    for (const nodeId of step.model.scopes.get(espId)!.nodeIds) {
      const node = step.node(nodeId);
      if (node.kind === 'startEvent' && node.event && node.event.kind !== 'error') listenFor(step, scopeExecution, node);
    }
  }
}

export function executeCallActivity(step: Step, execution: ExecutionState, node: NodeModel): void {
  const spec = node.callActivity!;
  const calledElement = String(step.evaluate(spec.calledElement, execution.id, node.id));
  const variables: Record<string, TypedValue> = {};
  let businessKey: string | null = null;
  for (const input of spec.inputs) {
    if (input.businessKey) {
      const value = step.evaluate(input.businessKey, execution.id, node.id);
      businessKey = value == null ? null : String(value);
    } else if (input.all) {
      Object.assign(variables, visibleTypedVariables(step.instance, execution.id));
    } else if (input.target) {
      variables[input.target] = input.sourceExpression
        ? typedValueOf(step.evaluate(input.sourceExpression, execution.id, node.id))
        : (visibleTypedVariables(step.instance, execution.id)[input.source!] ?? { type: 'Null', value: null });
    }
  }
  const tenant = spec.tenantId ? step.evaluate(spec.tenantId, execution.id, node.id) : step.instance.tenantId;
  step.env.effects.push({
    kind: 'start-child',
    superInstanceId: step.instance.id,
    superExecutionId: execution.id,
    calledElement,
    binding: spec.binding,
    version: spec.version,
    deploymentId: step.definition.deploymentId,
    tenantId: tenant == null ? null : String(tenant),
    businessKey,
    variables,
  });
}

/** The called instance completed: `camunda:out` mappings, then the call activity completes. */
export function calledInstanceCompleted(step: Step, execution: ExecutionState, childVariables: Record<string, TypedValue>): void {
  const node = step.node(execution.activityId!);
  execution.calledInstanceId = null;
  const plain = Object.fromEntries(Object.entries(childVariables).map(([k, v]) => [k, v.value]));
  for (const output of node.callActivity!.outputs) {
    if (output.all) {
      for (const [name, value] of Object.entries(childVariables)) step.setVariable(execution.id, name, value);
    } else if (output.target) {
      const value = output.sourceExpression
        ? typedValueOf(output.sourceExpression.evaluate(plain))
        : (childVariables[output.source!] ?? { type: 'Null', value: null });
      if (output.local) step.setLocalVariable(execution.id, output.target, value);
      else step.setVariable(execution.id, output.target, value);
    }
  }
  step.leave(execution, node);
}

/** The called instance threw a BPMN error nobody inside caught: it surfaces at the call activity. */
export function calledInstanceFailed(step: Step, execution: ExecutionState, errorCode: string, errorMessage: string | null): void {
  execution.calledInstanceId = null;
  throwBpmnError(step, execution, errorCode, errorMessage);
}
