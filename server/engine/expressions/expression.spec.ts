import { compileExpression, evaluateCondition, ExpressionError, isExpression, parseCheck } from './index';

describe('isExpression', () => {
  it.each([
    ['=amount > 1', true],
    ['${amount > 1}', true],
    ['#{amount > 1}', true],
    ['Hello ${name}', true],
    ['team-leader', false],
    ['', false],
    ['$ {x}', false],
    ['a = b', false],
  ])('given %p, when checked, then returns %p', (source, expected) => {
    expect(isExpression(source)).toBe(expected);
  });
});

describe('compileExpression', () => {
  it('given a FEEL source, when compiled, then is kind feel and keeps the source', () => {
    // when
    const expr = compileExpression('=amount > 100');
    // then
    expect([expr.kind, expr.source, expr.evaluate({ amount: 101 })]).toEqual(['feel', '=amount > 100', true]);
  });

  it('given an EL source, when compiled, then is kind juel', () => {
    const expr = compileExpression('${amount > 100}');
    expect([expr.kind, expr.evaluate({ amount: 99 })]).toEqual(['juel', false]);
  });

  it('given a literal, when evaluated, then returns it unchanged', () => {
    const expr = compileExpression('team-leader');
    expect([expr.kind, expr.evaluate({ 'team-leader': 'x' })]).toEqual(['literal', 'team-leader']);
  });

  it('given a source starting with = that also contains ${, when compiled, then FEEL wins', () => {
    expect(compileExpression('="${x}"').evaluate({})).toBe('${x}');
  });

  it('given a compiled expression, when evaluated repeatedly with other variables, then holds no state between runs', () => {
    const expr = compileExpression('Hello ${name}');
    expect([expr.evaluate({ name: 'Ada' }), expr.evaluate({ name: 'Bob' })]).toEqual(['Hello Ada', 'Hello Bob']);
  });

  it.each([['=1 +'], ['${a +}'], ['x ${']])('given the unparseable source %p, when compiled, then throws ExpressionError', (source) => {
    expect(() => compileExpression(source)).toThrow(ExpressionError);
  });
});

describe('evaluateCondition', () => {
  it.each([
    ['=amount > 100', { amount: 150 }, true],
    ['=riskLevel = "high"', { riskLevel: 'low' }, false],
    ['${approved}', { approved: true }, true],
    ['#{!approved}', { approved: true }, false],
    ["${execution.getVariable('amount') >= 100}", { amount: 100 }, true],
  ])('given %s with %p, when evaluated as a condition, then returns %p', (source, vars, expected) => {
    expect(evaluateCondition(compileExpression(source), vars)).toBe(expected);
  });

  it.each([
    ['=amount', { amount: 5 }, "Condition '=amount' must evaluate to a boolean but returned a number"],
    ['=missing', {}, "Condition '=missing' must evaluate to a boolean but returned null"],
    ['=[true]', {}, 'returned a list'],
    ['={a: true}', {}, 'returned a map'],
    ['${flag}', { flag: 'true' }, "Condition '${flag}' must evaluate to a boolean but returned a string"],
    ['${due}', { due: new Date(0) }, 'returned a date'],
    ['${nothing}', { nothing: null }, 'returned null'],
    ['yes', {}, "Condition 'yes' must evaluate to a boolean but returned a string"],
    ['${a} ${b}', { a: true, b: true }, 'returned a string'],
  ])('given %s with %p, when evaluated as a condition, then rejects the non-boolean result', (source, vars, message) => {
    expect(() => evaluateCondition(compileExpression(source), vars)).toThrow(message);
  });

  it('given a FEEL condition that is null because of a type mismatch, when evaluated, then the error says so and explains what it can', () => {
    // given
    const expr = compileExpression('=amount = 100');
    // when / then
    expect(() => evaluateCondition(expr, { amount: 'lots' })).toThrow(
      new ExpressionError("Condition '=amount = 100' must evaluate to a boolean but returned null", '=amount = 100'),
    );
    expect(() => evaluateCondition(compileExpression('="a" + x > 1'), { x: 1 })).toThrow("returned null (Can't add number to string)");
  });

  it('given an unknown variable in an EL condition, when evaluated, then reports it like Camunda 7', () => {
    expect(() => evaluateCondition(compileExpression('${limit > 1}'), {})).toThrow(
      "Unknown property used in expression: ${limit > 1}. Cannot resolve identifier 'limit'",
    );
  });
});

describe('parseCheck', () => {
  it.each([['=amount > 1'], ['${amount > 1}'], ['Hello ${name}'], ['team-leader'], ['']])('given the valid source %p, when checked, then returns null', (source) => {
    expect(parseCheck(source)).toBeNull();
  });

  it.each([
    ['=amount >', "Cannot parse FEEL expression '=amount >' at position 10: unexpected end of expression"],
    ['${amount >}', "Cannot parse expression '${amount >}' at position 11: unexpected end of expression"],
    ['${foo(1)}', "Cannot parse expression '${foo(1)}' at position 3: function calls like 'foo(…)' are not supported"],
  ])('given the invalid source %p, when checked, then returns the message', (source, message) => {
    expect(parseCheck(source)).toContain(message);
  });
});
