/**
 * Entry point of the expression language: recognises the kind of a source string, compiles it once,
 * and evaluates it against variables.
 *
 * - `=…` is FEEL (Camunda 8), evaluated by `feelin`.
 * - a source containing `${` or `#{` is Camunda 7 EL, evaluated by our own parser (see `juel/`).
 * - anything else is a literal string, returned unchanged.
 */
import { isExplaining, type CompiledExpression, type VariableLookup } from './compiled-expression';
import { ExpressionError } from './expression-error';
import { compileFeel } from './feel';
import { compileJuel } from './juel/juel';

/** True when `source` is FEEL (`=…`) or contains an EL expression (`${` or `#{`), i.e. is not a plain literal. */
export function isExpression(source: string): boolean {
  return source.startsWith('=') || isJuel(source);
}

/** Compiles a model attribute (condition, assignee, input mapping…); throws `ExpressionError` if it does not parse. */
export function compileExpression(source: string): CompiledExpression {
  if (source.startsWith('=')) return compileFeel(source);
  if (isJuel(source)) return compileJuel(source);
  return { source, kind: 'literal', evaluate: () => source };
}

/**
 * Evaluates a sequence-flow or other condition. The result must be a boolean: `null`, strings and
 * numbers are rejected with an `ExpressionError`, as Camunda 7 and 8 both do.
 */
export function evaluateCondition(expr: CompiledExpression, vars: VariableLookup): boolean {
  const { value, notes } = isExplaining(expr) ? expr.evaluateWithNotes(vars) : { value: expr.evaluate(vars), notes: [] };
  if (typeof value === 'boolean') return value;
  const got = value === null || value === undefined ? 'null' : Array.isArray(value) ? 'a list' : value instanceof Date ? 'a date' : `a ${typeof value === 'object' ? 'map' : typeof value}`;
  const why = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  throw new ExpressionError(`Condition '${expr.source}' must evaluate to a boolean but returned ${got}${why}`, expr.source);
}

/** For the deploy validator: the reason `source` does not compile, or null when it is fine. */
export function parseCheck(source: string): string | null {
  try {
    compileExpression(source);
    return null;
  } catch (err) {
    if (err instanceof ExpressionError) return err.message;
    throw err;
  }
}

function isJuel(source: string): boolean {
  return source.includes('${') || source.includes('#{');
}
