import type { VariableLookup } from '../compiled-expression';
import { ExpressionError } from '../expression-error';
import { compileJuel } from './juel';

const run = (source: string, vars: VariableLookup = {}) => compileJuel(source).evaluate(vars);

const vars: VariableLookup = {
  amount: 150,
  price: 2.5,
  count: 4,
  name: 'Ada',
  text: '42',
  approved: true,
  rejected: false,
  nothing: null,
  blank: '',
  items: [10, 20, 30],
  none: [],
  customer: { name: 'Ada', address: { city: 'Leeds' }, tags: ['vip'] },
  emptyMap: {},
  due: new Date('2026-05-01T00:00:00Z'),
  later: new Date('2026-06-01T00:00:00Z'),
};

describe('compileJuel: evaluation', () => {
  describe('literals and variables', () => {
    it.each([
      ['${42}', 42],
      ['${2.75}', 2.75],
      ["${'single'}", 'single'],
      ['${"double"}', 'double'],
      ["${'it\\'s'}", "it's"],
      ['${true}', true],
      ['${false}', false],
      ['${null}', null],
      ['${amount}', 150],
      ['${nothing}', null],
      ['${customer}', vars.customer],
      ['${due}', vars.due],
    ])('given the variables, when evaluating %s, then returns the raw value', (source, expected) => {
      expect(run(source, vars)).toEqual(expected);
    });

    it('given a variable holding undefined, when evaluated, then reads as null', () => {
      expect(run('${x}', { x: undefined })).toBeNull();
    });
  });

  describe('property and index access', () => {
    it.each([
      ['${customer.name}', 'Ada'],
      ['${customer.address.city}', 'Leeds'],
      ["${customer['address']['city']}", 'Leeds'],
      ['${customer["name"]}', 'Ada'],
      ['${customer.tags[0]}', 'vip'],
      ['${items[1]}', 20],
      ["${items['2']}", 30],
      ['${items[count - 3]}', 20],
      ['${items[9]}', null],
      ['${customer.missing}', null],
      ['${customer.missing.deeper}', null],
      ['${nothing.anything}', null],
      ['${nothing[0]}', null],
      ['${customer.constructor}', null],
      ['${customer.__proto__}', null],
      ['${customer.hasOwnProperty}', null],
    ])('given nested variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toEqual(expected);
    });

    it.each([
      ['${items.length}', "cannot read property 'length' of a list (use a numeric index)"],
      ['${name.length}', "cannot read property 'length' of a string"],
      ['${amount.value}', "cannot read property 'value' of a number"],
      ['${due.time}', "cannot read property 'time' of a date"],
    ])('given a value without properties, when evaluating %s, then fails with "%s"', (source, message) => {
      expect(() => run(source, vars)).toThrow(`Cannot evaluate expression '${source}': ${message}`);
    });
  });

  describe('arithmetic', () => {
    it.each([
      ['${amount + 1}', 151],
      ['${amount - 50}', 100],
      ['${count * price}', 10],
      ['${7 / 2}', 3.5],
      ['${7 div 2}', 3.5],
      ['${7 % 4}', 3],
      ['${7 mod 4}', 3],
      ['${-count}', -4],
      ['${- -count}', 4],
      ['${-nothing}', 0],
      ["${-'3'}", -3],
      ['${text + 1}', 43],
      ["${'1.5' * 2}", 3],
      ["${'' + 1}", 1],
      ['${nothing + nothing}', 0],
      ['${nothing + 2}', 2],
      ['${nothing * 2}', 0],
      ['${1 + 2 * 3}', 7],
      ['${(1 + 2) * 3}', 9],
      ['${10 - 4 - 3}', 3],
      ['${2 + 3 * 4 - 6 / 2 % 2}', 13],
    ])('given numbers, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });

    it.each([
      ['${name + 1}', 'cannot convert a non-numeric string to a number'],
      ["${'a' + 'b'}", 'cannot convert a non-numeric string to a number'],
      ['${approved + 1}', 'cannot convert boolean to a number'],
      ['${items * 2}', 'cannot convert list to a number'],
      ['${amount / 0}', 'division by zero'],
      ['${amount % 0}', 'division by zero'],
      ['${-name}', 'cannot convert a non-numeric string to a number'],
    ])('given operands that are not numbers, when evaluating %s, then fails with "%s"', (source, message) => {
      expect(() => run(source, vars)).toThrow(message);
    });
  });

  describe('equality', () => {
    it.each([
      ['${amount == 150}', true],
      ['${amount eq 150.0}', true],
      ['${amount != 150}', false],
      ['${amount ne 151}', true],
      ["${name == 'Ada'}", true],
      ['${name == "Bob"}', false],
      ['${text == 42}', true],
      ["${amount == '150'}", true],
      ["${approved == 'true'}", true],
      ['${rejected == false}', true],
      ['${nothing == null}', true],
      ['${null == nothing}', true],
      ['${amount == null}', false],
      ['${nothing != null}', false],
      ["${name != null && name != ''}", true],
      ['${due == later}', false],
      ['${customer.address == customer.address}', true],
      ['${items == items}', true],
    ])('given the variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });

    it('given equal but distinct dates, lists and maps, when compared with ==, then they are equal', () => {
      const given = { a: new Date(5), b: new Date(5), l1: [1, { x: 'y' }], l2: [1, { x: 'y' }], m1: { k: [1] }, m2: { k: [1] }, m3: { k: [2] } };
      expect(run('${a == b && l1 == l2 && m1 == m2}', given)).toBe(true);
      expect(run('${m1 == m3}', given)).toBe(false);
    });

    it('given a non-numeric string compared with a number, when evaluated, then fails like EL', () => {
      expect(() => run('${name == 1}', vars)).toThrow('cannot convert a non-numeric string to a number');
    });
  });

  describe('relational operators', () => {
    it.each([
      ['${amount > 100}', true],
      ['${amount gt 150}', false],
      ['${amount >= 150}', true],
      ['${amount ge 151}', false],
      ['${amount < 200}', true],
      ['${amount lt 150}', false],
      ['${amount <= 150}', true],
      ['${amount le 149}', false],
      ['${text > 5}', true],
      ["${name < 'Bob'}", true],
      ["${'b' > 'a'}", true],
      ["${'10' < '9'}", true],
      ['${due < later}', true],
      ['${due >= later}', false],
      ['${nothing < 1}', false],
      ['${nothing > 1}', false],
      ['${nothing <= nothing}', true],
      ['${nothing < nothing}', false],
    ])('given the variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });

    it('given values that cannot be ordered, when compared, then fails', () => {
      expect(() => run('${customer < items}', vars)).toThrow('cannot compare map with list');
    });
  });

  describe('logical operators', () => {
    it.each([
      ['${approved && !rejected}', true],
      ['${approved and rejected}', false],
      ['${approved || rejected}', true],
      ['${rejected or rejected}', false],
      ['${!approved}', false],
      ['${not rejected}', true],
      ['${!nothing}', true],
      ["${!'TRUE'}", false],
      ["${blank || 'True'}", true],
      ["${blank || 'yes'}", false],
      ['${rejected || approved && rejected}', false],
      ['${(rejected || approved) && rejected}', false],
      ['${!(amount > 100)}', false],
    ])('given the variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });

    it('given a false left side, when evaluating &&, then does not evaluate the right side', () => {
      expect(run('${rejected && unknownVariable > 1}', vars)).toBe(false);
    });

    it('given a true left side, when evaluating ||, then does not evaluate the right side', () => {
      expect(run('${approved || unknownVariable > 1}', vars)).toBe(true);
    });

    it('given a number used as a boolean, when negated, then fails', () => {
      expect(() => run('${!amount}', vars)).toThrow('cannot convert number to a boolean');
    });
  });

  describe('empty', () => {
    it.each([
      ['${empty nothing}', true],
      ['${empty blank}', true],
      ['${empty none}', true],
      ['${empty emptyMap}', true],
      ['${empty name}', false],
      ['${empty items}', false],
      ['${empty customer}', false],
      ['${empty amount}', false],
      ['${empty rejected}', false],
      ['${not empty customer.tags}', true],
      ['${empty customer.missing}', true],
      ['${!empty name && amount > 1}', true],
    ])('given the variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });
  });

  describe('conditional', () => {
    it.each([
      ["${amount > 100 ? 'high' : 'low'}", 'high'],
      ["${amount > 1000 ? 'high' : 'low'}", 'low'],
      ["${amount > 1000 ? 'high' : amount > 100 ? 'medium' : 'low'}", 'medium'],
      ['${nothing ? 1 : 2}', 2],
      ['${approved ? customer.address.city : null}', 'Leeds'],
    ])('given the variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });
  });

  describe('execution methods', () => {
    it.each([
      ["${execution.getVariable('amount')}", 150],
      ['${execution.getVariable("name")}', 'Ada'],
      ["${execution.getVariableLocal('name')}", 'Ada'],
      ["${execution.getVariable('missing')}", null],
      ["${execution.hasVariable('nothing')}", true],
      ["${execution.hasVariable('missing')}", false],
      ["${execution.hasVariableLocal('amount')}", true],
      ["${execution.hasVariable('amount') && execution.getVariable('amount') > 100}", true],
    ])('given the variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });

    it.each([
      ["${execution.setVariable('a', 1)}", 'execution.setVariable() is not supported (supported: getVariable, getVariableLocal, hasVariable, hasVariableLocal)'],
      ['${execution.getVariable()}', 'execution.getVariable() takes one variable name'],
      ['${execution.getVariable(1)}', 'execution.getVariable() takes one variable name'],
      ['${execution}', "'execution' can only be used to call getVariable(name)"],
      ['${execution.processInstanceId}', "'execution' can only be used to call"],
    ])('given an unsupported use of execution, when evaluating %s, then fails clearly', (source, message) => {
      expect(() => run(source, vars)).toThrow(message);
    });

    it('given a variable named execution, when evaluating, then the variable wins', () => {
      expect(run('${execution.id}', { execution: { id: 'e1' } })).toBe('e1');
    });
  });

  describe('method calls', () => {
    it.each([
      ["${name.equals('Ada')}", true],
      ['${name.equals("Bob")}', false],
      ['${items.size() > 2}', true],
      ['${none.isEmpty()}', true],
      ['${customer.tags.contains("vip")}', true],
      ["${customer.containsKey('address')}", true],
      ['${name.toUpperCase().startsWith("AD")}', true],
      ["${execution.getVariable('customer').address.city}", 'Leeds'],
    ])('given the variables, when evaluating %s, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });

    it('given a method outside the whitelist, when evaluated, then names the method and the source', () => {
      expect(() => run('${name.getBytes()}', vars)).toThrow("Cannot evaluate expression '${name.getBytes()}': method 'getBytes()' is not supported on a string");
    });

    it('given a method call on null, when evaluated, then fails clearly', () => {
      expect(() => run('${nothing.equals(1)}', vars)).toThrow("cannot call 'equals()' on null");
    });
  });

  describe('templates', () => {
    it.each([
      ['Hello ${name}!', 'Hello Ada!'],
      ['${name} ordered ${count} items', 'Ada ordered 4 items'],
      ['#{name}/${amount}', 'Ada/150'],
      ['total: ${price * count}', 'total: 10'],
      ['flag=${approved}, none=[${nothing}]', 'flag=true, none=[]'],
      ['tags: ${customer.tags}', 'tags: ["vip"]'],
      ['due ${due}', 'due 2026-05-01T00:00:00.000Z'],
      ['${name}${name}', 'AdaAda'],
      ['price is \\${price}', 'price is ${price}'],
      ['\\#{x} and ${name}', '#{x} and Ada'],
      ["${'}' + ''}".replace(" + ''", ''), '}'],
      [" ${amount}", ' 150'],
    ])('given the variables, when evaluating the template %p, then returns %p', (source, expected) => {
      expect(run(source, vars)).toBe(expected);
    });
  });

  describe('errors', () => {
    it('given an unknown identifier, when evaluated, then fails with Camunda 7 wording', () => {
      // given
      const expr = compileJuel('${x}');
      // when / then
      expect(() => expr.evaluate({})).toThrow(new ExpressionError("Unknown property used in expression: ${x}. Cannot resolve identifier 'x'", '${x}'));
    });

    it('given an unknown identifier inside a larger expression, when evaluated, then quotes the whole expression', () => {
      expect(() => run('${amount > limit}', vars)).toThrow("Unknown property used in expression: ${amount > limit}. Cannot resolve identifier 'limit'");
    });

    it('given an evaluation failure, when thrown, then it is an ExpressionError carrying the source', () => {
      try {
        run('${amount / 0}', vars);
        throw new Error('expected an ExpressionError');
      } catch (err) {
        expect(err).toBeInstanceOf(ExpressionError);
        expect((err as ExpressionError).expression).toBe('${amount / 0}');
      }
    });

    it.each([
      ['${}', "Cannot parse expression '${}' at position 3: empty expression"],
      ['${amount >}', "Cannot parse expression '${amount >}' at position 11: unexpected end of expression"],
      ['Hello ${name', "Cannot parse expression 'Hello ${name' at position 7: '${' is never closed with '}'"],
      ["${'oops}", "Cannot parse expression '${'oops}' at position 1: '${' is never closed with '}'"],
      ['${a ; b}', "Cannot parse expression '${a ; b}' at position 5: unexpected character ';'"],
      ['ok ${a +* b}', "Cannot parse expression 'ok ${a +* b}' at position 9: unexpected '*'"],
    ])('given the unparseable source %p, when compiled, then fails with %p', (source, message) => {
      expect(() => compileJuel(source)).toThrow(new ExpressionError(message, source));
    });
  });
});
