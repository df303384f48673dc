import { DecisionError } from './decision-error';
import { deploy, type TableFixture } from './dmn-fixtures';
import { evaluateDecision } from './evaluate';

/** A table over `score` whose rules 1–3 overlap at score 7. */
function scoreTable(hitPolicy: string, aggregation?: string, outputs: TableFixture['outputs'] = ['level']): TableFixture {
  return {
    id: 'score',
    hitPolicy,
    aggregation,
    inputs: ['score'],
    outputs,
    rules: [
      ['>= 5', '"medium"'],
      ['>= 7', '"high"'],
      ['[6..8]', '"medium"'],
      ['< 0', '"invalid"'],
    ],
  };
}

async function evaluate(table: TableFixture, variables: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  return evaluateDecision(await deploy(table), table.id, variables);
}

describe('hit policies', () => {
  describe('UNIQUE (the default)', () => {
    it('given one matching rule, when evaluated, then returns its output', async () => {
      expect(await evaluate(scoreTable('UNIQUE'), { score: -1 })).toEqual([{ level: 'invalid' }]);
    });

    it('given no hit policy attribute, when two rules match, then fails naming the decision and rules', async () => {
      const table = { ...scoreTable(''), hitPolicy: undefined };
      await expect(evaluate(table, { score: 7 })).rejects.toThrow(DecisionError);
      await expect(evaluate(table, { score: 7 })).rejects.toThrow(
        "Decision 'score': hit policy UNIQUE allows only one matching rule, but rules 'score_r1', 'score_r2', 'score_r3' matched",
      );
    });

    it('given no matching rule, when evaluated, then the result is empty', async () => {
      expect(await evaluate(scoreTable('UNIQUE'), { score: 2 })).toEqual([]);
    });
  });

  describe('FIRST', () => {
    it('given overlapping rules, when evaluated, then the first matching rule in table order wins', async () => {
      expect(await evaluate(scoreTable('FIRST'), { score: 7 })).toEqual([{ level: 'medium' }]);
    });

    it('given no match and a default output entry, when evaluated, then returns the default', async () => {
      const table = scoreTable('FIRST', undefined, [{ name: 'level', defaultValue: '"standard"' }]);
      expect(await evaluate(table, { score: 1 })).toEqual([{ level: 'standard' }]);
    });
  });

  describe('ANY', () => {
    it('given matching rules with equal outputs, when evaluated, then returns that output once', async () => {
      expect(await evaluate(scoreTable('ANY'), { score: 5 })).toEqual([{ level: 'medium' }]);
    });

    it('given matching rules with different outputs, when evaluated, then fails', async () => {
      await expect(evaluate(scoreTable('ANY'), { score: 7 })).rejects.toThrow(
        "Decision 'score': hit policy ANY needs all matching rules to have equal outputs, but rules 'score_r1', 'score_r2' differ",
      );
    });
  });

  describe('PRIORITY and OUTPUT ORDER', () => {
    const prioritised = (policy: string) => scoreTable(policy, undefined, [{ name: 'level', values: '"high","medium","invalid"' }]);

    it('given PRIORITY, when several rules match, then the output listed first in output values wins', async () => {
      expect(await evaluate(prioritised('PRIORITY'), { score: 7 })).toEqual([{ level: 'high' }]);
    });

    it('given OUTPUT ORDER, when several rules match, then all outputs come in priority order', async () => {
      expect(await evaluate(prioritised('OUTPUT ORDER'), { score: 7 })).toEqual([{ level: 'high' }, { level: 'medium' }, { level: 'medium' }]);
    });

    it('given PRIORITY without output values, when parsed, then it is a problem', async () => {
      await expect(deploy(scoreTable('PRIORITY'))).rejects.toThrow('hit policy PRIORITY needs output values (in priority order) on at least one output');
    });
  });

  describe('RULE ORDER and COLLECT', () => {
    it('given RULE ORDER, when several rules match, then all outputs come in table order', async () => {
      expect(await evaluate(scoreTable('RULE ORDER'), { score: 7 })).toEqual([{ level: 'medium' }, { level: 'high' }, { level: 'medium' }]);
    });

    it('given COLLECT, when several rules match, then all outputs are returned', async () => {
      expect(await evaluate(scoreTable('COLLECT'), { score: 7 })).toEqual([{ level: 'medium' }, { level: 'high' }, { level: 'medium' }]);
    });

    it('given COLLECT and no match, when evaluated, then the result is empty', async () => {
      expect(await evaluate(scoreTable('COLLECT'), { score: 1 })).toEqual([]);
    });
  });

  describe('COLLECT aggregations', () => {
    const points = (aggregation: string): TableFixture => ({
      id: 'points',
      hitPolicy: 'COLLECT',
      aggregation,
      inputs: ['a', 'b'],
      outputs: ['points'],
      rules: [
        ['true', '-', '10'],
        ['-', 'true', '3'],
        ['-', '-', '5'],
      ],
    });

    it.each([
      ['SUM', 18],
      ['MIN', 3],
      ['MAX', 10],
      ['COUNT', 3],
    ])('given %s, when three rules match, then returns one entry with %d', async (aggregation, expected) => {
      expect(await evaluate(points(aggregation), { a: true, b: true })).toEqual([{ points: expected }]);
    });

    it('given COUNT and no match, when evaluated, then the count is 0', async () => {
      const table = { ...points('COUNT'), rules: [['true', '-', '1']] };
      expect(await evaluate(table, { a: false })).toEqual([{ points: 0 }]);
    });

    it('given SUM over a string output, when evaluated, then fails naming the rule and type', async () => {
      const table = { ...points('SUM'), rules: [['-', '-', '"x"']] };
      await expect(evaluate(table, {})).rejects.toThrow("Decision 'points': aggregation SUM needs numbers, but rule 'points_r1' gave a string");
    });

    it('given an aggregation without COLLECT, when parsed, then it is a problem', async () => {
      await expect(deploy({ ...points('SUM'), hitPolicy: 'FIRST' })).rejects.toThrow("aggregation 'SUM' needs hit policy COLLECT, not FIRST");
    });
  });

  describe('multiple outputs', () => {
    it('given two outputs, when a rule matches, then its entry holds both names and an empty cell is left out', async () => {
      const table: TableFixture = {
        id: 'multi',
        hitPolicy: 'RULE ORDER',
        inputs: ['x'],
        outputs: ['label', 'weight'],
        rules: [
          ['> 0', '"positive"', 'x * 2'],
          ['-', '"any"', ''],
        ],
      };
      expect(await evaluate(table, { x: 4 })).toEqual([{ label: 'positive', weight: 8 }, { label: 'any' }]);
    });
  });

  it('given an unsupported hit policy, when parsed, then it is a problem on the table', async () => {
    await expect(deploy(scoreTable('BEST'))).rejects.toThrow("Decision 'score': hit policy 'BEST' is not supported");
  });
});
