/**
 * FEEL (Camunda 8 style, source starts with `=`) on top of `feelin`.
 *
 * Lifecycle: `compileFeel` parses the body once with an empty context and rejects syntax errors
 * (lezer error nodes). `evaluate` hands the body and the variables to `feelin`, which re-parses with
 * the real context (FEEL names may contain spaces), then converts the result to plain values.
 *
 * Warnings: a missing variable, context entry or property is `null`, as FEEL specifies. A call of an
 * unknown function and unsupported constructs are model bugs and throw. Other warnings (type
 * mismatches, invalid arguments) also yield `null`, but are kept as notes so that a condition which
 * ends up `null` can say why.
 */
import { evaluate, parseExpression, type Warning } from 'feelin';
import type { ExplainingExpression, VariableLookup } from './compiled-expression';
import { ExpressionError } from './expression-error';
import { describeType, errorText, firstFeelError, toPlainValue, truncate } from './feel-values';

const SILENT_WARNINGS = new Set(['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND', 'NO_PROPERTY_FOUND']);

/** A FEEL syntax error; `position` is 1-based in the full source (counting the leading `=`). */
export interface FeelSyntaxProblem {
  message: string;
  position: number;
}

/** Finds the first syntax error in a FEEL body (the text after `=`), or null when it parses. */
export function feelSyntaxError(body: string): FeelSyntaxProblem | null {
  if (body.trim() === '') return { message: 'empty expression', position: body.length + 2 };
  const error = firstFeelError(parseExpression(body, {}, undefined), body);
  if (!error) return null;
  const position = error.from + 2;
  return error.token === '' ? { message: 'unexpected end of expression', position } : { message: `unexpected '${error.token}'`, position };
}

/** Compiles a FEEL source (`=...`); throws `ExpressionError` on a syntax error. */
export function compileFeel(source: string): ExplainingExpression {
  const body = source.slice(1);
  const syntaxError = feelSyntaxError(body);
  if (syntaxError) {
    throw new ExpressionError(`Cannot parse FEEL expression '${source}' at position ${syntaxError.position}: ${syntaxError.message}`, source);
  }
  return new FeelExpression(source, body);
}

class FeelExpression implements ExplainingExpression {
  readonly kind = 'feel' as const;

  constructor(
    readonly source: string,
    private readonly body: string,
  ) {}

  evaluate(vars: VariableLookup): unknown {
    return this.evaluateWithNotes(vars).value;
  }

  evaluateWithNotes(vars: VariableLookup): { value: unknown; notes: string[] } {
    let result: { value: unknown; warnings: Warning[] };
    try {
      result = evaluate(this.body, vars, undefined);
    } catch (err) {
      throw new ExpressionError(`Cannot evaluate FEEL expression '${this.source}': ${errorText(err)}`, this.source);
    }
    const fatal = result.warnings.find((w) => w.type === 'NO_FUNCTION_FOUND' || w.type === 'UNSUPPORTED');
    if (fatal) {
      const where = this.body.slice(fatal.position.from, fatal.position.to);
      const what = fatal.type === 'UNSUPPORTED' ? 'an unsupported construct' : 'an unknown function';
      throw new ExpressionError(`FEEL expression '${this.source}' uses ${what} in '${truncate(where)}'`, this.source);
    }
    const notes = result.warnings.filter((w) => !SILENT_WARNINGS.has(w.type)).map(describeWarning);
    try {
      return { value: toPlainValue(result.value), notes };
    } catch (err) {
      throw new ExpressionError(`FEEL expression '${this.source}' returned a value that cannot be stored: ${errorText(err)}`, this.source);
    }
  }
}

/** Renders a warning from its template with value types in place of values (no case data). */
function describeWarning(warning: Warning): string {
  const { template, values } = warning.details;
  return Object.entries(values).reduce((text, [key, value]) => text.replace(`{${key}}`, describeType(value)), template);
}
