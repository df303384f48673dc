import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';

/**
 * Converts a FEEL result into the plain values the engine stores as variables:
 * zoned date-times become `Date`s, local temporals and durations their ISO-8601 strings,
 * lists and contexts are converted deeply. Functions and ranges cannot be stored and are rejected.
 */
export function toPlainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof FeelDateTime) {
    if (value.zone === null) return value.iso;
    return new Date(value.value.toZonedDateTime(value.zone).epochMilliseconds);
  }
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) {
    return value.iso;
  }
  if (isFunction(value)) throw new TypeError('a FEEL function cannot be used as a value');
  if (isRange(value)) throw new TypeError('a FEEL range cannot be used as a value');
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = toPlainValue(entry);
    return out;
  }
  return value;
}

/** A short type name for messages, so errors describe values without revealing case data. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date || value instanceof FeelDateTime) return 'date and time';
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelTime) return 'time';
  if (value instanceof FeelDuration) return 'duration';
  if (isFunction(value)) return 'function';
  if (isRange(value)) return 'range';
  if (typeof value === 'object') return 'context';
  return typeof value;
}
