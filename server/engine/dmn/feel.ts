/**
 * FEEL for DMN on top of `feelin`: syntax checks at parse time, and evaluation of expressions
 * (input expressions, output entries, literal expressions) and unary tests (input entries).
 *
 * Missing variables are `null`, as FEEL specifies. A call of an unknown function or an
 * unsupported construct is a model bug and throws a `DecisionError` naming the decision and cell.
 */
import { evaluate, parseExpression, parseUnaryTests, unaryTest, type Warning } from 'feelin';
import { describeType, errorText, firstFeelError, toPlainValue, truncate } from '../expressions/feel-values';
import { DecisionError } from './decision-error';

/** Where a FEEL text sits, for error messages: decision key, element id and a readable place. */
export interface FeelSite {
  decisionKey: string;
  elementId: string | null;
  place: string;
}

/** Returns why a FEEL expression (`kind: 'expression'`) or unary tests text does not parse, or null. */
export function feelSyntaxProblem(text: string, kind: 'expression' | 'unaryTests', knownNames: readonly string[] = []): string | null {
  if (text.trim() === '') return 'is empty';
  const context = Object.fromEntries(knownNames.map((name) => [name, null]));
  const tree = kind === 'expression' ? parseExpression(text, context, undefined) : parseUnaryTests(text, context, undefined);
  const error = firstFeelError(tree, text);
  if (!error) return null;
  if (error.token === '') return `does not parse: unexpected end at position ${error.from + 1}`;
  return `does not parse: unexpected '${error.token}' at position ${error.from + 1}`;
}

/** Evaluates a FEEL expression and returns the raw FEEL value (for use as a unary-test input). */
export function evaluateFeelRaw(text: string, context: Record<string, unknown>, site: FeelSite): unknown {
  let result: { value: unknown; warnings: Warning[] };
  try {
    result = evaluate(text, context, undefined);
  } catch (err) {
    throw new DecisionError(`Decision '${site.decisionKey}': cannot evaluate ${site.place}: ${errorText(err)}`, site.decisionKey, site.elementId);
  }
  failOnFatal(text, result.warnings, site);
  return result.value;
}

/** Evaluates a FEEL expression and converts the result to a plain, storable value. */
export function evaluateFeel(text: string, context: Record<string, unknown>, site: FeelSite): unknown {
  const value = evaluateFeelRaw(text, context, site);
  try {
    return toPlainValue(value);
  } catch (err) {
    throw new DecisionError(
      `Decision '${site.decisionKey}': ${site.place} returned a value that cannot be stored (${describeType(value)}): ${errorText(err)}`,
      site.decisionKey,
      site.elementId,
    );
  }
}

/** True when the input (under `'?'` in `context`) satisfies the unary tests (`-` and empty always match). */
export function matchesUnaryTests(test: string, context: Record<string, unknown>, site: FeelSite): boolean {
  if (isAnyTest(test)) return true;
  let result: { value: boolean | null; warnings: Warning[] };
  try {
    result = unaryTest(test, context, undefined);
  } catch (err) {
    throw new DecisionError(`Decision '${site.decisionKey}': cannot evaluate ${site.place}: ${errorText(err)}`, site.decisionKey, site.elementId);
  }
  failOnFatal(test, result.warnings, site);
  return result.value === true;
}

/** `-` (or an empty cell) matches any input. */
export function isAnyTest(test: string): boolean {
  const trimmed = test.trim();
  return trimmed === '' || trimmed === '-';
}

function failOnFatal(text: string, warnings: Warning[], site: FeelSite): void {
  const fatal = warnings.find((w) => w.type === 'NO_FUNCTION_FOUND' || w.type === 'UNSUPPORTED');
  if (!fatal) return;
  const where = text.slice(fatal.position.from, fatal.position.to);
  const what = fatal.type === 'UNSUPPORTED' ? 'an unsupported construct' : 'an unknown function';
  throw new DecisionError(`Decision '${site.decisionKey}': ${site.place} uses ${what} in '${truncate(where)}'`, site.decisionKey, site.elementId);
}
