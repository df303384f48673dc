/**
 * Expressions in process models: FEEL (`=amount > 100`), Camunda 7 EL (`${amount > 100}`,
 * `Hello ${name}`) and plain literals. Compile once when a model is deployed (`compileExpression`,
 * or `parseCheck` to collect problems), then evaluate per execution with the visible variables.
 * See docs/expressions.md for the supported syntax.
 */
export type { CompiledExpression, ExpressionKind, VariableLookup } from './compiled-expression';
export { ExpressionError } from './expression-error';
export { compileExpression, evaluateCondition, isExpression, parseCheck } from './expression';
