import { ExpressionError } from './expression-error';
import { compileFeel, feelSyntaxError } from './feel';

const run = (source: string, vars: Record<string, unknown> = {}) => compileFeel(source).evaluate(vars);

describe('compileFeel', () => {
  describe('evaluation', () => {
    it.each([
      ['=amount > 100', { amount: 150 }, true],
      ['=amount > 100', { amount: 50 }, false],
      ['=riskLevel = "high"', { riskLevel: 'high' }, true],
      ['=riskLevel != "high"', { riskLevel: 'low' }, true],
      ['=amount >= 100 and approved', { amount: 100, approved: true }, true],
      ['=amount < 10 or not(approved)', { amount: 100, approved: false }, true],
      ['=customer.address.city', { customer: { address: { city: 'Leeds' } } }, 'Leeds'],
      ['=price * quantity', { price: 2.5, quantity: 4 }, 10],
      ['="Hello " + name', { name: 'Ada' }, 'Hello Ada'],
      ['=if amount > 100 then "high" else "low"', { amount: 101 }, 'high'],
      ['=count(items) > 2', { items: [1, 2, 3] }, true],
      ['=sum(for i in items return i.price)', { items: [{ price: 2 }, { price: 3.5 }] }, 5.5],
      ['=some x in scores satisfies x > 90', { scores: [50, 95] }, true],
      ['=amount in [1..10]', { amount: 5 }, true],
      ['=missing', {}, null],
      ['=missing = null', {}, true],
      ['=customer.unknownKey', { customer: {} }, null],
    ])('given %s with %p, when evaluated, then returns %p', (source, vars, expected) => {
      expect(run(source, vars)).toEqual(expected);
    });

    it('given a list literal, when evaluated, then returns a plain array', () => {
      expect(run('=[1, "two", [3], {four: 4}]')).toEqual([1, 'two', [3], { four: 4 }]);
    });

    it('given a context literal, when evaluated, then returns a plain object', () => {
      expect(run('={total: a + b, label: "sum", nested: {ok: true}}', { a: 1, b: 2 })).toEqual({ total: 3, label: 'sum', nested: { ok: true } });
    });

    it('given list filters and paths, when evaluated, then returns the selection', () => {
      // given
      const orders = [{ id: 'a', total: 50 }, { id: 'b', total: 150 }];
      // when
      const ids = run('=orders[total > 100].id', { orders });
      // then
      expect(ids).toEqual(['b']);
    });

    it('given a JS Date variable, when compared and shifted, then FEEL treats it as a date-time and returns a Date', () => {
      // given
      const due = new Date('2026-05-01T10:00:00Z');
      // when / then
      expect(run('=due < date and time("2026-06-01T00:00:00Z")', { due })).toBe(true);
      expect(run('=due + duration("P1D")', { due })).toEqual(new Date('2026-05-02T10:00:00Z'));
    });

    it('given temporal results, when evaluated, then returns ISO strings or Dates', () => {
      expect(run('=date("2026-01-31")')).toBe('2026-01-31');
      expect(run('=time("10:30:00")')).toBe('10:30:00');
      expect(run('=duration("P2DT3H")')).toBe('P2DT3H');
      expect(run('=date and time("2026-01-31T10:00:00")')).toBe('2026-01-31T10:00:00');
      expect(run('=date and time("2026-01-31T10:00:00@Europe/Paris")')).toEqual(new Date('2026-01-31T09:00:00Z'));
    });

    it('given a type mismatch, when evaluated, then yields null as FEEL specifies', () => {
      expect(run('="abc" + 1')).toBeNull();
    });
  });

  describe('errors', () => {
    it.each([
      ['=1 +', 5, 'unexpected end of expression'],
      ['=)', 2, "unexpected ')'"],
      ['=1 2', 4, "unexpected '2'"],
      ['={a: }', 6, "unexpected '}'"],
      ['=a +* b', 5, "unexpected '*'"],
      ['=', 2, 'empty expression'],
      ['=   ', 5, 'empty expression'],
      ['=if x then 1', 13, 'unexpected end of expression'],
    ])('given the unparseable source %p, when compiled, then reports position %p: %s', (source, position, message) => {
      expect(() => compileFeel(source)).toThrow(new ExpressionError(`Cannot parse FEEL expression '${source}' at position ${position}: ${message}`, source));
    });

    it('given a call of an unknown function, when evaluated, then fails instead of yielding null', () => {
      expect(() => run('=lenght("abc") > 1')).toThrow("FEEL expression '=lenght(\"abc\") > 1' uses an unknown function in 'lenght(\"abc\")'");
    });

    it('given an expression feelin rejects while evaluating, when evaluated, then fails with its reason', () => {
      expect(() => run('=amount > > 1', { amount: 1 })).toThrow("Cannot evaluate FEEL expression '=amount > > 1': unsupported range");
    });

    it('given a result that is a function, when evaluated, then fails because it cannot be stored', () => {
      expect(() => run('=function(a) a + 1')).toThrow('returned a value that cannot be stored: a FEEL function cannot be used as a value');
    });

    it('given a result that is a range, when evaluated, then fails because it cannot be stored', () => {
      expect(() => run('=[1..3]')).toThrow('a FEEL range cannot be used as a value');
    });
  });

  describe('notes', () => {
    it('given a type mismatch, when evaluated with notes, then explains it by types only', () => {
      // when
      const result = compileFeel('="abc" + amount').evaluateWithNotes({ amount: 1 });
      // then
      expect(result).toEqual({ value: null, notes: ["Can't add number to string"] });
    });

    it('given a missing variable, when evaluated with notes, then stays silent', () => {
      expect(compileFeel('=missing').evaluateWithNotes({})).toEqual({ value: null, notes: [] });
    });
  });

  describe('feelSyntaxError', () => {
    it('given a valid body, when checked, then returns null', () => {
      expect(feelSyntaxError('a + b > 2')).toBeNull();
    });
  });
});
