import { EvalFailure } from './coercion';
import { callMethod } from './methods';

describe('callMethod', () => {
  it.each([
    ['Ada', 'equals', ['Ada'], true],
    ['Ada', 'equals', ['ada'], false],
    ['5', 'equals', [5], false],
    ['Ada', 'equalsIgnoreCase', ['ADA'], true],
    ['Ada', 'equalsIgnoreCase', [null], false],
    ['Lovelace', 'contains', ['love'], false],
    ['Lovelace', 'contains', ['lace'], true],
    ['A123', 'contains', [12], true],
    ['Lovelace', 'startsWith', ['Love'], true],
    ['Lovelace', 'endsWith', ['ace'], true],
    ['Lovelace', 'indexOf', ['e'], 3],
    ['', 'isEmpty', [], true],
    ['Ada', 'length', [], 3],
    ['Ada', 'toUpperCase', [], 'ADA'],
    ['Ada', 'toLowerCase', [], 'ada'],
    ['  x ', 'trim', [], 'x'],
    ['Lovelace', 'substring', [4], 'lace'],
    ['Lovelace', 'substring', [0, 4], 'Love'],
    [42, 'toString', [], '42'],
    [42, 'equals', [42], true],
    [[1, 2], 'size', [], 2],
    [[], 'isEmpty', [], true],
    [['a', 'b'], 'contains', ['b'], true],
    [[{ k: 1 }], 'contains', [{ k: 1 }], true],
    [['a', 'b'], 'indexOf', ['c'], -1],
    [['a', 'b'], 'get', [1], 'b'],
    [['a'], 'equals', [['a']], true],
    [{ a: 1, b: 2 }, 'size', [], 2],
    [{}, 'isEmpty', [], true],
    [{ a: 1 }, 'containsKey', ['a'], true],
    [{ a: 1 }, 'containsKey', ['toString'], false],
    [{ a: 1 }, 'get', ['a'], 1],
    [{ a: 1 }, 'get', ['b'], null],
    [{ a: 1, b: 2 }, 'keySet', [], ['a', 'b']],
    [new Date(1000), 'getTime', [], 1000],
    [new Date(1000), 'before', [new Date(2000)], true],
    [new Date(1000), 'after', [new Date(2000)], false],
  ])('given %p, when calling %s(%p), then returns %p', (target, method, args, expected) => {
    expect(callMethod(target, method as string, args as unknown[])).toEqual(expected);
  });

  it.each([
    ['Ada', 'matches', ['.*'], "method 'matches()' is not supported on a string (supported: contains, endsWith"],
    [[1], 'add', [2], "method 'add()' is not supported on a list"],
    [{ a: 1 }, 'put', ['b', 2], "method 'put()' is not supported on a map"],
    [{ a: 1 }, 'constructor', [], "method 'constructor()' is not supported on a map"],
    [5, 'intValue', [], "method 'intValue()' is not supported on a number (supported: equals, toString)"],
    [null, 'equals', [1], "cannot call 'equals()' on null"],
    ['Ada', 'contains', [], "method 'contains()' takes 1 argument(s) but got 0"],
    ['Ada', 'substring', [1, 2, 3], "method 'substring()' takes 1 to 2 argument(s) but got 3"],
    ['Ada', 'substring', [2, 9], 'substring index out of range'],
    ['Ada', 'substring', [-1], 'an index must be a non-negative integer'],
    [['a'], 'get', [3], 'list index out of range'],
    [new Date(0), 'before', ['2020'], 'expected a date but got string'],
  ])('given %p, when calling %s(%p), then fails with "%s"', (target, method, args, message) => {
    expect(() => callMethod(target, method as string, args as unknown[])).toThrow(message as string);
    expect(() => callMethod(target, method as string, args as unknown[])).toThrow(EvalFailure);
  });
});
