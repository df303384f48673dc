/**
 * Tokenizer for the body of one `${…}` / `#{…}` (Unified EL as used by Camunda 7).
 * Word operators (`and`, `eq`, `div`, `empty`, …) come out as `keyword` tokens.
 */
export type TokenType = 'number' | 'string' | 'identifier' | 'keyword' | 'punct' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Punctuation/keyword/identifier text, the decoded string, or the number's source text. */
  readonly text: string;
  /** Offset of the token in the tokenized text. */
  readonly pos: number;
}

/** Thrown for lexical and syntax errors; `pos` is an offset in the tokenized text. */
export class JuelSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = 'JuelSyntaxError';
  }
}

const KEYWORDS = new Set([
  'true', 'false', 'null', 'empty', 'not', 'and', 'or', 'div', 'mod',
  'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'instanceof',
]);

// Longest first, so `<=` wins over `<`.
const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', '[', ']', '(', ')', ','];

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/** Splits an EL expression body into tokens, ending with an `eof` token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos];
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    const rest = text.slice(pos);
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0], pos });
      pos += number[0].length;
      continue;
    }
    const word = IDENTIFIER.exec(rest);
    if (word) {
      tokens.push({ type: KEYWORDS.has(word[0]) ? 'keyword' : 'identifier', text: word[0], pos });
      pos += word[0].length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const { value, end } = readString(text, pos);
      tokens.push({ type: 'string', text: value, pos });
      pos = end;
      continue;
    }
    const punct = PUNCTUATION.find((p) => text.startsWith(p, pos));
    if (!punct) throw new JuelSyntaxError(`unexpected character '${ch}'`, pos);
    tokens.push({ type: 'punct', text: punct, pos });
    pos += punct.length;
  }
  tokens.push({ type: 'eof', text: '', pos });
  return tokens;
}

/** Reads a quoted literal starting at `start`; EL escapes are \\, \' and \". */
function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let pos = start + 1;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === quote) return { value, end: pos + 1 };
    if (ch === '\\' && (text[pos + 1] === '\\' || text[pos + 1] === "'" || text[pos + 1] === '"')) {
      value += text[pos + 1];
      pos += 2;
      continue;
    }
    value += ch;
    pos++;
  }
  throw new JuelSyntaxError('unterminated string literal', start);
}
