import { EngineError, EngineErrorCode } from '../engine-error';
import type { NodeModel } from '../model/process-model';
import type { ExecutionState } from '../runtime/state';
import type { Step } from '../runtime/step';

/**
 * Business rule tasks with `camunda:decisionRef` evaluate a DMN decision. Decisions are wired
 * in by the DMN support; until a decision evaluator is configured the step fails clearly.
 */
export function executeBusinessRuleTask(step: Step, execution: ExecutionState, node: NodeModel): void {
  const evaluate = step.env.evaluateDecision;
  if (!evaluate) {
    throw new EngineError(EngineErrorCode.InvalidRequest, `Element '${node.id}': no decision evaluator is configured.`, { elementId: node.id });
  }
  const spec = node.decision!;
  const key = String(step.evaluate(spec.decisionRef, execution.id, node.id));
  const result = evaluate(key, step.instance.tenantId, step.variablesOf(execution.id), spec.mapDecisionResult);
  if (spec.resultVariable) step.setVariable(execution.id, spec.resultVariable, result);
  step.leave(execution, node);
}
