/**
 * Splits a Camunda 7 value such as `Dear ${name}, total #{amount}` into literal text and parsed
 * expressions. `\${` and `\#{` stand for the literal characters.
 */
import type { TemplatePart } from './ast';
import { parseJuel } from './parser';
import { JuelSyntaxError } from './tokenizer';

/** Parses a composite or single-expression template; throws `JuelSyntaxError` on bad syntax. */
export function parseTemplate(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let pos = 0;
  while (pos < source.length) {
    if (source[pos] === '\\' && isOpening(source, pos + 1)) {
      text += source.slice(pos + 1, pos + 3);
      pos += 3;
      continue;
    }
    if (isOpening(source, pos)) {
      const close = findClosingBrace(source, pos + 2);
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'expr', node: parseJuel(source.slice(pos + 2, close), pos + 2) });
      pos = close + 1;
      continue;
    }
    text += source[pos];
    pos++;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

function isOpening(source: string, pos: number): boolean {
  return (source[pos] === '$' || source[pos] === '#') && source[pos + 1] === '{';
}

/** Finds the `}` closing an expression, skipping braces inside string literals. */
function findClosingBrace(source: string, start: number): number {
  let quote: string | null = null;
  for (let pos = start; pos < source.length; pos++) {
    const ch = source[pos];
    if (quote) {
      if (ch === '\\') pos++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '}') {
      return pos;
    }
  }
  throw new JuelSyntaxError(`'${source.slice(start - 2, start)}' is never closed with '}'`, start - 2);
}
