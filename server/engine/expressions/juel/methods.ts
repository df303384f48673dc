/**
 * The whitelist of Java methods an EL expression may call on a value, mirroring `java.lang.String`,
 * `java.util.List`, `java.util.Map` and `java.util.Date`. Arguments are coerced to the Java parameter
 * type as EL does (`s.contains(5)` searches for "5"). Anything else is rejected with the list of
 * methods that are available on that type.
 */
import { EvalFailure, isMap, strictEquals, toNumber, toText, typeName } from './coercion';

type Method = { readonly arity: readonly number[]; readonly call: (target: never, args: unknown[]) => unknown };

const ANY: Record<string, Method> = {
  equals: { arity: [1, 1], call: (t: unknown, [x]) => strictEquals(t, x) },
  toString: { arity: [0, 0], call: (t: unknown) => toText(t) },
};

const STRING: Record<string, Method> = {
  equalsIgnoreCase: { arity: [1, 1], call: (s: string, [x]) => typeof x === 'string' && s.toLowerCase() === x.toLowerCase() },
  contains: { arity: [1, 1], call: (s: string, [x]) => s.includes(toText(x)) },
  startsWith: { arity: [1, 1], call: (s: string, [x]) => s.startsWith(toText(x)) },
  endsWith: { arity: [1, 1], call: (s: string, [x]) => s.endsWith(toText(x)) },
  indexOf: { arity: [1, 1], call: (s: string, [x]) => s.indexOf(toText(x)) },
  isEmpty: { arity: [0, 0], call: (s: string) => s.length === 0 },
  length: { arity: [0, 0], call: (s: string) => s.length },
  toUpperCase: { arity: [0, 0], call: (s: string) => s.toUpperCase() },
  toLowerCase: { arity: [0, 0], call: (s: string) => s.toLowerCase() },
  trim: { arity: [0, 0], call: (s: string) => s.trim() },
  substring: {
    arity: [1, 2],
    call: (s: string, args) => {
      const begin = toIndex(args[0]);
      const end = args.length > 1 ? toIndex(args[1]) : s.length;
      if (begin > end || end > s.length) throw new EvalFailure('substring index out of range');
      return s.substring(begin, end);
    },
  },
};

const LIST: Record<string, Method> = {
  size: { arity: [0, 0], call: (l: unknown[]) => l.length },
  isEmpty: { arity: [0, 0], call: (l: unknown[]) => l.length === 0 },
  contains: { arity: [1, 1], call: (l: unknown[], [x]) => l.some((item) => strictEquals(item, x)) },
  indexOf: { arity: [1, 1], call: (l: unknown[], [x]) => l.findIndex((item) => strictEquals(item, x)) },
  get: {
    arity: [1, 1],
    call: (l: unknown[], [i]) => {
      const index = toIndex(i);
      if (index >= l.length) throw new EvalFailure('list index out of range');
      return l[index] ?? null;
    },
  },
};

const MAP: Record<string, Method> = {
  size: { arity: [0, 0], call: (m: Record<string, unknown>) => Object.keys(m).length },
  isEmpty: { arity: [0, 0], call: (m: Record<string, unknown>) => Object.keys(m).length === 0 },
  containsKey: { arity: [1, 1], call: (m: Record<string, unknown>, [k]) => Object.prototype.hasOwnProperty.call(m, toText(k)) },
  get: { arity: [1, 1], call: (m: Record<string, unknown>, [k]) => ownValue(m, toText(k)) },
  keySet: { arity: [0, 0], call: (m: Record<string, unknown>) => Object.keys(m) },
};

const DATE: Record<string, Method> = {
  getTime: { arity: [0, 0], call: (d: Date) => d.getTime() },
  before: { arity: [1, 1], call: (d: Date, [x]) => d.getTime() < toDate(x).getTime() },
  after: { arity: [1, 1], call: (d: Date, [x]) => d.getTime() > toDate(x).getTime() },
};

/** Calls `method` on `target` if the whitelist allows it; throws `EvalFailure` otherwise. */
export function callMethod(target: unknown, method: string, args: unknown[]): unknown {
  if (target === null || target === undefined) throw new EvalFailure(`cannot call '${method}()' on null`);
  const table = { ...tableFor(target), ...ANY };
  const entry = Object.prototype.hasOwnProperty.call(table, method) ? table[method] : undefined;
  if (!entry) {
    const allowed = Object.keys(table).sort().join(', ');
    throw new EvalFailure(`method '${method}()' is not supported on a ${typeName(target)} (supported: ${allowed})`);
  }
  const [min, max] = entry.arity;
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new EvalFailure(`method '${method}()' takes ${expected} argument(s) but got ${args.length}`);
  }
  return (entry.call as (t: unknown, a: unknown[]) => unknown)(target, args);
}

/** Reads an own property of a map; missing keys (and prototype members) read as null. */
export function ownValue(map: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(map, key) ? (map[key] ?? null) : null;
}

function tableFor(target: unknown): Record<string, Method> {
  if (typeof target === 'string') return STRING;
  if (Array.isArray(target)) return LIST;
  if (target instanceof Date) return DATE;
  if (isMap(target)) return MAP;
  return {};
}

function toIndex(value: unknown): number {
  const n = toNumber(value);
  if (!Number.isInteger(n) || n < 0) throw new EvalFailure('an index must be a non-negative integer');
  return n;
}

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  throw new EvalFailure(`expected a date but got ${typeName(value)}`);
}
