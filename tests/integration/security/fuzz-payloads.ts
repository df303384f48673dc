/**
 * Malformed payloads for the REST fuzz test (`fuzz.test.ts`): broken deployments, credentials
 * that identify nobody, JSON that does not parse or nests too deep, and bodies that are not JSON.
 */
import fc from 'fast-check';
import { ENGINE_CALLERS, PROCESS_KEY, TENANT, fuzzProcess, goodVars, type Ids, type Malformed, type MultipartBody, type Who } from './fuzz-values';

// Multipart deployments.

const BROKEN_KEY = 'fuzzBroken';
const valid = fuzzProcess(BROKEN_KEY);
const brokenBpmn = fc.oneof(
  fc.integer({ min: 0, max: valid.length - 30 }).map((at) => valid.slice(0, at)),
  fc.constant(fuzzProcess(BROKEN_KEY, '<bpmn:scriptTask id="review" scriptFormat="javascript"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask>')),
  fc.constant(fuzzProcess(BROKEN_KEY, '<bpmn:serviceTask id="review" camunda:class="org.example.Evil" />')),
  fc.constant(fuzzProcess(BROKEN_KEY, '<bpmn:userTask id="review"><bpmn:extensionElements><camunda:taskListener event="create" expression="${x}" /></bpmn:extensionElements></bpmn:userTask>')),
  fc.constant(fuzzProcess(BROKEN_KEY, '<bpmn:complexGateway id="review" />')),
  fc.constant(fuzzProcess(BROKEN_KEY, '<bpmn:userTask id="review" /><bpmn:userTask id="review" />')),
  fc.constant(fuzzProcess(BROKEN_KEY, '<bpmn:userTask id="review" /><bpmn:sequenceFlow id="dangling" sourceRef="review" targetRef="nowhere" />')),
  fc.constant(
    fuzzProcess(BROKEN_KEY, '<bpmn:userTask id="review" /><bpmn:sequenceFlow id="cond" sourceRef="review" targetRef="end"><bpmn:conditionExpression language="javascript">true</bpmn:conditionExpression></bpmn:sequenceFlow>'),
  ),
  fc.constant(valid.replace('P30D', 'PXYZ')),
  fc.constant(valid.replace('isExecutable="true"', 'isExecutable="false"')),
  fc.constant(valid.replace('<bpmn:process', '<bpmn:proces')),
  fc.constant(valid.replace('http://www.omg.org/spec/BPMN/20100524/MODEL', 'http://example.org/not-bpmn')),
  fc.constant(valid.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('name="Review"', 'name="&xxe;"')),
  fc.constant(
    valid
      .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
      .replace('name="Review"', 'name="&c;"'),
  ),
  fc.constant('{"bpmn": "not xml"}'),
  fc.constant(''),
  fc.constant('<definitions/>'),
  fc.string({ maxLength: 200 }),
);
const brokenDmn = fc.oneof(fc.constant('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision id="d"><decisionTable>'), fc.string({ maxLength: 100 }));
const badResource = fc.oneof(
  fc.tuple(fc.constantFrom('broken.bpmn', 'broken.bpmn20.xml', 'BROKEN.BPMN'), brokenBpmn).map(([name, text]) => ({ name, content: Buffer.from(text) })),
  fc.tuple(fc.constantFrom('broken.bpmn', 'x.dmn'), fc.uint8Array({ minLength: 1, maxLength: 300 })).map(([name, bytes]) => ({ name, content: Buffer.from(bytes) })),
  brokenDmn.map((text) => ({ name: 'broken.dmn', content: Buffer.from(text) })),
);
const goodResource = { name: 'fine.bpmn', content: Buffer.from(fuzzProcess('fuzzFine')) };
const badDeployField = fc.oneof(
  fc.tuple(fc.constantFrom('enable-duplicate-filtering', 'deploy-changed-only'), fc.constantFrom('maybe', 'yes', '1', '', 'TRUE')).map(([n, v]): [string, string][] => [[n, v]]),
  fc.constantFrom('deployment-name', 'tenant-id', 'deployment-source').map((n): [string, string][] => [[n, 'one'], [n, 'two']]),
);

/** Deployments with no file, broken resources (alone or beside a valid one), or a bad form field beside a valid file. */
export function malformedDeployments(): fc.Arbitrary<Malformed> {
  const name = fc.oneof(fc.string({ maxLength: 20 }), fc.constant('fuzz deployment'));
  const noFile = fc.tuple(name, fc.array(fc.tuple(fc.constantFrom('data', 'file', 'x'), fc.string({ maxLength: 20 })), { maxLength: 3 })).map(
    ([n, extra]): MultipartBody => ({ fields: [['deployment-name', n], ...extra], files: [] }),
  );
  const brokenFiles = fc.tuple(name, fc.array(badResource, { minLength: 1, maxLength: 2 }), fc.boolean()).map(([n, bad, withGood]): MultipartBody => {
    const files = bad.map((r, i) => ({ field: `bad${i}`, name: i === 0 ? r.name : `${i}-${r.name}`, content: r.content }));
    if (withGood) files.unshift({ field: 'good', ...goodResource });
    return { fields: [['deployment-name', n]], files };
  });
  const badField = badDeployField.map((fields): MultipartBody => ({ fields, files: [{ field: 'good', ...goodResource }] }));
  const body = fc.oneof(noFile, brokenFiles, badField);
  return fc.tuple(fc.constantFrom<Who>('admin', 'organisation'), body, fc.boolean()).map(([who, multipart, withTenant]): Malformed => ({
    category: 'multipart',
    who,
    method: 'post',
    path: '/engine-rest/deployment/create',
    multipart: withTenant && who === 'admin' && !multipart.fields.some(([n]) => n === 'tenant-id') ? { ...multipart, fields: [...multipart.fields, ['tenant-id', TENANT]] } : multipart,
  }));
}

/** Raw multipart bodies that do not parse. */
export function brokenMultipart(): fc.Arbitrary<Malformed> {
  const boundary = 'fuzzboundary';
  const part = `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="x.bpmn"\r\nContent-Type: application/xml\r\n\r\n<xml/>\r\n`;
  const bodies = fc.constantFrom(part, `${part}--wrongboundary--\r\n`, `--${boundary}\r\n\r\n`, 'not multipart at all', `--${boundary}--\r\n`, `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`);
  const types = fc.constantFrom(`multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/mixed; boundary=x');
  return fc.tuple(fc.constantFrom<Who>('admin', 'organisation'), bodies, types).map(([who, body, contentType]): Malformed => ({
    category: 'multipart',
    who,
    method: 'post',
    path: '/engine-rest/deployment/create',
    raw: { contentType, body },
  }));
}

// ---------------------------------------------------------------------------------------------
// Credentials.

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Authorization headers and cookies that identify nobody (never a valid credential beside them). */
export function malformedCredentials(ids: Ids, adminTokenId: string, demoTokenId: string): fc.Arbitrary<Malformed> {
  const authorization = fc.oneof(
    fc.constantFrom(
      'Bearer', 'Bearer ', 'Bearer .', 'Bearer ..', 'bearer x.y', `Bearer ${adminTokenId}.`, `Bearer ${adminTokenId}.wrong-secret`,
      `Bearer ${adminTokenId}`, `Bearer .${adminTokenId}`, `Bearer ${demoTokenId}.safepath-demo-token-not`, 'Basic', 'Basic ====',
      'Basic !!!', `Basic ${b64(':')}`, `Basic ${b64(demoTokenId)}`, `Basic ${b64(`${demoTokenId}:wrong`)}`,
      `Basic ${b64(`${demoTokenId}:`)}`, `Basic ${b64(`:${demoTokenId}`)}`, `Basic ${b64("' OR 1=1 --:x")}`,
      'Digest username="admin", realm="x"', 'Negotiate YIIB', 'Token abc', `Bearer ${'a'.repeat(4000)}.${'b'.repeat(3000)}`,
    ),
    printable.filter((s) => s.trim() !== ''),
    printable.map((s) => `Bearer ${s}`),
    printable.map((s) => `Basic ${b64(s)}`),
    printable.map((s) => `Basic ${s}`),
  );
  const cookie = fc.oneof(
    fc.constantFrom('sp_session=garbage', 'sp_session=', 'sp_session=%E0%A4%A', 'sp_session=%', 'sp_session', ';;;', '=', 'XSRF-TOKEN=x', 'sp_session=a; sp_session=b', `sp_session=${'z'.repeat(4000)}`),
    printable.map((s) => `sp_session=${s}`),
    printable,
  ).filter((c) => c.trim() !== '');
  const targets: { method: Malformed['method']; path: string; json?: unknown }[] = [
    { method: 'get', path: '/engine-rest/task' },
    { method: 'post', path: `/engine-rest/task/${ids.taskId}/complete`, json: { variables: goodVars } },
    { method: 'post', path: `/engine-rest/process-definition/key/${PROCESS_KEY}/start`, json: {} },
    { method: 'post', path: `/engine-rest/process-instance/${ids.instanceId}/variables`, json: { modifications: goodVars } },
    { method: 'delete', path: `/engine-rest/process-instance/${ids.instanceId}` },
    { method: 'post', path: '/engine-rest/signal', json: { name: 'FuzzSignal' } },
    { method: 'get', path: '/api/session' },
    { method: 'put', path: `/api/calendars/${TENANT}`, json: {} },
    { method: 'get', path: '/api/notifications' },
  ];
  const headers = fc.oneof(
    authorization.map((value) => ({ Authorization: value })),
    cookie.map((value) => ({ Cookie: value })),
    fc.tuple(authorization, cookie).map(([a, c]) => ({ Authorization: a, Cookie: c })),
  );
  return fc.tuple(fc.constantFrom(...targets), headers).map(([target, h]): Malformed => ({ category: 'credentials', who: 'anonymous', ...target, headers: h }));
}

// ---------------------------------------------------------------------------------------------
// Content types and unparsable JSON.

function deepArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const badJsonText = fc.oneof(
  fc.constantFrom(
    '{', '}', '{"variables":', '{"a":1,}', "{'a':1}", '{"maxTasks":NaN}', '{"retries":Infinity}', '{"retries":-Infinity}', 'undefined',
    'nul', '"unterminated', '{"a":"\\x"}', '\u0000', '{"a":1}{"b":2}', '{"a" 1}', '[1,2', '5', 'true', 'null', '"text"', '{"a":01}',
    '{"a":.5}', '{"a":"\u0001"}',
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => {
    try {
      const parsed: unknown = JSON.parse(s);
      return parsed === null || typeof parsed !== 'object';
    } catch {
      return true;
    }
  }),
);

/**
 * Fields that make a body invalid for every route `malformedContent` targets (complete, start,
 * variables, message, signal, fetchAndLock, retries, task query, sign-in, password, calendar).
 */
const INVALID_EVERYWHERE = '"withVariablesInReturn":"maybe","modifications":5,"messageName":"","name":"","workerId":"","retries":"x","sorting":"x","username":"","newPassword":5,"region":"XX"';

/** Valid JSON whose top level is not an object, or that tries to reach a prototype. */
const oddJson = fc.oneof(
  fc.constantFrom('[]', '[1,2]', '[{"variables":{}}]', '[null]', '[[]]'),
  fc.constant(`{"__proto__":{"polluted":"yes"},${INVALID_EVERYWHERE}}`),
  fc.constant(`{"constructor":{"prototype":{"polluted":"yes"}},${INVALID_EVERYWHERE}}`),
  fc.constant(`{"variables":{"__proto__":{"value":"x","type":"String"},"constructor":{"value":1}},${INVALID_EVERYWHERE}}`),
);

/** JSON nested far deeper than any request of the API needs (still under the 1 MB body limit). */
const deepJson = fc.oneof(fc.constantFrom(100, 2_000, 200_000), fc.integer({ min: 64, max: 50_000 })).chain((depth) =>
  fc.constantFrom(
    `{"variables":{"deep":{"type":"Json","value":${deepArray(depth)}}},${INVALID_EVERYWHERE}}`,
    `{"variables":${deepArray(depth)},${INVALID_EVERYWHERE}}`,
    `{${INVALID_EVERYWHERE},"businessKey":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
  ),
);

const NON_JSON_TYPES = [
  'text/plain', 'text/html', 'application/xml', 'application/octet-stream', 'application/vnd.api+json', 'application/json-patch+json',
  'image/png', 'garbage/garbage', 'application/json; charset=utf-16', 'application/json; charset=latin-9000',
  'multipart/form-data; boundary=fuzz',
];

/** The JSON routes the content tests send to, each with a body that would be valid. */
function contentTargets(ids: Ids): { who: Who[]; method: Malformed['method']; path: string }[] {
  return [
    { who: ENGINE_CALLERS, method: 'post', path: `/engine-rest/task/${ids.taskId}/complete` },
    { who: ['session'], method: 'post', path: `/engine-rest/task/${ids.taskId}/complete` },
    { who: ENGINE_CALLERS, method: 'post', path: `/engine-rest/process-definition/key/${PROCESS_KEY}/start` },
    { who: ENGINE_CALLERS, method: 'post', path: `/engine-rest/process-instance/${ids.instanceId}/variables` },
    { who: ENGINE_CALLERS, method: 'post', path: '/engine-rest/message' },
    { who: ENGINE_CALLERS, method: 'post', path: '/engine-rest/signal' },
    { who: ENGINE_CALLERS, method: 'post', path: '/engine-rest/external-task/fetchAndLock' },
    { who: ENGINE_CALLERS, method: 'put', path: `/engine-rest/job/${ids.jobId}/retries` },
    { who: ENGINE_CALLERS, method: 'post', path: '/engine-rest/task' },
    { who: ['anonymous'], method: 'post', path: '/api/session' },
    { who: ['session'], method: 'put', path: '/api/session/password' },
    { who: ['admin'], method: 'put', path: `/api/calendars/${TENANT}` },
  ];
}

function toContentTargets(ids: Ids, bodies: fc.Arbitrary<{ contentType: string; body: string }>, category: string): fc.Arbitrary<Malformed> {
  return fc
    .tuple(fc.constantFrom(...contentTargets(ids)), bodies)
    .chain(([target, raw]) => fc.constantFrom(...target.who).map((who): Malformed => ({ category, who, method: target.method, path: target.path, raw })));
}

/** application/json bodies that do not parse, or parse to an array, a primitive or a prototype key. */
export function malformedJson(ids: Ids): fc.Arbitrary<Malformed> {
  return toContentTargets(ids, fc.oneof(badJsonText, oddJson).map((body) => ({ contentType: 'application/json', body })), 'json');
}

/** application/json bodies nested 64 to 200,000 levels deep. */
export function deeplyNestedJson(ids: Ids): fc.Arbitrary<Malformed> {
  return toContentTargets(ids, deepJson.map((body) => ({ contentType: 'application/json', body })), 'deep-json');
}

/** Bodies in another content type than JSON (or JSON in a charset other than UTF-8), and invalid forms. */
export function foreignContent(ids: Ids): fc.Arbitrary<Malformed> {
  const foreign = fc
    .tuple(fc.constantFrom(...NON_JSON_TYPES), fc.oneof(fc.constantFrom('{"variables":5}', '{}', 'variables=5', '<variables/>'), fc.string({ minLength: 1, maxLength: 40 })))
    .map(([contentType, body]) => ({ contentType, body }));
  const formInvalidEverywhere = 'withVariablesInReturn=maybe&modifications=5&messageName=&name=&workerId=&retries=x&sorting=x&username=&region=XX';
  const form = fc
    .constantFrom('variables=5', 'name[]=x', 'maxTasks=-1', 'password=', '%E0%A4%A=1', 'a=%')
    .map((extra) => ({ contentType: 'application/x-www-form-urlencoded', body: `${extra}&${formInvalidEverywhere}` }));
  return toContentTargets(ids, fc.oneof(foreign, form), 'content-type');
}
