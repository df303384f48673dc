/**
 * Recursive-descent parser for the EL subset Camunda 7 models use. Precedence, lowest first:
 * `?:`, `|| or`, `&& and`, `== != eq ne`, `< > <= >= lt gt le ge`, `+ -`, `* / div % mod`,
 * unary `- ! not empty`, then `.name`, `[index]` and `.method(args)`.
 */
import type { BinaryOp, Node } from './ast';
import { JuelSyntaxError, tokenize, type Token } from './tokenizer';

const WORD_OPERATORS: Record<string, BinaryOp> = {
  or: '||', and: '&&', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', div: '/', mod: '%',
};

/** Binary precedence levels, lowest first; each lists the canonical operators it accepts. */
const LEVELS: readonly (readonly BinaryOp[])[] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

/**
 * Parses one expression body. `offset` is where the body starts in the full source, so that node
 * positions and error positions refer to the source as written.
 */
export function parseJuel(body: string, offset = 0): Node {
  let tokens: Token[];
  try {
    tokens = tokenize(body);
  } catch (err) {
    if (err instanceof JuelSyntaxError) throw new JuelSyntaxError(err.message, err.pos + offset);
    throw err;
  }
  return new Parser(tokens, offset).parseAll();
}

/** Deeper nesting than this is rejected instead of risking a stack overflow on hostile input. */
const MAX_DEPTH = 100;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly offset: number,
  ) {}

  parseAll(): Node {
    if (this.peek().type === 'eof') throw this.error('empty expression', this.peek());
    const node = this.parseConditional();
    const next = this.peek();
    if (next.type !== 'eof') throw this.error(`unexpected ${describe(next)}`, next);
    return node;
  }

  private parseConditional(): Node {
    return this.nested(() => this.parseConditionalBody());
  }

  private nested(parse: () => Node): Node {
    if (++this.depth > MAX_DEPTH) throw this.error('expression is nested too deeply', this.peek());
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parseConditionalBody(): Node {
    const test = this.parseBinary(0);
    if (!this.matchPunct('?')) return test;
    const then = this.parseConditional();
    this.expectPunct(':');
    const otherwise = this.parseConditional();
    return { type: 'conditional', test, then, otherwise, pos: test.pos };
  }

  private parseBinary(level: number): Node {
    if (level === LEVELS.length) return this.parseUnary();
    let left = this.parseBinary(level + 1);
    for (;;) {
      const op = this.binaryOperator(LEVELS[level]);
      if (!op) return left;
      const right = this.parseBinary(level + 1);
      left = { type: 'binary', op, left, right, pos: left.pos };
    }
  }

  /** Consumes and returns the next token when it is one of `ops` (symbol or word form). */
  private binaryOperator(ops: readonly BinaryOp[]): BinaryOp | null {
    const token = this.peek();
    let op: BinaryOp | undefined;
    if (token.type === 'punct') op = ops.find((o) => o === token.text);
    if (token.type === 'keyword') op = ops.find((o) => o === WORD_OPERATORS[token.text]);
    if (!op) return null;
    this.index++;
    return op;
  }

  private parseUnary(): Node {
    return this.nested(() => this.parseUnaryBody());
  }

  private parseUnaryBody(): Node {
    const token = this.peek();
    const pos = this.offset + token.pos;
    if (this.matchPunct('-')) return { type: 'unary', op: '-', operand: this.parseUnary(), pos };
    if (this.matchPunct('!') || this.matchKeyword('not')) return { type: 'unary', op: '!', operand: this.parseUnary(), pos };
    if (this.matchKeyword('empty')) return { type: 'unary', op: 'empty', operand: this.parseUnary(), pos };
    return this.parseValue();
  }

  private parseValue(): Node {
    let node = this.parsePrimary();
    for (;;) {
      if (this.matchPunct('.')) {
        const name = this.next();
        if (name.type !== 'identifier' && name.type !== 'keyword') throw this.error(`expected a property name after '.' but found ${describe(name)}`, name);
        if (this.matchPunct('(')) {
          node = { type: 'call', object: node, method: name.text, args: this.parseArguments(), pos: node.pos };
        } else {
          node = { type: 'member', object: node, property: { type: 'literal', value: name.text, pos: this.offset + name.pos }, computed: false, pos: node.pos };
        }
      } else if (this.matchPunct('[')) {
        const property = this.parseConditional();
        this.expectPunct(']');
        node = { type: 'member', object: node, property, computed: true, pos: node.pos };
      } else {
        return node;
      }
    }
  }

  private parseArguments(): Node[] {
    const args: Node[] = [];
    if (this.matchPunct(')')) return args;
    do {
      args.push(this.parseConditional());
    } while (this.matchPunct(','));
    this.expectPunct(')');
    return args;
  }

  private parsePrimary(): Node {
    const token = this.next();
    const pos = this.offset + token.pos;
    switch (token.type) {
      case 'number':
        return { type: 'literal', value: Number(token.text), pos };
      case 'string':
        return { type: 'literal', value: token.text, pos };
      case 'identifier':
        if (this.isPunct(0, '(') || (this.isPunct(0, ':') && this.peek(1).type === 'identifier' && this.isPunct(2, '('))) {
          const name = this.isPunct(0, ':') ? `${token.text}:${this.peek(1).text}` : token.text;
          throw this.error(`function calls like '${name}(…)' are not supported (only whitelisted methods such as execution.getVariable('x'))`, token);
        }
        return { type: 'identifier', name: token.text, pos };
      case 'keyword':
        if (token.text === 'true' || token.text === 'false') return { type: 'literal', value: token.text === 'true', pos };
        if (token.text === 'null') return { type: 'literal', value: null, pos };
        if (token.text === 'instanceof') throw this.error("'instanceof' is not supported", token);
        throw this.error(`unexpected ${describe(token)}`, token);
      case 'punct':
        if (token.text === '(') {
          const inner = this.parseConditional();
          this.expectPunct(')');
          return inner;
        }
        throw this.error(`unexpected ${describe(token)}`, token);
      case 'eof':
        throw this.error('unexpected end of expression', token);
    }
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  private isPunct(ahead: number, text: string): boolean {
    const token = this.peek(ahead);
    return token.type === 'punct' && token.text === text;
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private matchPunct(text: string): boolean {
    const token = this.peek();
    if (token.type !== 'punct' || token.text !== text) return false;
    this.index++;
    return true;
  }

  private matchKeyword(text: string): boolean {
    const token = this.peek();
    if (token.type !== 'keyword' || token.text !== text) return false;
    this.index++;
    return true;
  }

  private expectPunct(text: string): void {
    const token = this.peek();
    if (!this.matchPunct(text)) throw this.error(`expected '${text}' but found ${describe(token)}`, token);
  }

  private error(message: string, token: Token): JuelSyntaxError {
    return new JuelSyntaxError(message, this.offset + token.pos);
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'end of expression';
    case 'string':
      return 'a string literal';
    case 'number':
      return `number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}
