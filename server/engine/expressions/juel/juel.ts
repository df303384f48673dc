import type { CompiledExpression, VariableLookup } from '../compiled-expression';
import { ExpressionError } from '../expression-error';
import type { TemplatePart } from './ast';
import { evaluateTemplate } from './evaluator';
import { parseTemplate } from './template';
import { JuelSyntaxError } from './tokenizer';

/** Compiles a Camunda 7 `${…}` / `#{…}` source (single expression or composite template). */
export function compileJuel(source: string): CompiledExpression {
  let parts: TemplatePart[];
  try {
    parts = parseTemplate(source);
  } catch (err) {
    if (err instanceof JuelSyntaxError) {
      throw new ExpressionError(`Cannot parse expression '${source}' at position ${err.pos + 1}: ${err.message}`, source);
    }
    throw err;
  }
  return {
    source,
    kind: 'juel',
    evaluate: (vars: VariableLookup) => evaluateTemplate(parts, vars, source),
  };
}
