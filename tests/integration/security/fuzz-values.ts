/**
 * The vocabulary of the REST fuzz test (`fuzz.test.ts`): what a malformed request is, the process
 * it runs against, and generators of JSON values that are invalid for each kind of field.
 */
import fc from 'fast-check';
import { isCamundaDate } from '../../../server/src/engine-rest/camunda-date';

/** Who sends a request: the platform administrator's token, an organisation's token, a signed-in user, or nobody. */
export type Who = 'admin' | 'organisation' | 'session' | 'anonymous';

/** A multipart/form-data body: text fields and files. */
export interface MultipartBody {
  fields: [string, string][];
  files: { field: string; name: string; content: Buffer }[];
}

/** One malformed request. `json` is sent as application/json, `raw` with its own content type. */
export interface Malformed {
  category: string;
  who: Who;
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  query?: string;
  json?: unknown;
  raw?: { contentType: string; body: string | Buffer };
  multipart?: MultipartBody;
  headers?: Record<string, string>;
}

/** The ids of the running case and its definition, filled in once the test has deployed and started it. */
export interface Ids {
  definitionId: string;
  deploymentId: string;
  instanceId: string;
  taskId: string;
  externalTaskId: string;
  jobId: string;
}

/** The tenant (organisation) the fuzzed case belongs to. */
export const TENANT = 'cmg';
/** The key of the fuzzed process. */
export const PROCESS_KEY = 'fuzzCase';
/** The callers of the engine API: the platform administrator and the organisation's token. */
export const ENGINE_CALLERS: Who[] = ['admin', 'organisation'];
/** A variable map that is valid: what the malformed bodies would have written. */
export const goodVars = { fuzzNote: { value: 'changed by the fuzzer', type: 'String' } };

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">`;

/** A process with a process id `key` whose case waits at a user task, an external task, a timer, a message and a signal. */
export function fuzzProcess(key: string, replaceReview?: string): string {
  return `${HEADER}
  <bpmn:message id="msg" name="FuzzMessage" />
  <bpmn:signal id="sig" name="FuzzSignal" />
  <bpmn:process id="${key}" name="Fuzz case" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="check" />
    <bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="wait" />
    <bpmn:sequenceFlow id="f5" sourceRef="fork" targetRef="hear" />
    <bpmn:sequenceFlow id="f6" sourceRef="fork" targetRef="watch" />
    ${replaceReview ?? '<bpmn:userTask id="review" name="Review" camunda:candidateGroups="cmg_manager" />'}
    <bpmn:serviceTask id="check" name="Check" camunda:type="external" camunda:topic="fuzz-check" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="hear"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="watch"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f7" sourceRef="review" targetRef="join" />
    <bpmn:sequenceFlow id="f8" sourceRef="check" targetRef="join" />
    <bpmn:sequenceFlow id="f9" sourceRef="wait" targetRef="join" />
    <bpmn:sequenceFlow id="f10" sourceRef="hear" targetRef="join" />
    <bpmn:sequenceFlow id="f11" sourceRef="watch" targetRef="join" />
    <bpmn:parallelGateway id="join" />
    <bpmn:sequenceFlow id="f12" sourceRef="join" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

// Invalid JSON values by the kind of field they are sent in.

/** Marks a required field that the malformed body leaves out. */
export const OMIT = Symbol('omit');

export const shortText = fc.string({ maxLength: 12 });
const nested = fc.integer({ min: 5, max: 60 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { deeper: value };
  return value;
});
const hugeNumbers = fc.constantFrom(2147483648, -2147483649, 9007199254740993, 1e20, -1e20, 1.7976931348623157e308);
const fractions = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((n) => !Number.isInteger(n));
export const objects = fc.oneof(fc.dictionary(shortText, shortText, { maxKeys: 3 }), nested);
export const arrays = fc.array(fc.oneof(fc.integer(), shortText), { maxLength: 3 });

/** Not a string (and not null, which an optional field takes as absent). */
export const notString = fc.oneof(fc.integer(), fractions, fc.boolean(), arrays, objects, hugeNumbers);
/** Not a boolean: `"true"`/`"false"` are accepted as booleans, so never those. */
const notBoolean = fc.oneof(
  fc.integer(),
  fc.constantFrom('yes', 'no', 'TRUE', 'False', '1', '0', '', 'on', 'null'),
  shortText.filter((s) => s !== 'true' && s !== 'false'),
  arrays,
  objects,
);
/** Not a date in Camunda's format: impossible days and times, zone offsets beyond ±23:59, other formats, random text. */
export const badDateText = fc.oneof(
  fc.constantFrom(
    '2026-02-30T00:00:00', '2026-13-01T00:00:00.000+0000', '2026-00-10T00:00:00.000+0000', '2026-01-01T24:00:00', '2026-01-01T23:60:00',
    '2026-01-01', '01/02/2026', 'yesterday', 'now', '', ' ', 'NaN', '1767225600000', '2026-01-01T00:00:00.000+2500',
    '2026-01-01T00:00:00.000+0099', '2026-01-01T00:00:00.000-9999', '+275760-09-13T00:00:00.000Z', '2026-01-01T00:00:00.000 +0000',
  ),
  // Random text is almost never a date; the rare one that is would not be malformed.
  fc.string({ maxLength: 30 }).filter((s) => !isCamundaDate(s)),
);
const notDate = fc.oneof(badDateText, fc.integer(), fc.boolean(), arrays, objects);

/** Not a whole number within [min, 2^31-1]. Digit strings count as numbers in a JSON body, so never those. */
function notInt(min?: number) {
  const options = [fractions, fc.string({ maxLength: 12 }).filter((s) => !/^-?\d+$/.test(s)), fc.boolean(), arrays, objects, hugeNumbers];
  if (min !== undefined) options.push(fc.integer({ min: -1_000_000, max: min - 1 }));
  return fc.oneof(...options);
}

/** Not an array of strings. `comma` says whether a comma-separated string is accepted as the list. */
function notStringList(comma: boolean) {
  const element = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), objects, arrays);
  const withBadElement = fc.tuple(fc.array(shortText, { maxLength: 3 }), element, fc.nat(3)).map(([list, bad, at]) => {
    const copy: unknown[] = [...list];
    copy.splice(Math.min(at, copy.length), 0, bad);
    return copy;
  });
  const options = [fc.integer(), fc.boolean(), objects, withBadElement];
  return comma ? fc.oneof(...options) : fc.oneof(shortText, ...options);
}

const TYPE_NAMES = ['string', 'boolean', 'integer', 'long', 'short', 'double', 'date', 'json', 'object', 'null'];
const unknownTypeName = fc.oneof(
  fc.constantFrom('Bytes', 'File', 'Float', 'int', 'java.lang.Integer', 'Number', 'Map', 'xml', ' String', 'Strin', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !TYPE_NAMES.includes(s.toLowerCase())),
);

/** A variable `{value, type, valueInfo}` that cannot be converted. */
export const badVariable: fc.Arbitrary<unknown> = fc.oneof(
  fc.oneof(fc.integer(), shortText, fc.boolean(), fc.constant(null), arrays),
  fc.record({ type: unknownTypeName, value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ type: fc.oneof(fc.integer(), fc.boolean(), arrays, objects), value: shortText }),
  fc.record({
    type: fc.constantFrom('Integer', 'integer', 'INTEGER'),
    value: fc.oneof(fc.constantFrom(2147483648, -2147483649, 1e15, 'abc', '', ' ', 'NaN', 'Infinity', '1.5', true), fractions, objects, arrays),
  }),
  fc.record({ type: fc.constant('Long'), value: fc.constantFrom(2 ** 53, 1e20, -1e20, 1.5, 'x', true, false) }),
  fc.record({ type: fc.constant('Short'), value: fc.oneof(fc.constantFrom(32768, -32769, 1.5, 'x'), objects) }),
  fc.record({ type: fc.constant('Double'), value: fc.oneof(fc.constantFrom('abc', true, false, '', 'NaN', 'Infinity', '-Infinity'), objects, arrays) }),
  fc.record({ type: fc.constant('Boolean'), value: fc.oneof(fc.constantFrom('yes', 1, 0, 'TRUE', ''), objects, arrays) }),
  fc.record({ type: fc.constant('Date'), value: fc.oneof(badDateText, fc.integer(), fc.boolean(), objects) }),
  fc.record({ type: fc.constant('String'), value: fc.oneof(objects, arrays) }),
  fc.record({ type: fc.constantFrom('Json', 'json'), value: fc.constantFrom('{', 'not json', "{'a':1}", '[1,', '{"a":}', 'NaN', 'undefined') }),
  fc.record({
    type: fc.constant('Object'),
    value: fc.constant('{}'),
    valueInfo: fc.record({ serializationDataFormat: fc.oneof(fc.constantFrom('application/x-java-serialized-object', 'application/xml', 'text/plain'), fc.integer()) }),
  }),
  fc.record({ type: fc.constant('Object'), value: fc.constantFrom('{', 'nope') }),
);
const goodVariable = fc.constant({ value: 'ok', type: 'String' });

/** Not a variable map, or a map with at least one variable that cannot be converted. */
const notVariables = fc.oneof(
  fc.oneof(fc.integer(), shortText, fc.boolean(), arrays),
  fc.tuple(fc.dictionary(shortText, goodVariable, { maxKeys: 2 }), fc.string({ maxLength: 20 }), badVariable).map(([good, name, bad]) => {
    const map: Record<string, unknown> = { ...good };
    Object.defineProperty(map, name, { value: bad, enumerable: true, writable: true, configurable: true });
    return map;
  }),
);

/** A sort column no query knows: it always has a character no column name has. */
export const unknownColumn = fc.oneof(
  fc.constantFrom("id; DROP TABLE task; --", 'name ASC, (SELECT 1)', '1', '*', 'created desc', '__proto__.x', 'id)--'),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}~`),
);
export const badSortOrder = fc.oneof(fc.constantFrom('up', 'down', 'ascending', '', ' asc', 'desc;', '1', 'null'), fc.string({ maxLength: 10 })).filter(
  (s) => !['asc', 'desc'].includes(s.toLowerCase()),
);
const notSorting = fc.oneof(
  fc.oneof(shortText, fc.integer(), fc.boolean(), objects),
  fc.array(fc.oneof(fc.integer(), shortText, fc.constant(null)), { minLength: 1, maxLength: 2 }),
  fc.record({ sortBy: notString, sortOrder: fc.constant('asc') }).map((s) => [s]),
  fc.record({ sortBy: unknownColumn, sortOrder: fc.constantFrom('asc', 'desc') }).map((s) => [s]),
  fc.record({ sortBy: fc.constantFrom('id', 'name', 'created', 'instanceId'), sortOrder: badSortOrder }).map((s) => [s]),
  fc.constantFrom([{ sortBy: 'created' }], [{ sortOrder: 'asc' }], [{}]),
);

const badTopic = fc.oneof(
  fc.oneof(fc.integer(), shortText, fc.constant(null), arrays),
  fc.record({ topicName: fc.oneof(notString, fc.constantFrom(null, '')), lockDuration: fc.constant(1000) }),
  fc.record({ topicName: fc.constant('fuzz-check'), lockDuration: notInt(1) }),
  fc.record({ topicName: fc.constant('fuzz-check') }),
  fc.record({ topicName: fc.constant('fuzz-check'), lockDuration: fc.constant(1000), variables: notStringList(false) }),
  fc.record({ topicName: fc.constant('fuzz-check'), lockDuration: fc.constant(1000), tenantIdIn: notStringList(false) }),
  fc.record({ topicName: fc.constant('fuzz-check'), lockDuration: fc.constant(1000), localVariables: notBoolean }),
  fc.record({ topicName: fc.constant('fuzz-check'), lockDuration: fc.constant(1000), processDefinitionKey: notString }),
);
const notTopics = fc.oneof(
  fc.oneof(shortText, fc.integer(), objects),
  fc.constant([]),
  fc.tuple(badTopic, fc.boolean()).map(([bad, withGood]) => (withGood ? [{ topicName: 'fuzz-check', lockDuration: 1000 }, bad] : [bad])),
);

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const badDay = fc.oneof(fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-00', '2026-12-32', '26-12-24', '2026/12/24', '24-12-2026', ''), fc.string({ maxLength: 12 }));
export const notClosures = fc.oneof(
  fc.oneof(shortText, fc.integer(), objects),
  fc.tuple(fc.array(fc.constant('2026-12-24'), { maxLength: 2 }), fc.oneof(badDay.filter((d) => !ISO_DAY.test(d)), fc.constantFrom('2026-02-30', '2026-13-01', '2026-99-99'), fc.integer())).map(([good, bad]) => [...good, bad]),
  fc.constant(Array.from({ length: 1001 }, (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')}`)),
);
const badTime = fc.oneof(fc.constantFrom('9:00', '25:00', '09:60', '0900', '', '24:01', 'noon'), fc.integer());
const goodHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
export const notOfficeHours = fc.oneof(
  fc.oneof(shortText, fc.integer(), arrays),
  fc.oneof(
    fc.constantFrom([0], [8], [1, 2, 3, 4, 5, 6, 7, 1], [1.5], ['Monday'], [-1]),
    notStringList(false),
  ).map((days) => ({ ...goodHours, days })),
  badTime.map((start) => ({ ...goodHours, start })),
  badTime.map((end) => ({ ...goodHours, end })),
  fc.constant({ ...goodHours, start: '17:00', end: '09:00' }),
  fc.constant({ start: '09:00', end: '17:00' }),
);

/**
 * The kinds of documented field: optional/required text, boolean, Camunda date, variable map, list
 * (comma-separated text accepted: `list`; array only: `strings`), sorting array, fetch topics, whole
 * number, bounded text, or a field with its own generator of invalid values.
 */
export type Kind =
  | 'string'
  | 'requiredString'
  | 'bool'
  | 'date'
  | 'nullableDate'
  | 'variables'
  | 'list'
  | 'strings'
  | 'sorting'
  | 'topics'
  | { int: { min?: number; required?: boolean } }
  | { text: { min: number; max: number } }
  | { arbitrary: fc.Arbitrary<unknown> };

/** Values a field of this kind must refuse (`OMIT`: the required field is left out). */
export function invalidValue(kind: Kind): fc.Arbitrary<unknown> {
  if (typeof kind === 'object') {
    if ('int' in kind) return kind.int.required ? fc.oneof(notInt(kind.int.min), fc.constant(OMIT), fc.constant(null)) : notInt(kind.int.min);
    if ('text' in kind) {
      const tooLong = fc.integer({ min: kind.text.max + 1, max: kind.text.max + 500 }).map((n) => 'x'.repeat(n));
      return fc.oneof(notString, fc.constant(OMIT), fc.constant(null), tooLong, ...(kind.text.min > 0 ? [fc.constant('')] : []));
    }
    return kind.arbitrary;
  }
  switch (kind) {
    case 'string':
      return notString;
    case 'requiredString':
      return fc.oneof(notString, fc.constantFrom<unknown>(OMIT, null, ''));
    case 'bool':
      return notBoolean;
    case 'date':
    case 'nullableDate':
      return notDate;
    case 'variables':
      return notVariables;
    case 'list':
      return notStringList(true);
    case 'strings':
      return notStringList(false);
    case 'sorting':
      return notSorting;
    case 'topics':
      return notTopics;
  }
}
