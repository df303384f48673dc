/**
 * DMN 1.3 decisions for the Safepath engine: `parseDmn` reads a resource (as Camunda Modeler /
 * dmn-js save it) into checked, immutable decisions plus problems; `evaluateDecision` evaluates a
 * decision and the decisions it requires against variables; `mapDecisionResult` shapes the result
 * for a business rule task's `camunda:resultVariable`. See docs/dmn.md.
 */
export type {
  Aggregation,
  DecisionModel,
  DecisionProblem,
  DecisionTableModel,
  HitPolicy,
  InputModel,
  LiteralExpressionModel,
  OutputModel,
  RuleModel,
} from './decision-model';
export { DecisionError } from './decision-error';
export { parseDmn, type ParsedDmn } from './parse';
export { evaluateDecision, type DecisionResult } from './evaluate';
export { DECISION_RESULT_MAPPINGS, mapDecisionResult, type DecisionResultMapping } from './map-decision-result';
