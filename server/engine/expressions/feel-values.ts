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


/** A parsed FEEL tree (what feelin's `parseExpression` / `parseUnaryTests` return). */
interface FeelTree {
  iterate(spec: { enter(node: { type: { isError: boolean }; from: number; to: number }): false | undefined }): void;
}

/**
 * The first syntax error in a parsed FEEL text: its 0-based offset and the offending token
 * (empty when the text ends too early), or null when the text parses.
 */
export function firstFeelError(tree: FeelTree, text: string): { from: number; token: string } | null {
  let error: { from: number; to: number } | null = null;
  tree.iterate({
    enter(node) {
      if (error) return false;
      if (node.type.isError) {
        error = { from: node.from, to: node.to };
        return false;
      }
      return undefined;
    },
  });
  if (!error) return null;
  const { from, to } = error as { from: number; to: number };
  const rest = text.slice(from).trimStart();
  if (rest === '') return { from, token: '' };
  return { from, token: truncate(to > from ? text.slice(from, to) : (/^\S+/.exec(rest)?.[0] ?? rest)) };
}

/** Shortens text quoted in an error message (model text, never case data). */
export function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
