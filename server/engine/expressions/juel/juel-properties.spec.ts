import fc from 'fast-check';
import { compileJuel } from './juel';

/** Property checks: EL arithmetic, comparison and string literals agree with plain JS semantics. */
describe('compileJuel properties', () => {
  const int = fc.integer({ min: -1000, max: 1000 });

  it('given any integers, when evaluating a + b * c - d, then matches the usual precedence', () => {
    const expr = compileJuel('${a + b * c - d}');
    fc.assert(fc.property(int, int, int, int, (a, b, c, d) => expr.evaluate({ a, b, c, d }) === a + b * c - d), { numRuns: 200 });
  });

  it.each<[string, (a: number, b: number) => boolean]>([
    ['a < b', (a, b) => a < b], ['a lt b', (a, b) => a < b],
    ['a > b', (a, b) => a > b], ['a gt b', (a, b) => a > b],
    ['a <= b', (a, b) => a <= b], ['a le b', (a, b) => a <= b],
    ['a >= b', (a, b) => a >= b], ['a ge b', (a, b) => a >= b],
    ['a == b', (a, b) => a === b], ['a eq b', (a, b) => a === b],
    ['a != b', (a, b) => a !== b], ['a ne b', (a, b) => a !== b],
  ])('given any nearby integers, when evaluating ${%s}, then agrees with JS', (body, expected) => {
    const expr = compileJuel(`\${${body}}`);
    fc.assert(fc.property(int, fc.integer({ min: -2, max: 2 }), (a, delta) => expr.evaluate({ a, b: a + delta }) === expected(a, a + delta)), { numRuns: 50 });
  });

  it('given any string, when written as an escaped quoted literal, then evaluates to the same string', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("'", '"'), (text, quote) => {
        const escaped = text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
        return compileJuel(`\${${quote}${escaped}${quote}}`).evaluate({}) === text;
      }),
      { numRuns: 300 },
    );
  });
});
