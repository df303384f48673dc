import { EngineError, EngineErrorCode } from '../../../engine/engine-error';
import { toRestVariable, toRestVariableMap, toTypedValue, toVariableMap } from './camunda-variables';

function conversionMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe(EngineErrorCode.InvalidVariable);
    return (error as Error).message;
  }
  throw new Error('expected a conversion error');
}

describe('REST → engine variables', () => {
  it('accepts type names in any case', () => {
    expect(toTypedValue('a', { value: 5, type: 'integer' })).toEqual({ type: 'Integer', value: 5 });
    expect(toTypedValue('b', { value: true, type: 'BOOLEAN' })).toEqual({ type: 'Boolean', value: true });
  });

  it('infers the type from the JSON value when it is missing', () => {
    const map = toVariableMap({ s: { value: 'x' }, i: { value: 7 }, d: { value: 1.5 }, l: { value: 2 ** 40 }, n: { value: null }, j: { value: { a: 1 } } });
    expect(map).toEqual({
      s: { type: 'String', value: 'x' },
      i: { type: 'Integer', value: 7 },
      d: { type: 'Double', value: 1.5 },
      l: { type: 'Long', value: 2 ** 40 },
      n: { type: 'Null', value: null },
      j: { type: 'Json', value: { a: 1 } },
    });
  });

  it('rejects a string that is not an Integer, naming the variable', () => {
    const message = conversionMessage(() => toTypedValue('amount', { value: 'abc', type: 'Integer' }));
    expect(message).toBe("Invalid variable 'amount': Cannot convert value 'abc' of type 'String' to java type java.lang.Integer");
  });

  it('range-checks Integer and Short and rejects fractions', () => {
    expect(conversionMessage(() => toTypedValue('big', { value: 2147483648, type: 'Integer' }))).toContain('out of range');
    expect(conversionMessage(() => toTypedValue('s', { value: 40000, type: 'Short' }))).toContain('out of range');
    expect(conversionMessage(() => toTypedValue('f', { value: 1.5, type: 'Long' }))).toContain('java.lang.Long');
    expect(toTypedValue('n', { value: '42', type: 'Integer' })).toEqual({ type: 'Integer', value: 42 });
  });

  it('parses Camunda and ISO dates to ISO strings', () => {
    expect(toTypedValue('d', { value: '2026-11-23T09:30:00.000+0100', type: 'Date' })).toEqual({ type: 'Date', value: '2026-11-23T08:30:00.000Z' });
    expect(toTypedValue('d', { value: '2026-11-23T09:30:00Z', type: 'Date' }).value).toBe('2026-11-23T09:30:00.000Z');
    expect(conversionMessage(() => toTypedValue('d', { value: 'tomorrow', type: 'Date' }))).toContain("Invalid variable 'd'");
  });

  it('parses Json and application/json Object values from JSON text', () => {
    expect(toTypedValue('j', { value: '{"a":[1,2]}', type: 'Json' })).toEqual({ type: 'Json', value: { a: [1, 2] } });
    expect(
      toTypedValue('o', { value: '{"x":1}', type: 'Object', valueInfo: { objectTypeName: 'com.Acme', serializationDataFormat: 'application/json' } }),
    ).toEqual({ type: 'Object', value: { x: 1 }, valueInfo: { objectTypeName: 'com.Acme', serializationDataFormat: 'application/json' } });
    expect(conversionMessage(() => toTypedValue('j', { value: '{broken', type: 'Json' }))).toContain('not valid JSON');
    expect(
      conversionMessage(() => toTypedValue('o', { value: 'rO0AB', type: 'Object', valueInfo: { serializationDataFormat: 'application/x-java-serialized-object' } })),
    ).toContain('not supported');
  });

  it('rejects unknown types and non-object entries', () => {
    expect(conversionMessage(() => toTypedValue('x', { value: 1, type: 'Bytes' }))).toContain("Unsupported value type 'Bytes'");
    expect(conversionMessage(() => toVariableMap({ x: 5 as never }))).toContain("Invalid variable 'x'");
  });

  it('accepts booleans given as text and keeps typed nulls', () => {
    expect(toTypedValue('b', { value: 'false', type: 'Boolean' })).toEqual({ type: 'Boolean', value: false });
    expect(toTypedValue('s', { value: null, type: 'String' })).toEqual({ type: 'String', value: null });
  });
});

describe('engine → REST variables', () => {
  it('formats dates and serialises Json as text', () => {
    const map = toRestVariableMap({
      due: { type: 'Date', value: '2026-11-23T09:30:00.000Z' },
      data: { type: 'Json', value: { a: 1 } },
      n: { type: 'Integer', value: 3 },
    });
    expect(map).toEqual({
      due: { type: 'Date', value: '2026-11-23T09:30:00.000+0000', valueInfo: {} },
      data: { type: 'Json', value: '{"a":1}', valueInfo: {} },
      n: { type: 'Integer', value: 3, valueInfo: {} },
    });
  });

  it('respects deserializeValues for Object values', () => {
    const typed = { type: 'Object' as const, value: { x: 1 }, valueInfo: { objectTypeName: 'com.Acme' } };
    expect(toRestVariable(typed).value).toEqual({ x: 1 });
    expect(toRestVariable(typed, { deserializeValues: false })).toEqual({
      type: 'Object',
      value: '{"x":1}',
      valueInfo: { serializationDataFormat: 'application/json', objectTypeName: 'com.Acme' },
    });
  });
});
