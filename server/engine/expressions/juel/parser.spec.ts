import type { Node } from './ast';
import { parseJuel } from './parser';

/** Renders a tree as a fully parenthesised string, to check precedence and associativity. */
function show(node: Node): string {
  switch (node.type) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'identifier':
      return node.name;
    case 'member':
      return node.computed ? `${show(node.object)}[${show(node.property)}]` : `${show(node.object)}.${String((node.property as { value: unknown }).value)}`;
    case 'call':
      return `${show(node.object)}.${node.method}(${node.args.map(show).join(', ')})`;
    case 'unary':
      return `(${node.op} ${show(node.operand)})`;
    case 'binary':
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
    case 'conditional':
      return `(${show(node.test)} ? ${show(node.then)} : ${show(node.otherwise)})`;
  }
}

describe('parseJuel', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b % c', '((a / b) % c)'],
    ['a div b mod c', '((a / b) % c)'],
    ['a + b < c', '((a + b) < c)'],
    ['a < b == c > d', '((a < b) == (c > d))'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['a || b && c', '(a || (b && c))'],
    ['a or b and c', '(a || (b && c))'],
    ['a eq b', '(a == b)'],
    ['a ne b', '(a != b)'],
    ['a lt b', '(a < b)'],
    ['a gt b', '(a > b)'],
    ['a le b', '(a <= b)'],
    ['a ge b', '(a >= b)'],
    ['-a * b', '((- a) * b)'],
    ['!a && b', '((! a) && b)'],
    ['not a or b', '((! a) || b)'],
    ['empty a.b || c', '((empty a.b) || c)'],
    ['- - a', '(- (- a))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a || b ? c + 1 : d', '((a || b) ? (c + 1) : d)'],
    ["a.b[0]['c'].d", 'a.b[0]["c"].d'],
    ["execution.getVariable('x') == 1", '(execution.getVariable("x") == 1)'],
    ['s.substring(1, n + 1)', 's.substring(1, (n + 1))'],
    ['list.size()', 'list.size()'],
    ['true && false || null', '((true && false) || null)'],
    ['2.5 + 1e2', '(2.5 + 100)'],
  ])('given %s, when parsed, then the tree is %s', (source, expected) => {
    expect(show(parseJuel(source))).toBe(expected);
  });

  it('given a property named like a keyword, when parsed, then accepts it after a dot', () => {
    expect(show(parseJuel('order.empty'))).toBe('order.empty');
  });

  it('given an offset, when parsed, then node positions refer to the full source', () => {
    // given the body of '${ a + b}' which starts at offset 2
    const node = parseJuel(' a + b', 2);
    // then
    expect(node.pos).toBe(3);
  });

  it.each([
    ['', 'empty expression'],
    ['a +', 'unexpected end of expression'],
    ['a b', "unexpected 'b'"],
    ['(a', "expected ')' but found end of expression"],
    ['a ? b', "expected ':' but found end of expression"],
    ['a[0', "expected ']' but found end of expression"],
    ['a.', "expected a property name after '.' but found end of expression"],
    ['f(1)', "function calls like 'f(…)' are not supported"],
    ['fn:upper(a)', "function calls like 'fn:upper(…)' are not supported"],
    ['a instanceof b', "unexpected 'instanceof'"],
    ['instanceof', "'instanceof' is not supported"],
    ['a == = b', "unexpected character '='"],
    ['a = b', "unexpected character '='"],
    ['x.call(1,', 'unexpected end of expression'],
  ])('given the invalid body %p, when parsed, then fails with "%s"', (source, message) => {
    expect(() => parseJuel(source)).toThrow(message);
  });

  it.each([['('.repeat(500) + 'a' + ')'.repeat(500)], ['!'.repeat(500) + 'a'], ['a ? '.repeat(300) + 'b' + ' : c'.repeat(300)]])(
    'given deeply nested input, when parsed, then fails cleanly instead of overflowing the stack',
    (source) => {
      expect(() => parseJuel(source)).toThrow('expression is nested too deeply');
    },
  );

  it('given moderately nested input, when parsed, then accepts it', () => {
    expect(show(parseJuel('((((a))))'))).toBe('a');
  });

  it('given a syntax error, when parsed with an offset, then the error position includes it', () => {
    try {
      parseJuel('a + )', 2);
      throw new Error('expected a syntax error');
    } catch (err) {
      expect((err as { pos: number }).pos).toBe(6);
    }
  });
});
