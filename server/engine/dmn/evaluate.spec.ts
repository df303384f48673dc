import { DecisionError } from './decision-error';
import { deploy, type TableFixture } from './dmn-fixtures';
import { evaluateDecision } from './evaluate';

describe('evaluateDecision', () => {
  describe('unary tests in input entries', () => {
    const oneCell = (test: string, inputVariable?: string): TableFixture => ({
      id: 't',
      inputs: [{ expression: 'x', inputVariable }],
      outputs: ['hit'],
      rules: [[test, 'true']],
    });

    it.each([
      ['-', 'anything', true],
      ['', 42, true],
      ['"high"', 'high', true],
      ['"high"', 'High', false],
      ['>= 10', 10, true],
      ['>= 10', 9.5, false],
      ['[1..5]', 5, true],
      ['[1..5)', 5, false],
      ['not("a")', 'b', true],
      ['not("a")', 'a', false],
      ['"a","b","c"', 'b', true],
      ['"a","b","c"', 'd', false],
      ['not("a","b")', 'c', true],
      ['< 3, > 7', 8, true],
      ['? > 3', 4, true],
      ['cellInput > 3', 4, true],
      ['null', null, true],
      ['>= 14', null, false],
      ['true', true, true],
      ['date("2026-01-31")', '2026-01-31', false],
    ])('given the test %j, when the input is %j, then matches is %s', async (test, value, expected) => {
      const decisions = await deploy(oneCell(test));
      expect(evaluateDecision(decisions, 't', { x: value })).toEqual(expected ? [{ hit: true }] : []);
    });

    it('given camunda:inputVariable, when a cell names it, then it is the input value', async () => {
      const decisions = await deploy(oneCell('count >= limit', 'count'));
      expect(evaluateDecision(decisions, 't', { x: 5, limit: 5 })).toEqual([{ hit: true }]);
      expect(evaluateDecision(decisions, 't', { x: 4, limit: 5 })).toEqual([]);
    });

    it('given a missing variable, when evaluated, then the input is null and only `-` or null tests match', async () => {
      const decisions = await deploy({ id: 't', hitPolicy: 'RULE ORDER', inputs: ['missing'], outputs: ['rule'], rules: [['>= 1', '1'], ['null', '2'], ['-', '3']] });
      expect(evaluateDecision(decisions, 't', {})).toEqual([{ rule: 2 }, { rule: 3 }]);
    });
  });

  describe('input and output expressions', () => {
    it('given FEEL input and output expressions, when evaluated, then they see the variables', async () => {
      const decisions = await deploy({
        id: 'fee',
        hitPolicy: 'FIRST',
        inputs: ['count(items)', 'customer.status'],
        outputs: ['fee', 'note'],
        rules: [['> 2', '"gold"', 'sum(for i in items return i) * 0.5', '"discount " + customer.status']],
      });
      expect(evaluateDecision(decisions, 'fee', { items: [10, 20, 30], customer: { status: 'gold' } })).toEqual([{ fee: 30, note: 'discount gold' }]);
    });

    it('given an output that is a FEEL date, when evaluated, then the result holds its ISO string', async () => {
      const decisions = await deploy({ id: 'due', inputs: ['-1'], outputs: ['due'], rules: [['-', 'date("2026-01-31") + duration("P1D")']] });
      expect(evaluateDecision(decisions, 'due', {})).toEqual([{ due: '2026-02-01' }]);
    });

    it('given an unknown function in an output entry, when the rule matches, then fails naming decision, rule and output', async () => {
      const decisions = await deploy({ id: 'typo', inputs: ['x'], outputs: ['y'], rules: [['-', 'lenght(x)']] });
      expect(() => evaluateDecision(decisions, 'typo', { x: 'abc' })).toThrow(
        new DecisionError("Decision 'typo': rule 'typo_r1' (row 1), output 'y' uses an unknown function in 'lenght(x)'"),
      );
    });

    it('given an unknown decision key, when evaluated, then fails with a DecisionError', async () => {
      const decisions = await deploy({ id: 'x', variable: 'x', expression: '1' });
      expect(() => evaluateDecision(decisions, 'nope', {})).toThrow("Decision 'nope' is not deployed");
    });
  });

  describe('literal expressions', () => {
    it('given a literal expression decision, when evaluated, then the result is one entry under its variable name', async () => {
      const decisions = await deploy({ id: 'total', variable: 'totalPrice', expression: 'sum(for i in items return i.price)' });
      expect(evaluateDecision(decisions, 'total', { items: [{ price: 2.5 }, { price: 3 }] })).toEqual([{ totalPrice: 5.5 }]);
    });
  });

  describe('required decisions', () => {
    it('given a table requiring a literal decision, when evaluated, then the required result is visible by variable name', async () => {
      const decisions = await deploy(
        { id: 'yes_count', variable: 'yesCount', expression: 'count([a, b, c][item = "Yes"])' },
        { id: 'level', hitPolicy: 'FIRST', inputs: ['yesCount'], outputs: ['level'], rules: [['>= 2', '"high"'], ['-', '"low"']], requires: ['yes_count'] },
      );
      expect(evaluateDecision(decisions, 'level', { a: 'Yes', b: 'No', c: 'Yes' })).toEqual([{ level: 'high' }]);
      expect(evaluateDecision(decisions, 'level', { a: 'Yes' })).toEqual([{ level: 'low' }]);
    });

    it('given a required single-hit table, when evaluated, then its outputs are variables and its id holds the value', async () => {
      const decisions = await deploy(
        { id: 'season', hitPolicy: 'FIRST', inputs: ['month'], outputs: ['season'], rules: [['[12, 1, 2]', '"winter"'], ['-', '"other"']] },
        { id: 'dish', variable: 'dish', expression: 'if season = "winter" then "stew" else "salad"', requires: ['season'] },
        { id: 'viaId', variable: 'viaId', expression: 'season', requires: ['season'] },
      );
      expect(evaluateDecision(decisions, 'dish', { month: 1 })).toEqual([{ dish: 'stew' }]);
      expect(evaluateDecision(decisions, 'viaId', { month: 6 })).toEqual([{ viaId: 'other' }]);
    });

    it('given a required COLLECT table, when evaluated, then its output is a list of the collected values', async () => {
      const decisions = await deploy(
        { id: 'flags', name: 'Flags', hitPolicy: 'COLLECT', inputs: ['a', 'b'], outputs: ['flag'], rules: [['true', '-', '"A"'], ['-', 'true', '"B"']] },
        { id: 'summary', variable: 'summary', expression: 'string join(flag, "+") + " / " + string(count(flags))', requires: ['flags'] },
        { id: 'none', variable: 'none', expression: '[flag = null, count(flags)]', requires: ['flags'] },
      );
      expect(evaluateDecision(decisions, 'summary', { a: true, b: true })).toEqual([{ summary: 'A+B / 2' }]);
      // nothing matched: the output name is not set (as in Camunda), the decision id holds an empty list
      expect(evaluateDecision(decisions, 'none', { a: false, b: false })).toEqual([{ none: [true, 0] }]);
    });

    it('given a chain of required decisions, when evaluated, then each is evaluated first', async () => {
      const decisions = await deploy(
        { id: 'a', variable: 'a', expression: 'x + 1' },
        { id: 'b', variable: 'b', expression: 'a * 10', requires: ['a'] },
        { id: 'c', variable: 'c', expression: 'a + b', requires: ['a', 'b'] },
      );
      expect(evaluateDecision(decisions, 'c', { x: 1 })).toEqual([{ c: 22 }]);
    });
  });
});
