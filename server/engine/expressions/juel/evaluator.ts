/**
 * Tree-walking evaluator for parsed EL (no `eval`, no `Function`). Identifiers resolve against the
 * flattened variables; `execution.getVariable('x')` / `hasVariable('x')` read the same variables.
 */
import type { VariableLookup } from '../compiled-expression';
import { ExpressionError } from '../expression-error';
import type { Node, TemplatePart } from './ast';
import { arithmetic, compare, EvalFailure, isEmpty, isMap, looseEquals, negate, toBoolean, toText, typeName } from './coercion';
import { callMethod, ownValue } from './methods';

const EXECUTION = 'execution';
const EXECUTION_METHODS = ['getVariable', 'getVariableLocal', 'hasVariable', 'hasVariableLocal'];

/**
 * Evaluates template parts: one expression alone yields its raw value, anything else the
 * concatenated text (null renders as ''). Throws `ExpressionError` mentioning `source`.
 */
export function evaluateTemplate(parts: readonly TemplatePart[], vars: VariableLookup, source: string): unknown {
  const evaluator = new Evaluator(vars, source);
  try {
    if (parts.length === 1 && parts[0].kind === 'expr') return evaluator.evaluate(parts[0].node);
    return parts.map((part) => (part.kind === 'text' ? part.text : toText(evaluator.evaluate(part.node)))).join('');
  } catch (err) {
    if (err instanceof EvalFailure) throw new ExpressionError(`Cannot evaluate expression '${source}': ${err.message}`, source);
    throw err;
  }
}

class Evaluator {
  constructor(
    private readonly vars: VariableLookup,
    private readonly source: string,
  ) {}

  evaluate(node: Node): unknown {
    switch (node.type) {
      case 'literal':
        return node.value;
      case 'identifier':
        return this.identifier(node.name);
      case 'member':
        return this.member(this.evaluate(node.object), this.evaluate(node.property));
      case 'call':
        return this.call(node.object, node.method, node.args.map((arg) => this.evaluate(arg)));
      case 'unary':
        return this.unary(node.op, node.operand);
      case 'conditional':
        return toBoolean(this.evaluate(node.test)) ? this.evaluate(node.then) : this.evaluate(node.otherwise);
      case 'binary':
        return this.binary(node.op, node.left, node.right);
    }
  }

  private identifier(name: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.vars, name)) return this.vars[name] ?? null;
    if (name === EXECUTION) throw new EvalFailure(`'execution' can only be used to call ${EXECUTION_METHODS.map((m) => `${m}(name)`).join(', ')}`);
    // Camunda 7's wording, so existing incident handling and docs still apply.
    throw new ExpressionError(`Unknown property used in expression: ${this.source}. Cannot resolve identifier '${name}'`, this.source);
  }

  private member(object: unknown, key: unknown): unknown {
    // EL yields null when the base is null, e.g. `${customer.address}` with customer = null.
    if (object === null || object === undefined) return null;
    if (Array.isArray(object)) {
      const index = typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : NaN;
      if (!Number.isInteger(index)) throw new EvalFailure(`cannot read property '${toText(key)}' of a list (use a numeric index)`);
      return index >= 0 && index < object.length ? (object[index] ?? null) : null;
    }
    if (isMap(object)) return ownValue(object, toText(key));
    throw new EvalFailure(`cannot read property '${toText(key)}' of a ${typeName(object)}`);
  }

  private call(objectNode: Node, method: string, args: unknown[]): unknown {
    if (objectNode.type === 'identifier' && objectNode.name === EXECUTION && !Object.prototype.hasOwnProperty.call(this.vars, EXECUTION)) {
      return this.executionCall(method, args);
    }
    return callMethod(this.evaluate(objectNode), method, args);
  }

  private executionCall(method: string, args: unknown[]): unknown {
    if (!EXECUTION_METHODS.includes(method)) {
      throw new EvalFailure(`execution.${method}() is not supported (supported: ${EXECUTION_METHODS.join(', ')})`);
    }
    if (args.length !== 1 || typeof args[0] !== 'string') throw new EvalFailure(`execution.${method}() takes one variable name`);
    const name = args[0];
    const present = Object.prototype.hasOwnProperty.call(this.vars, name);
    if (method.startsWith('has')) return present;
    return present ? (this.vars[name] ?? null) : null;
  }

  private unary(op: '-' | '!' | 'empty', operand: Node): unknown {
    const value = this.evaluate(operand);
    switch (op) {
      case '-':
        return negate(value);
      case '!':
        return !toBoolean(value);
      case 'empty':
        return isEmpty(value);
    }
  }

  private binary(op: Extract<Node, { type: 'binary' }>['op'], leftNode: Node, rightNode: Node): unknown {
    // Logical operators short-circuit, so the right side may reference variables that only exist
    // when the left side holds (`${hasOrder && order.total > 0}`).
    if (op === '&&') return toBoolean(this.evaluate(leftNode)) && toBoolean(this.evaluate(rightNode));
    if (op === '||') return toBoolean(this.evaluate(leftNode)) || toBoolean(this.evaluate(rightNode));
    const left = this.evaluate(leftNode);
    const right = this.evaluate(rightNode);
    switch (op) {
      case '==':
        return looseEquals(left, right);
      case '!=':
        return !looseEquals(left, right);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(op, left, right);
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return arithmetic(op, left, right);
    }
  }
}

