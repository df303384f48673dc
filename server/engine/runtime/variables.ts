import { EngineError, EngineErrorCode } from '../engine-error';
import type { ExecutionState, InstanceState, TypedValue, VariableState, VariableType } from './state';

/**
 * Variable scoping after Camunda 7: a variable belongs to an execution scope; reading walks up
 * from an execution to the instance; writing updates the nearest scope that has the variable,
 * or creates it on the instance.
 */

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The typed value Camunda would infer for a plain value an expression produced. */
export function typedValueOf(value: unknown): TypedValue {
  if (value === null || value === undefined) return { type: 'Null', value: null };
  if (typeof value === 'string') return { type: 'String', value };
  if (typeof value === 'boolean') return { type: 'Boolean', value };
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return { type: value >= INT32_MIN && value <= INT32_MAX ? 'Integer' : 'Long', value };
    return { type: 'Double', value };
  }
  if (value instanceof Date) return { type: 'Date', value: value.toISOString() };
  if (typeof value === 'object') return { type: 'Json', value: JSON.parse(JSON.stringify(value)) };
  throw new EngineError(EngineErrorCode.InvalidVariable, `Values of type ${typeof value} cannot be stored in a variable.`);
}

/** The plain value expressions see for a typed value. */
export function plainValueOf(typed: TypedValue): unknown {
  return typed.value;
}

export function ancestorsOf(state: InstanceState, executionId: string): ExecutionState[] {
  const byId = new Map(state.executions.map((e) => [e.id, e]));
  const chain: ExecutionState[] = [];
  let current = byId.get(executionId);
  while (current) {
    chain.push(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

/** All variables visible from an execution, inner scopes shadowing outer ones. */
export function visibleVariables(state: InstanceState, executionId: string, taskId?: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const chain = ancestorsOf(state, executionId).map((e) => e.id);
  if (!chain.includes(state.id)) chain.push(state.id);
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const v of state.variables) {
      if (v.scopeId === chain[i] && v.taskId === null) result[v.name] = plainValueOf(v);
    }
  }
  if (taskId) {
    for (const v of state.variables) if (v.taskId === taskId) result[v.name] = plainValueOf(v);
  }
  return result;
}

/** Visible variables as typed values (for REST responses and call activities). */
export function visibleTypedVariables(state: InstanceState, executionId: string): Record<string, TypedValue> {
  const result: Record<string, TypedValue> = {};
  const chain = ancestorsOf(state, executionId).map((e) => e.id);
  if (!chain.includes(state.id)) chain.push(state.id);
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const v of state.variables) {
      if (v.scopeId === chain[i] && v.taskId === null) result[v.name] = toTyped(v);
    }
  }
  return result;
}

export function toTyped(v: VariableState): TypedValue {
  const typed: TypedValue = v.valueInfo ? { type: v.type, value: v.value, valueInfo: v.valueInfo } : { type: v.type, value: v.value };
  if (v.sensitive) typed.sensitive = true;
  return typed;
}

/**
 * Marks a variable being written as sensitive when the model lists its name or the value came
 * from a sensitive variable. Once sensitive, a variable stays so for the rest of its life.
 */
export function markSensitive(variable: VariableState, written: TypedValue, listed: ReadonlySet<string>): void {
  if (variable.sensitive || written.sensitive || listed.has(variable.name)) variable.sensitive = true;
}

/** Checks a typed value given by a caller; the REST layer has converted the wire format already. */
export function checkTypedValue(name: string, typed: TypedValue): void {
  if (!name || typeof name !== 'string') {
    throw new EngineError(EngineErrorCode.InvalidVariable, 'A variable needs a name.');
  }
  const ok = CHECKS[typed.type];
  if (!ok) throw new EngineError(EngineErrorCode.InvalidVariable, `Variable '${name}' has unsupported type '${typed.type}'.`);
  if (typed.value !== null && !ok(typed.value)) {
    throw new EngineError(EngineErrorCode.InvalidVariable, `Variable '${name}' is not a valid ${typed.type}.`);
  }
}

const isInt = (min: number, max: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const CHECKS: Record<VariableType, (v: unknown) => boolean> = {
  String: (v) => typeof v === 'string',
  Boolean: (v) => typeof v === 'boolean',
  Integer: isInt(INT32_MIN, INT32_MAX),
  Short: isInt(-32768, 32767),
  Long: isInt(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  Double: (v) => typeof v === 'number' && Number.isFinite(v),
  Date: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  Json: () => true,
  Object: () => true,
  Null: (v) => v === null,
};
