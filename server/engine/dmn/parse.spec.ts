import { dmnXml, type TableFixture } from './dmn-fixtures';
import { parseDmn } from './parse';

const table = (rules: string[][], extra: Partial<TableFixture> = {}): TableFixture => ({
  id: 'risk',
  hitPolicy: 'FIRST',
  inputs: ['count'],
  outputs: ['level'],
  rules,
  ...extra,
});

describe('parseDmn', () => {
  it('given a Camunda Modeler style table with camunda: attributes, when parsed, then yields a frozen decision model', async () => {
    // given
    const xml = dmnXml(table([['>= 14', '"high"']], { inputs: [{ expression: 'count', inputVariable: 'yes' }] })).replace(
      '<decision id="risk"',
      '<decision camunda:versionTag="v2" camunda:historyTimeToLive="180" id="risk"',
    );

    // when
    const { decisions, problems } = await parseDmn(xml, 'risk.dmn');

    // then
    expect(problems).toEqual([]);
    expect(decisions).toHaveLength(1);
    const [decision] = decisions;
    expect(decision).toMatchObject({ key: 'risk', name: 'risk', definitionsId: 'defs', resource: 'risk.dmn', versionTag: 'v2', historyTimeToLive: '180' });
    expect(decision.logic).toMatchObject({ kind: 'decisionTable', hitPolicy: 'FIRST', inputs: [{ expression: 'count', inputVariable: 'yes' }] });
    expect(Object.isFrozen(decision.logic)).toBe(true);
  });

  it('given XML that is not well-formed, when parsed, then reports one problem and no decisions', async () => {
    const { decisions, problems } = await parseDmn('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision', 'broken.dmn');
    expect(decisions).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ elementId: null, resource: 'broken.dmn' });
    expect(problems[0].message).toMatch(/^Cannot read DMN XML: /);
  });

  it('given a DMN 1.1 file, when parsed, then the problem says to convert it', async () => {
    const xml = '<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" id="d" name="d" namespace="x" />';
    const { problems } = await parseDmn(xml);
    expect(problems[0].message).toContain('this is DMN 1.1/1.2; open and save it in Camunda Modeler to convert it to DMN 1.3');
  });

  it('given an input entry that does not parse, when parsed, then the problem names the cell and the rule', async () => {
    const { decisions, problems } = await parseDmn(dmnXml(table([['>= 14', '"high"'], ['[1..', '"low"']])));
    expect(decisions).toEqual([]);
    expect(problems).toEqual([
      { elementId: 'risk_r2_c1', message: "Decision 'risk': rule 'risk_r2' (row 2), input 'in0': unary tests '[1..' does not parse: unexpected end at position 5" },
    ]);
  });

  it('given an output entry that does not parse, when parsed, then the problem names the output cell', async () => {
    const { problems } = await parseDmn(dmnXml(table([['-', '"high" +']])));
    expect(problems).toHaveLength(1);
    expect(problems[0].elementId).toBe('risk_r1_c2');
    expect(problems[0].message).toContain("rule 'risk_r1' (row 1), output 'level': expression '\"high\" +' does not parse");
  });

  it('given an input expression that does not parse, when parsed, then the problem names the input', async () => {
    const { problems } = await parseDmn(dmnXml(table([['-', '1']], { inputs: ['count >'] })));
    expect(problems.map((p) => p.elementId)).toEqual(['risk_in0']);
  });

  it('given a literal expression that does not parse, when parsed, then it is a problem', async () => {
    const { problems } = await parseDmn(dmnXml({ id: 'lit', variable: 'x', expression: 'if a then' }));
    expect(problems).toEqual([{ elementId: 'lit_le', message: "Decision 'lit': literal expression does not parse: unexpected end at position 10" }]);
  });

  it('given a rule with a missing cell, when parsed, then it is a problem on the rule', async () => {
    const { problems } = await parseDmn(dmnXml(table([['"high"']])));
    expect(problems).toEqual([{ elementId: 'risk_r1', message: "Decision 'risk': rule 'risk_r1' (row 1) has 0 output entries for 1 outputs" }]);
  });

  it('given a decision without an id, when parsed, then reports that the key is missing', async () => {
    const xml = dmnXml(table([['-', '1']])).replace('<decision id="risk"', '<decision');
    const { problems } = await parseDmn(xml);
    expect(problems).toEqual([{ elementId: null, message: "Decision 'risk' has no id; the id is the decision key" }]);
  });

  it('given a JUEL input entry, when parsed, then only FEEL is accepted', async () => {
    const xml = dmnXml(table([['>= 14', '"high"']])).replace('<inputEntry id="risk_r1_c1">', '<inputEntry id="risk_r1_c1" expressionLanguage="juel">');
    const { problems } = await parseDmn(xml);
    expect(problems[0].message).toContain("expression language 'juel' is not supported (only FEEL)");
  });

  it('given a decision requiring a missing one, or a broken one, when parsed, then both dependants are left out', async () => {
    const { decisions, problems } = await parseDmn(
      dmnXml(
        { id: 'a', variable: 'a', expression: 'b + 1', requires: ['b'] },
        { id: 'b', variable: 'b', expression: '1 +' },
        { id: 'c', variable: 'c', expression: '1', requires: ['nowhere'] },
        { id: 'ok', variable: 'ok', expression: '1' },
      ),
    );
    expect(decisions.map((d) => d.key)).toEqual(['ok']);
    expect(problems.map((p) => p.message)).toEqual([
      "Decision 'b': literal expression does not parse: unexpected end at position 4",
      "Decision 'c' requires decision 'nowhere', which is not in this file",
      "Decision 'a' requires decision 'b', which has problems",
    ]);
  });

  it('given two decisions that require each other, when parsed, then reports the cycle', async () => {
    const { decisions, problems } = await parseDmn(
      dmnXml({ id: 'a', variable: 'a', expression: 'b', requires: ['b'] }, { id: 'b', variable: 'b', expression: 'a', requires: ['a'] }),
    );
    expect(decisions).toEqual([]);
    expect(problems.map((p) => p.message)).toContain("Decision 'b' and decision 'a' require each other (a cycle)");
  });
});
