/**
 * Malformed requests for the REST fuzz test (`fuzz.test.ts`) along the API's routes: JSON bodies
 * with a wrong type in a documented field, invalid query parameters, ids no row has. Each is an
 * otherwise valid request against the running case's real ids, so that a request the API wrongly
 * accepted would write to the case and be noticed.
 */
import fc from 'fast-check';
import {
  ENGINE_CALLERS, ISO_DAY, OMIT, PROCESS_KEY, TENANT, badDateText, badDay, badSortOrder, badVariable, goodVars, invalidValue, notClosures,
  notOfficeHours, notString, shortText, unknownColumn, type Ids, type Kind, type Malformed, type Who,
} from './fuzz-values';

interface BodyRoute {
  method: 'post' | 'put';
  path: (ids: Ids) => string;
  who: Who[];
  /** A valid body: the request would succeed (and write) without the corruption. */
  base: (ids: Ids) => Record<string, unknown>;
  fields: Record<string, Kind>;
}

const taskQueryFields: Record<string, Kind> = {
  taskIdIn: 'list', nameLike: 'string', assigneeIn: 'list', dueBefore: 'date', createdAfter: 'date', followUpDate: 'date',
  priority: { int: {} }, minPriority: { int: {} }, active: 'bool', assigned: 'bool', withoutDueDate: 'bool', sorting: 'sorting', candidateGroups: 'list',
};
const instanceQueryFields: Record<string, Kind> = {
  processInstanceIds: 'list', businessKey: 'string', active: 'bool', withIncident: 'bool', rootProcessInstances: 'bool', tenantIdIn: 'list', sorting: 'sorting', activityIdIn: 'list',
};
const historyQueryFields: Record<string, Kind> = {
  processInstanceIds: 'list', finished: 'bool', unfinished: 'bool', startedBefore: 'date', finishedAfter: 'date', state: 'string', sorting: 'sorting', processDefinitionKeyIn: 'list',
};
/** Counts ignore sorting, as Camunda's do: a bad `sorting` is refused by the list queries only. */
function withoutSorting(fields: Record<string, Kind>): Record<string, Kind> {
  const { sorting: _sorting, ...rest } = fields;
  return rest;
}
const startFields: Record<string, Kind> = { variables: 'variables', businessKey: 'string', withVariablesInReturn: 'bool' };
const startBase = () => ({ businessKey: 'fuzz-start', variables: goodVars });
const modificationFields: Record<string, Kind> = { modifications: 'variables', deletions: 'strings' };
const modificationBase = () => ({ modifications: goodVars, deletions: ['note'] });
/** PUT of one variable: the whole body is the variable. */
const singleVariable: Kind = { arbitrary: badVariable };

/** Every JSON-body route of the API, with the type of each documented field. */
export const BODY_ROUTES: BodyRoute[] = [
  { method: 'post', path: () => `/engine-rest/process-definition/key/${PROCESS_KEY}/start`, who: ENGINE_CALLERS, base: startBase, fields: startFields },
  { method: 'post', path: () => `/engine-rest/process-definition/key/${PROCESS_KEY}/tenant-id/${TENANT}/start`, who: ENGINE_CALLERS, base: startBase, fields: startFields },
  { method: 'post', path: (ids) => `/engine-rest/process-definition/${enc(ids.definitionId)}/start`, who: ENGINE_CALLERS, base: startBase, fields: startFields },
  { method: 'post', path: (ids) => `/engine-rest/process-instance/${ids.instanceId}/variables`, who: ENGINE_CALLERS, base: modificationBase, fields: modificationFields },
  { method: 'put', path: (ids) => `/engine-rest/process-instance/${ids.instanceId}/variables/fuzzNote`, who: ENGINE_CALLERS, base: () => ({}), fields: { '': singleVariable } },
  { method: 'post', path: () => '/engine-rest/process-instance', who: ENGINE_CALLERS, base: () => ({}), fields: instanceQueryFields },
  { method: 'post', path: () => `/engine-rest/process-instance/count`, who: ENGINE_CALLERS, base: () => ({}), fields: withoutSorting(instanceQueryFields) },
  { method: 'post', path: (ids) => `/engine-rest/task/${ids.taskId}/complete`, who: [...ENGINE_CALLERS, 'session'], base: () => ({ variables: goodVars }), fields: { variables: 'variables', withVariablesInReturn: 'bool' } },
  { method: 'post', path: (ids) => `/engine-rest/task/${ids.taskId}/submit-form`, who: ENGINE_CALLERS, base: () => ({ variables: goodVars }), fields: { variables: 'variables', withVariablesInReturn: 'bool' } },
  { method: 'post', path: (ids) => `/engine-rest/task/${ids.taskId}/claim`, who: [...ENGINE_CALLERS, 'session'], base: () => ({ userId: 'cmg.manager' }), fields: { userId: 'string' } },
  { method: 'post', path: (ids) => `/engine-rest/task/${ids.taskId}/assignee`, who: ENGINE_CALLERS, base: () => ({ userId: 'cmg.manager' }), fields: { userId: 'string' } },
  { method: 'post', path: (ids) => `/engine-rest/task/${ids.taskId}/variables`, who: [...ENGINE_CALLERS, 'session'], base: modificationBase, fields: modificationFields },
  { method: 'put', path: (ids) => `/engine-rest/task/${ids.taskId}/variables/fuzzNote`, who: ENGINE_CALLERS, base: () => ({}), fields: { '': singleVariable } },
  { method: 'post', path: () => '/engine-rest/task', who: [...ENGINE_CALLERS, 'session'], base: () => ({}), fields: taskQueryFields },
  { method: 'post', path: () => '/engine-rest/task/count', who: ENGINE_CALLERS, base: () => ({}), fields: withoutSorting(taskQueryFields) },
  { method: 'post', path: () => '/engine-rest/history/process-instance', who: ENGINE_CALLERS, base: () => ({}), fields: historyQueryFields },
  { method: 'post', path: () => '/engine-rest/history/process-instance/count', who: ENGINE_CALLERS, base: () => ({}), fields: withoutSorting(historyQueryFields) },
  {
    method: 'post',
    path: () => '/engine-rest/message',
    who: ENGINE_CALLERS,
    base: (ids) => ({ messageName: 'FuzzMessage', processInstanceId: ids.instanceId, processVariables: goodVars }),
    fields: {
      messageName: 'requiredString', businessKey: 'string', processInstanceId: 'string', tenantId: 'string', withoutTenantId: 'bool',
      correlationKeys: 'variables', localCorrelationKeys: 'variables', processVariables: 'variables', processVariablesLocal: 'variables',
      all: 'bool', resultEnabled: 'bool', variablesInResultEnabled: 'bool',
    },
  },
  {
    method: 'post',
    path: () => '/engine-rest/signal',
    who: ENGINE_CALLERS,
    base: () => ({ name: 'FuzzSignal', variables: goodVars }),
    fields: { name: 'requiredString', executionId: 'string', variables: 'variables', tenantId: 'string', withoutTenantId: 'bool' },
  },
  {
    method: 'post',
    path: () => '/engine-rest/external-task/fetchAndLock',
    who: ENGINE_CALLERS,
    base: () => ({ workerId: 'fuzz-worker', maxTasks: 5, topics: [{ topicName: 'fuzz-check', lockDuration: 60_000 }] }),
    fields: { workerId: 'requiredString', maxTasks: { int: { min: 0, required: true } }, usePriority: 'bool', asyncResponseTimeout: { int: { min: 0 } }, topics: 'topics' },
  },
  {
    method: 'post',
    path: (ids) => `/engine-rest/external-task/${ids.externalTaskId}/complete`,
    who: ENGINE_CALLERS,
    base: () => ({ workerId: 'fuzz-worker', variables: goodVars }),
    fields: { workerId: 'requiredString', variables: 'variables', localVariables: 'variables' },
  },
  {
    method: 'post',
    path: (ids) => `/engine-rest/external-task/${ids.externalTaskId}/failure`,
    who: ENGINE_CALLERS,
    base: () => ({ workerId: 'fuzz-worker', errorMessage: 'failed', retries: 0 }),
    fields: { workerId: 'requiredString', errorMessage: 'string', errorDetails: 'string', retries: { int: { min: 0 } }, retryTimeout: { int: { min: 0 } } },
  },
  {
    method: 'post',
    path: (ids) => `/engine-rest/external-task/${ids.externalTaskId}/bpmnError`,
    who: ENGINE_CALLERS,
    base: () => ({ workerId: 'fuzz-worker', errorCode: 'FUZZ' }),
    fields: { workerId: 'requiredString', errorCode: 'requiredString', errorMessage: 'string', variables: 'variables' },
  },
  {
    method: 'post',
    path: (ids) => `/engine-rest/external-task/${ids.externalTaskId}/extendLock`,
    who: ENGINE_CALLERS,
    base: () => ({ workerId: 'fuzz-worker', newDuration: 60_000 }),
    fields: { workerId: 'requiredString', newDuration: { int: { min: 1, required: true } } },
  },
  { method: 'put', path: (ids) => `/engine-rest/job/${ids.jobId}/retries`, who: ENGINE_CALLERS, base: () => ({ retries: 3 }), fields: { retries: { int: { min: 0, required: true } } } },
  {
    method: 'put',
    path: (ids) => `/engine-rest/job/${ids.jobId}/duedate`,
    who: ENGINE_CALLERS,
    base: () => ({ duedate: '2030-01-01T00:00:00.000+0000' }),
    fields: { duedate: 'nullableDate', cascade: 'bool' },
  },
  { method: 'post', path: () => '/engine-rest/decision-definition/key/fuzzDecision/evaluate', who: ENGINE_CALLERS, base: () => ({ variables: goodVars }), fields: { variables: 'variables' } },
  {
    method: 'post',
    path: () => `/engine-rest/decision-definition/key/fuzzDecision/tenant-id/${TENANT}/evaluate`,
    who: ENGINE_CALLERS,
    base: () => ({ variables: goodVars }),
    fields: { variables: 'variables' },
  },
  {
    method: 'post',
    path: () => '/api/session',
    who: ['anonymous', 'admin'],
    base: () => ({ username: 'cmg.manager', password: 'wrong-password' }),
    fields: { username: { text: { min: 1, max: 200 } }, password: { text: { min: 1, max: 256 } } },
  },
  {
    method: 'put',
    path: () => '/api/session/password',
    who: ['session', 'admin', 'organisation'],
    base: () => ({ currentPassword: 'safepath-demo', newPassword: 'a much longer new password 2026' }),
    fields: { currentPassword: { text: { min: 0, max: 256 } }, newPassword: { text: { min: 0, max: 256 } } },
  },
  {
    method: 'put',
    path: () => `/api/calendars/${TENANT}`,
    who: ['admin'],
    base: () => ({ timeZone: 'Europe/London', region: 'ENG', closures: ['2026-12-24'] }),
    fields: {
      timeZone: { arbitrary: fc.oneof(notString, fc.constantFrom('Mars/Olympus', 'Europe/Lond0n', 'UTC+25', '', '../../etc/passwd', 'Europe/London; DROP')) },
      region: { arbitrary: fc.oneof(notString, fc.constantFrom('eng', 'WLS', 'GB', ''), shortText.filter((s) => !['ENG', 'SCT', 'NIR'].includes(s))) },
      officeHours: { arbitrary: notOfficeHours },
      closures: { arbitrary: notClosures },
    },
  },
  {
    method: 'post',
    path: () => `/api/calendars/${TENANT}/closures`,
    who: ['admin'],
    base: () => ({ date: '2026-12-24' }),
    fields: { date: { arbitrary: fc.oneof(badDay.filter((d) => !ISO_DAY.test(d)), fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '9999-99-99'), notString, fc.constant(OMIT)) } },
  },
];

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** A JSON body route with one to three of its fields given a value of the wrong type (or left out when required). */
export function malformedBodies(ids: Ids): fc.Arbitrary<Malformed> {
  return fc.constantFrom(...BODY_ROUTES).chain((route) => {
    const names = Object.keys(route.fields);
    return fc
      .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: Math.min(3, names.length) })
      .chain((chosen) => fc.tuple(fc.constantFrom(...route.who), fc.tuple(...chosen.map((name) => invalidValue(route.fields[name])))).map(([who, values]) => {
        let body: unknown = route.base(ids);
        chosen.forEach((name, i) => {
          if (name === '') {
            body = values[i];
          } else if (values[i] === OMIT) {
            delete (body as Record<string, unknown>)[name];
          } else {
            (body as Record<string, unknown>)[name] = values[i];
          }
        });
        return { category: 'body', who, method: route.method, path: route.path(ids), json: body } satisfies Malformed;
      }));
  });
}

// ---------------------------------------------------------------------------------------------
// Query parameters.

interface QueryRoute {
  path: (ids: Ids) => string;
  method?: 'get' | 'delete';
  who?: Who[];
  /** Whether the route reads firstResult/maxResults and sortBy/sortOrder. */
  paged?: boolean;
  bools?: string[];
  dates?: string[];
  ints?: { name: string; min?: number }[];
  extra?: [string, fc.Arbitrary<string>][];
}

const HISTORY_DATES = ['startedBefore', 'startedAfter', 'finishedBefore', 'finishedAfter'];
const TASK_DATES = ['dueDate', 'dueBefore', 'dueAfter', 'followUpDate', 'followUpBefore', 'followUpAfter', 'createdOn', 'createdBefore', 'createdAfter'];

/** Every GET (and DELETE) route with query parameters, by the type of each parameter. */
export const QUERY_ROUTES: QueryRoute[] = [
  { path: () => '/engine-rest/process-definition', paged: true, bools: ['latestVersion', 'active', 'suspended', 'withoutTenantId'], ints: [{ name: 'version' }] },
  { path: () => '/engine-rest/process-definition/count', bools: ['latestVersion', 'active', 'suspended'], ints: [{ name: 'version' }] },
  { path: () => '/engine-rest/deployment', paged: true, bools: ['withoutSource', 'withoutTenantId', 'includeDeploymentsWithoutTenantId'], dates: ['before', 'after'] },
  { path: () => '/engine-rest/deployment/count', bools: ['withoutTenantId'], dates: ['before', 'after'] },
  { path: () => '/engine-rest/process-instance', paged: true, bools: ['rootProcessInstances', 'withoutTenantId', 'active', 'suspended', 'withIncident'] },
  { path: () => '/engine-rest/process-instance/count', bools: ['active', 'suspended', 'withIncident'] },
  {
    path: () => '/engine-rest/task',
    paged: true,
    who: ['admin', 'organisation', 'session'],
    bools: ['unassigned', 'assigned', 'includeAssignedTasks', 'withCandidateGroups', 'withoutDueDate', 'active', 'suspended'],
    dates: TASK_DATES,
    ints: [{ name: 'priority' }, { name: 'minPriority' }, { name: 'maxPriority' }],
  },
  { path: () => '/engine-rest/task/count', bools: ['assigned', 'unassigned'], dates: TASK_DATES, ints: [{ name: 'priority' }] },
  {
    path: () => '/engine-rest/external-task',
    paged: true,
    bools: ['locked', 'notLocked', 'withRetriesLeft', 'noRetriesLeft'],
    dates: ['lockExpirationAfter', 'lockExpirationBefore'],
    ints: [{ name: 'priorityHigherThanOrEquals' }, { name: 'priorityLowerThanOrEquals' }],
  },
  { path: () => '/engine-rest/external-task/count', bools: ['locked', 'notLocked'], dates: ['lockExpirationAfter'] },
  { path: () => '/engine-rest/history/process-instance', paged: true, bools: ['finished', 'unfinished', 'withoutTenantId'], dates: HISTORY_DATES },
  { path: () => '/engine-rest/history/process-instance/count', bools: ['finished', 'unfinished'], dates: HISTORY_DATES },
  { path: () => '/engine-rest/history/activity-instance', paged: true, bools: ['finished', 'unfinished', 'canceled', 'completeScope'], dates: HISTORY_DATES },
  { path: () => '/engine-rest/history/activity-instance/count', bools: ['finished', 'canceled'], dates: HISTORY_DATES },
  {
    path: () => '/engine-rest/history/task',
    paged: true,
    bools: ['finished', 'unfinished'],
    dates: ['taskDueDateBefore', 'taskDueDateAfter', ...HISTORY_DATES],
  },
  { path: () => '/engine-rest/history/task/count', bools: ['finished'], dates: ['taskDueDateBefore', ...HISTORY_DATES] },
  { path: () => '/engine-rest/history/variable-instance', paged: true, bools: ['includeDeleted', 'deserializeValues', 'withoutTenantId'] },
  { path: () => '/engine-rest/history/variable-instance/count', bools: ['includeDeleted'] },
  { path: () => '/engine-rest/incident', paged: true, dates: ['incidentTimestampBefore', 'incidentTimestampAfter'] },
  { path: () => '/engine-rest/incident/count', dates: ['incidentTimestampBefore', 'incidentTimestampAfter'] },
  {
    path: () => '/engine-rest/job',
    paged: true,
    bools: ['timers', 'messages', 'withRetriesLeft', 'noRetriesLeft', 'withException'],
    extra: [['dueDates', fc.constantFrom('gt_notadate', 'xx_2026-01-01T00:00:00.000+0000', 'gt_', '_', 'gt', 'lt_2026-02-30T00:00:00', 'gt_2026-01-01T00:00:00.000+0000,', ',')]],
  },
  { path: () => '/engine-rest/job/count', bools: ['timers', 'withException'] },
  { path: () => '/engine-rest/decision-definition', paged: true, bools: ['latestVersion', 'withoutTenantId'], ints: [{ name: 'version' }] },
  { path: () => '/engine-rest/decision-definition/count', bools: ['latestVersion'], ints: [{ name: 'version' }] },
  { path: (ids) => `/engine-rest/process-instance/${ids.instanceId}/variables`, bools: ['deserializeValues'] },
  { path: (ids) => `/engine-rest/process-instance/${ids.instanceId}/variables/note`, bools: ['deserializeValues'] },
  { path: (ids) => `/engine-rest/task/${ids.taskId}/variables`, who: ['admin', 'organisation', 'session'], bools: ['deserializeValues'] },
  { path: (ids) => `/engine-rest/task/${ids.taskId}/localVariables`, bools: ['deserializeValues'] },
  { path: (ids) => `/engine-rest/task/${ids.taskId}/form-variables`, bools: ['deserializeValues'] },
  { path: (ids) => `/engine-rest/process-instance/${ids.instanceId}`, method: 'delete', bools: ['skipCustomListeners'] },
  { path: (ids) => `/engine-rest/deployment/${ids.deploymentId}`, method: 'delete', bools: ['cascade'] },
  {
    path: () => '/api/notifications',
    who: ['admin', 'organisation', 'session'],
    bools: ['unread'],
    ints: [{ name: 'firstResult', min: 0 }, { name: 'maxResults', min: 1 }],
  },
  { path: () => '/api/notifications/count', who: ['admin', 'organisation', 'session'], bools: ['unread'] },
];

const notQueryInt = (min?: number) =>
  fc.oneof(
    fc.constantFrom('abc', '1.5', 'NaN', 'Infinity', '-Infinity', '1e3', '0x10', '', ' ', '+5', '5 ', '١٢٣', '99999999999999999999', '9007199254740993', '2147483648', '-2147483649', '1,2'),
    fc.string({ maxLength: 10 }).filter((s) => !/^-?\d+$/.test(s)),
    ...(min === undefined ? [] : [fc.integer({ min: -1_000_000, max: min - 1 }).map(String)]),
  );
const notQueryBool = fc.oneof(fc.constantFrom('yes', 'no', '1', '0', 'TRUE', 'False', '', 'null', 'on'), fc.string({ maxLength: 8 }).filter((s) => s !== 'true' && s !== 'false'));

type Param = [string, string | string[]];

function queryFaults(route: QueryRoute): fc.Arbitrary<Param[]>[] {
  const faults: fc.Arbitrary<Param[]>[] = [];
  if (route.paged) {
    faults.push(fc.tuple(fc.constantFrom('firstResult', 'maxResults'), notQueryInt(0)).map(([name, value]) => [[name, value]]));
    faults.push(fc.constantFrom('firstResult', 'maxResults').map((name): Param[] => [[name, ['1', '2']]]));
    faults.push(fc.tuple(unknownColumn, fc.constantFrom('asc', 'desc')).map(([by, order]): Param[] => [['sortBy', by], ['sortOrder', order]]));
    faults.push(fc.tuple(fc.constantFrom('id', 'name', 'created', 'instanceId', 'startTime'), badSortOrder).map(([by, order]): Param[] => [['sortBy', by], ['sortOrder', order]]));
    faults.push(fc.constantFrom<Param[]>([['sortBy', 'id']], [['sortOrder', 'asc']], [['sortBy', 'id'], ['sortOrder', 'asc'], ['sortOrder', 'desc']]));
  }
  for (const name of route.bools ?? []) faults.push(notQueryBool.map((value): Param[] => [[name, value]]));
  for (const name of route.dates ?? []) faults.push(badDateText.map((value): Param[] => [[name, value]]));
  for (const { name, min } of route.ints ?? []) faults.push(notQueryInt(min).map((value): Param[] => [[name, value]]));
  for (const [name, arbitrary] of route.extra ?? []) faults.push(arbitrary.map((value): Param[] => [[name, value]]));
  const repeatable = [...(route.bools ?? []), ...(route.dates ?? []), ...(route.ints ?? []).map((i) => i.name)];
  if (repeatable.length) faults.push(fc.constantFrom(...repeatable).map((name): Param[] => [[name, ['true', 'false']]]));
  return faults;
}

function queryString(params: Param[]): string {
  return params
    .flatMap(([name, value]) => ([] as string[]).concat(value).map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`))
    .join('&');
}

/** A GET (or DELETE) with one or two invalid query parameters (wrong type, bad sorting or paging, a repeated parameter). */
export function malformedQueries(ids: Ids): fc.Arbitrary<Malformed> {
  return fc.constantFrom(...QUERY_ROUTES).chain((route) => {
    const faults = queryFaults(route);
    return fc
      .tuple(fc.constantFrom(...(route.who ?? ENGINE_CALLERS)), fc.array(fc.oneof(...faults), { minLength: 1, maxLength: 2 }))
      .map(([who, chosen]): Malformed => ({ category: 'query', who, method: route.method ?? 'get', path: route.path(ids), query: queryString(chosen.flat()) }));
  });
}

// ---------------------------------------------------------------------------------------------
// Malformed ids in the path.

const hostileIds = fc.constantFrom(
  "' OR '1'='1", "1; DROP TABLE task; --", "x' UNION SELECT secret_hash FROM api_token --", '%', '_', '%_%', '\\', "'", '"', '$1', '${7*7}',
  '#{7*7}', '.*', '(a+)+$', '[', '^$', '..', '\u0000', 'a\u0000b', 'null', 'undefined', 'NaN', '-1', '0', '__proto__', 'constructor', ' ',
  '\t', 'a/b', '?x=1', '#frag', '😀', 'ＡＢＣ', '\u202eevil', '𝕏𝕐', 'é\u0301', '\ufeff', '<script>alert(1)</script>',
);
/** Ids no row has: SQL and regex metacharacters, control characters, unicode, very long strings. */
export const malformedId: fc.Arbitrary<string> = fc.oneof(
  hostileIds,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  fc.tuple(fc.integer({ min: 1000, max: 6000 }), hostileIds).map(([n, tail]) => 'x'.repeat(n) + tail),
);

interface IdRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  path: (id: string, ids: Ids) => string;
  json?: (id: string, ids: Ids) => unknown;
  who?: Who[];
}

/** Routes naming an id, each with a body that would be valid for an id that exists. */
export const ID_ROUTES: IdRoute[] = [
  { method: 'get', path: (id) => `/engine-rest/task/${enc(id)}` },
  { method: 'get', path: (id) => `/engine-rest/task/${enc(id)}/variables`, who: ['admin', 'organisation', 'session'] },
  { method: 'get', path: (id) => `/engine-rest/task/${enc(id)}/form` },
  { method: 'get', path: (id, ids) => `/engine-rest/task/${ids.taskId}/variables/${enc(id)}` },
  { method: 'post', path: (id) => `/engine-rest/task/${enc(id)}/claim`, json: () => ({}) },
  { method: 'post', path: (id) => `/engine-rest/task/${enc(id)}/unclaim` },
  { method: 'post', path: (id) => `/engine-rest/task/${enc(id)}/complete`, json: () => ({ variables: goodVars }), who: ['admin', 'organisation', 'session'] },
  { method: 'post', path: (id) => `/engine-rest/task/${enc(id)}/variables`, json: () => ({ modifications: goodVars }) },
  { method: 'put', path: (id) => `/engine-rest/task/${enc(id)}/variables/fuzzNote`, json: () => ({ value: 1 }) },
  { method: 'delete', path: (id) => `/engine-rest/task/${enc(id)}/variables/note` },
  { method: 'get', path: (id) => `/engine-rest/process-instance/${enc(id)}` },
  { method: 'delete', path: (id) => `/engine-rest/process-instance/${enc(id)}` },
  { method: 'get', path: (id) => `/engine-rest/process-instance/${enc(id)}/activity-instances` },
  { method: 'get', path: (id) => `/engine-rest/process-instance/${enc(id)}/variables` },
  { method: 'post', path: (id) => `/engine-rest/process-instance/${enc(id)}/variables`, json: () => ({ modifications: goodVars }) },
  { method: 'delete', path: (id) => `/engine-rest/process-instance/${enc(id)}/variables/note` },
  { method: 'get', path: (id) => `/engine-rest/process-definition/${enc(id)}` },
  { method: 'get', path: (id) => `/engine-rest/process-definition/${enc(id)}/xml` },
  { method: 'get', path: (id) => `/engine-rest/process-definition/key/${enc(id)}` },
  { method: 'get', path: (id) => `/engine-rest/process-definition/key/${PROCESS_KEY}/tenant-id/${enc(id)}` },
  { method: 'post', path: (id) => `/engine-rest/process-definition/${enc(id)}/start`, json: () => ({ variables: goodVars }) },
  { method: 'post', path: (id) => `/engine-rest/process-definition/key/${enc(id)}/start`, json: () => ({}) },
  { method: 'post', path: (id) => `/engine-rest/process-definition/key/${PROCESS_KEY}/tenant-id/${enc(id)}/start`, json: () => ({}) },
  { method: 'get', path: (id) => `/engine-rest/deployment/${enc(id)}` },
  { method: 'delete', path: (id) => `/engine-rest/deployment/${enc(id)}` },
  { method: 'get', path: (id, ids) => `/engine-rest/deployment/${ids.deploymentId}/resources/${enc(id)}` },
  { method: 'get', path: (id, ids) => `/engine-rest/deployment/${ids.deploymentId}/resources/${enc(id)}/data` },
  { method: 'get', path: (id) => `/engine-rest/external-task/${enc(id)}` },
  { method: 'post', path: (id) => `/engine-rest/external-task/${enc(id)}/complete`, json: () => ({ workerId: 'fuzz-worker' }) },
  { method: 'post', path: (id) => `/engine-rest/external-task/${enc(id)}/failure`, json: () => ({ workerId: 'fuzz-worker', retries: 0 }) },
  { method: 'post', path: (id) => `/engine-rest/external-task/${enc(id)}/unlock` },
  { method: 'get', path: (id) => `/engine-rest/job/${enc(id)}` },
  { method: 'post', path: (id) => `/engine-rest/job/${enc(id)}/execute` },
  { method: 'put', path: (id) => `/engine-rest/job/${enc(id)}/retries`, json: () => ({ retries: 1 }) },
  { method: 'put', path: (id) => `/engine-rest/job/${enc(id)}/duedate`, json: () => ({ duedate: null }) },
  { method: 'get', path: (id) => `/engine-rest/history/process-instance/${enc(id)}` },
  { method: 'get', path: (id) => `/engine-rest/decision-definition/${enc(id)}` },
  { method: 'get', path: (id) => `/engine-rest/decision-definition/key/${enc(id)}` },
  { method: 'post', path: (id) => `/engine-rest/decision-definition/key/${enc(id)}/evaluate`, json: () => ({}) },
  { method: 'post', path: () => '/engine-rest/message', json: (id) => ({ messageName: 'FuzzMessage', processInstanceId: id }) },
  { method: 'post', path: () => '/engine-rest/signal', json: (id) => ({ name: 'FuzzSignal', executionId: id }) },
  { method: 'post', path: (id) => `/api/notifications/${enc(id)}/read`, who: ['admin', 'organisation', 'session'] },
  { method: 'delete', path: (id) => `/api/calendars/${TENANT}/closures/${enc(id)}`, who: ['admin'] },
];

/** A route naming an id that no row has. */
export function malformedIds(ids: Ids): fc.Arbitrary<Malformed> {
  const real = new Set(Object.values(ids));
  return fc
    .tuple(fc.constantFrom(...ID_ROUTES), malformedId.filter((id) => !real.has(id) && id !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(id)))
    .chain(([route, id]) =>
      fc.constantFrom(...(route.who ?? ENGINE_CALLERS)).map((who): Malformed => ({
        category: 'id',
        who,
        method: route.method,
        path: route.path(id, ids),
        json: route.json?.(id, ids),
      })),
    );
}
