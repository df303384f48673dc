/** The variables visible to an expression, flattened into one record (plain JSON values, Dates allowed). */
export type VariableLookup = Record<string, unknown>;

/** The language an expression source was recognised as. */
export type ExpressionKind = 'feel' | 'juel' | 'literal';

/**
 * An expression parsed once at deploy/compile time and evaluated many times at run time.
 * Implementations are immutable and hold no per-evaluation state.
 */
export interface CompiledExpression {
  /** The source exactly as written in the model (including a leading `=` for FEEL). */
  readonly source: string;
  readonly kind: ExpressionKind;
  /** Evaluates against the given variables; throws `ExpressionError` when evaluation fails. */
  evaluate(vars: VariableLookup): unknown;
}

/**
 * Internal extension: an expression that can explain a surprising result (for example the FEEL
 * warnings behind a `null`). Used to make condition errors actionable; not part of the public API.
 */
export interface ExplainingExpression extends CompiledExpression {
  evaluateWithNotes(vars: VariableLookup): { value: unknown; notes: string[] };
}

export function isExplaining(expr: CompiledExpression): expr is ExplainingExpression {
  return typeof (expr as Partial<ExplainingExpression>).evaluateWithNotes === 'function';
}
