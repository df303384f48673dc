/**
 * The coercion and operator rules of the Unified EL spec (JSR-245 §1.7–1.8), mapped to JSON-ish
 * values: JS numbers stand for Long/Double, arrays for lists, plain objects for maps, Date for dates.
 * Failures throw `EvalFailure`; messages name types, never values, so no case data leaks into errors.
 */

/** An evaluation failure; the evaluator adds the expression source. */
export class EvalFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalFailure';
  }
}

/** Type name used in messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'date';
  if (typeof value === 'object') return 'map';
  return typeof value;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** EL coercion to Number: null and '' are 0; numeric strings parse; anything else fails. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return 0;
    if (NUMERIC_TEXT.test(text)) return Number(text);
    throw new EvalFailure('cannot convert a non-numeric string to a number');
  }
  throw new EvalFailure(`cannot convert ${typeName(value)} to a number`);
}

/** EL coercion to Boolean: null and '' are false; strings are true only for 'true' (any case). */
export function toBoolean(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  throw new EvalFailure(`cannot convert ${typeName(value)} to a boolean`);
}

/** EL coercion to String: null is ''; dates are ISO-8601; lists and maps are JSON. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The `empty` operator: true for null, '', an empty list and an empty map. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isMap(value)) return Object.keys(value).length === 0;
  return false;
}

/** EL `==`: identity, then null, then numeric, boolean, string coercion, then structural equality. */
export function looseEquals(a: unknown, b: unknown): boolean {
  if ((a ?? null) === (b ?? null)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'string' || typeof b === 'string') return toText(a) === toText(b);
  return strictEquals(a, b);
}

/** Java `equals`: same type and same value; lists and maps compare structurally. */
export function strictEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => strictEquals(item, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && strictEquals(a[k], b[k]));
  }
  return false;
}

export type RelationalOp = '<' | '>' | '<=' | '>=';

/** EL relational operators: null compares false, numbers numerically, strings lexically, dates by time. */
export function compare(op: RelationalOp, a: unknown, b: unknown): boolean {
  if (a === b && a !== undefined) return op === '<=' || op === '>=';
  if (a === null || a === undefined || b === null || b === undefined) return false;
  let order: number;
  if (typeof a === 'number' || typeof b === 'number') {
    order = Math.sign(toNumber(a) - toNumber(b));
  } else if (typeof a === 'string' || typeof b === 'string') {
    const [x, y] = [toText(a), toText(b)];
    order = x < y ? -1 : x > y ? 1 : 0;
  } else if (a instanceof Date && b instanceof Date) {
    order = Math.sign(a.getTime() - b.getTime());
  } else {
    throw new EvalFailure(`cannot compare ${typeName(a)} with ${typeName(b)}`);
  }
  switch (op) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

/** EL arithmetic: both null gives 0, otherwise operands coerce to numbers. `+` never concatenates. */
export function arithmetic(op: ArithmeticOp, a: unknown, b: unknown): number {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return 0;
  const x = toNumber(a);
  const y = toNumber(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw new EvalFailure('division by zero');
      return x / y;
    case '%':
      if (y === 0) throw new EvalFailure('division by zero');
      return x % y;
  }
}

/** Unary minus: null is 0, numeric strings are converted. */
export function negate(value: unknown): number {
  const n = toNumber(value);
  return n === 0 ? 0 : -n;
}
