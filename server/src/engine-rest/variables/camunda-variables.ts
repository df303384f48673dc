/**
 * Conversion between Camunda's REST variable format
 * `{"name": {"value": …, "type": "Integer", "valueInfo": {…}}}` and the engine's `TypedValue`.
 *
 * Input follows Camunda: type names are case-insensitive, a missing type is inferred from the
 * JSON value, numbers are range-checked, Json/Object values travel as JSON text. Any value that
 * does not fit its type is an `EngineError(InvalidVariable)` naming the variable (→ 400).
 */
import { EngineError, EngineErrorCode } from '../../../engine/engine-error';
import type { VariableMap } from '../../../engine/engine-api';
import type { TypedValue, VariableType } from '../../../engine/runtime/state';
import { formatCamundaDate, parseCamundaDate } from '../camunda-date';

/** One variable as it travels over Camunda's REST API. */
export interface RestVariable {
  value?: unknown;
  type?: string | null;
  valueInfo?: Record<string, unknown> | null;
}

/** Camunda's variable map on the wire. */
export type RestVariableMap = Record<string, RestVariable>;

const TYPES: Record<string, VariableType> = {
  string: 'String',
  boolean: 'Boolean',
  integer: 'Integer',
  long: 'Long',
  short: 'Short',
  double: 'Double',
  date: 'Date',
  json: 'Json',
  object: 'Object',
  null: 'Null',
};

const JAVA_TYPES: Partial<Record<VariableType, string>> = {
  Integer: 'java.lang.Integer',
  Long: 'java.lang.Long',
  Short: 'java.lang.Short',
  Double: 'java.lang.Double',
  Boolean: 'java.lang.Boolean',
  Date: 'java.util.Date',
  String: 'java.lang.String',
};

const RANGES: Partial<Record<VariableType, [number, number]>> = {
  Integer: [-2147483648, 2147483647],
  Short: [-32768, 32767],
  Long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const JSON_FORMAT = 'application/json';

class ConversionError extends Error {}

function invalid(name: string, message: string): EngineError {
  return new EngineError(EngineErrorCode.InvalidVariable, `Invalid variable '${name}': ${message}`);
}

/** The Java class Camunda would name for a JSON value (used in conversion messages). */
function javaNameOf(value: unknown): string {
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Double';
  if (Array.isArray(value)) return 'ArrayList';
  return 'LinkedHashMap';
}

function shownValue(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function cannotConvert(value: unknown, type: VariableType): ConversionError {
  const shown = shownValue(value);
  return new ConversionError(
    `Cannot convert value '${shown}' of type '${javaNameOf(value)}' to java type ${JAVA_TYPES[type] ?? type}`,
  );
}

function toNumber(value: unknown, type: VariableType): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw cannotConvert(value, type);
  }
  const range = RANGES[type];
  if (range) {
    if (!Number.isInteger(n)) {
      throw cannotConvert(value, type);
    }
    if (n < range[0] || n > range[1]) {
      throw new ConversionError(`Value ${n} is out of range for type ${type} (${range[0]} to ${range[1]})`);
    }
  }
  return n;
}

function parseJsonText(value: unknown, type: VariableType): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new ConversionError(`Cannot deserialize value of type ${type}: the value is not valid JSON`);
  }
}

function inferType(value: unknown): VariableType {
  if (value === null || value === undefined) return 'Null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'Double';
    return value >= -2147483648 && value <= 2147483647 ? 'Integer' : 'Long';
  }
  return 'Json';
}

function convertValue(type: VariableType, value: unknown, valueInfo: Record<string, unknown>): TypedValue {
  if (type === 'Null' || value === null || value === undefined) {
    return { type, value: null, ...(type === 'Object' ? { valueInfo } : {}) };
  }
  switch (type) {
    case 'String':
      if (typeof value === 'object') throw cannotConvert(value, type);
      return { type, value: String(value) };
    case 'Boolean':
      if (typeof value === 'boolean') return { type, value };
      if (value === 'true' || value === 'false') return { type, value: value === 'true' };
      throw cannotConvert(value, type);
    case 'Integer':
    case 'Long':
    case 'Short':
    case 'Double':
      return { type, value: toNumber(value, type) };
    case 'Date': {
      const date = typeof value === 'string' ? parseCamundaDate(value) : null;
      if (!date) {
        throw new ConversionError(
          `Cannot convert value '${shownValue(value)}' to java type java.util.Date: expected yyyy-MM-dd'T'HH:mm:ss.SSSZ`,
        );
      }
      return { type, value: date.toISOString() };
    }
    case 'Json':
      return { type, value: parseJsonText(value, type) };
    case 'Object': {
      const format = (valueInfo.serializationDataFormat as string | undefined) ?? JSON_FORMAT;
      if (format !== JSON_FORMAT) {
        throw new ConversionError(`Serialization data format '${format}' is not supported (use ${JSON_FORMAT})`);
      }
      const info: Record<string, unknown> = { serializationDataFormat: JSON_FORMAT };
      if (typeof valueInfo.objectTypeName === 'string') info.objectTypeName = valueInfo.objectTypeName;
      return { type, value: parseJsonText(value, type), valueInfo: info };
    }
  }
}

/** Converts one REST variable to the engine's typed value; throws EngineError(InvalidVariable). */
export function toTypedValue(name: string, variable: RestVariable | null | undefined): TypedValue {
  if (variable === null || typeof variable !== 'object' || Array.isArray(variable)) {
    throw invalid(name, 'expected an object like {"value": …, "type": "String"}');
  }
  const valueInfo =
    variable.valueInfo && typeof variable.valueInfo === 'object' ? variable.valueInfo : ({} as Record<string, unknown>);
  let type: VariableType;
  if (variable.type === undefined || variable.type === null || variable.type === '') {
    type = inferType(variable.value);
  } else {
    // Own keys only: `constructor` or `__proto__` must not find Object.prototype's members.
    const lower = typeof variable.type === 'string' ? variable.type.toLowerCase() : null;
    const known = lower !== null && Object.hasOwn(TYPES, lower) ? TYPES[lower] : undefined;
    if (!known) {
      throw invalid(name, `Unsupported value type '${String(variable.type)}'`);
    }
    type = known;
  }
  try {
    return convertValue(type, variable.value, valueInfo);
  } catch (error) {
    if (error instanceof ConversionError) {
      throw invalid(name, error.message);
    }
    throw error;
  }
}

/** Converts a REST variable map (absent → empty) to the engine's `VariableMap`. */
export function toVariableMap(variables: RestVariableMap | null | undefined): VariableMap {
  if (variables === null || variables === undefined) {
    return {};
  }
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new EngineError(EngineErrorCode.InvalidVariable, 'variables must be an object of name → {value, type}');
  }
  const result: VariableMap = {};
  for (const [name, variable] of Object.entries(variables)) {
    // JSON.parse makes `__proto__` an own key; assigned to a map it would replace the map's prototype.
    if (name === '__proto__') throw invalid(name, 'this name is reserved');
    result[name] = toTypedValue(name, variable);
  }
  return result;
}

/** Options for output: `deserializeValues` (default true) as in Camunda's GET variable endpoints. */
export interface OutputOptions {
  deserializeValues?: boolean;
}

/** Converts an engine typed value to Camunda's REST shape. */
export function toRestVariable(typed: TypedValue, options: OutputOptions = {}): Required<RestVariable> {
  const deserialize = options.deserializeValues ?? true;
  const valueInfo = { ...(typed.valueInfo ?? {}) };
  switch (typed.type) {
    case 'Date':
      return { type: 'Date', value: formatCamundaDate(typed.value as string | null), valueInfo };
    case 'Json':
      // Camunda reports Json (Spin) values as JSON text.
      return { type: 'Json', value: typed.value === null ? null : JSON.stringify(typed.value), valueInfo };
    case 'Object':
      return {
        type: 'Object',
        value: typed.value === null || deserialize ? typed.value : JSON.stringify(typed.value),
        valueInfo: { serializationDataFormat: JSON_FORMAT, ...valueInfo },
      };
    default:
      return { type: typed.type, value: typed.value ?? null, valueInfo };
  }
}

/** Converts an engine variable map to Camunda's REST variable map. */
export function toRestVariableMap(variables: VariableMap, options: OutputOptions = {}): RestVariableMap {
  const result: RestVariableMap = {};
  for (const [name, typed] of Object.entries(variables)) {
    result[name] = toRestVariable(typed, options);
  }
  return result;
}
