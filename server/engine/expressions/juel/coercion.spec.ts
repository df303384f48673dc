import { arithmetic, compare, isEmpty, looseEquals, negate, strictEquals, toBoolean, toNumber, toText } from './coercion';

describe('EL coercion', () => {
  it.each([
    [null, 0], [undefined, 0], ['', 0], ['  12 ', 12], ['-1.5e1', -15], ['.5', 0.5], [7, 7],
  ])('given %p, when coerced to a number, then is %p', (value, expected) => {
    expect(toNumber(value)).toBe(expected);
  });

  it.each([['12abc'], ['0x10'], ['Infinity'], [true], [[1]], [{}], [new Date(0)]])('given %p, when coerced to a number, then fails', (value) => {
    expect(() => toNumber(value)).toThrow(/cannot convert/);
  });

  it.each([
    [null, false], ['', false], [true, true], [false, false], ['true', true], ['TRUE', true], ['false', false], ['yes', false],
  ])('given %p, when coerced to a boolean, then is %p', (value, expected) => {
    expect(toBoolean(value)).toBe(expected);
  });

  it.each([[1], [[]], [{}]])('given %p, when coerced to a boolean, then fails', (value) => {
    expect(() => toBoolean(value)).toThrow(/cannot convert .* to a boolean/);
  });

  it.each([
    [null, ''], ['s', 's'], [2.5, '2.5'], [false, 'false'], [new Date(0), '1970-01-01T00:00:00.000Z'], [{ a: [1] }, '{"a":[1]}'],
  ])('given %p, when coerced to text, then is %p', (value, expected) => {
    expect(toText(value)).toBe(expected);
  });

  it.each([
    [null, true], ['', true], [[], true], [{}, true], [' ', false], [0, false], [false, false], [[null], false], [new Date(0), false],
  ])('given %p, when tested with empty, then is %p', (value, expected) => {
    expect(isEmpty(value)).toBe(expected);
  });

  it('given null on either side, when compared with ==, then only null equals null', () => {
    expect(looseEquals(null, null)).toBe(true);
    expect(looseEquals(null, undefined)).toBe(true);
    expect(looseEquals(null, 0)).toBe(false);
    expect(looseEquals('', null)).toBe(false);
  });

  it('given mixed types, when compared with ==, then coerces like EL', () => {
    expect(looseEquals('1.0', 1)).toBe(true);
    expect(looseEquals('True', true)).toBe(true);
    expect(looseEquals(new Date(0), '1970-01-01T00:00:00.000Z')).toBe(true);
    expect(() => looseEquals(true, 1)).toThrow('cannot convert boolean to a number');
  });

  it('given values of different types, when compared with equals(), then they differ', () => {
    expect(strictEquals(1, '1')).toBe(false);
    expect(strictEquals(null, undefined)).toBe(true);
    expect(strictEquals([1, [2]], [1, [2]])).toBe(true);
    expect(strictEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(strictEquals({ a: undefined }, { b: undefined })).toBe(false);
  });

  it('given every relational operator, when comparing 1 with 2, then orders numerically', () => {
    expect([compare('<', 1, 2), compare('>', 1, 2), compare('<=', 1, 2), compare('>=', 1, 2)]).toEqual([true, false, true, false]);
    expect([compare('<', 2, 2), compare('<=', 2, 2), compare('>=', '2', 2)]).toEqual([false, true, true]);
  });

  it('given arithmetic on nulls, when evaluated, then both null yields 0 and one null counts as 0', () => {
    expect(arithmetic('/', null, null)).toBe(0);
    expect(arithmetic('-', null, 3)).toBe(-3);
    expect(arithmetic('%', 7, '-4')).toBe(3);
    expect(negate(0)).toBe(0);
    expect(Object.is(negate(0), -0)).toBe(false);
  });
});
