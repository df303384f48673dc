/**
 * Checks untrusted JSON (a shipped `*.scenario.json` file, a stored row) against the scenario
 * types of `scenario.ts` and returns a clean copy holding only the known fields. Errors name the
 * field and what it must be, never its value: they are logged, and a scenario's answers may read
 * like case data. Plain TypeScript: no framework imports.
 */
import type { ScenarioDefinition, ScenarioExpectation, ScenarioStep } from './scenario';

/** A scenario (or one of its steps) that does not have the shape `scenario.ts` describes. */
export class ScenarioValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioValidationError';
  }
}

/** Scenario keys: 'S05' for shipped ones, slugs for recorded ones (letters, digits, '-' and '_'). */
export const SCENARIO_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** An ISO 8601 instant with its offset (`2026-05-22T16:30:00+01:00`, `…Z`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 2_000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(field: string, what: string): never {
  throw new ScenarioValidationError(`${field} must be ${what}`);
}

function text(json: Json, name: string, field: string, required: true): string;
function text(json: Json, name: string, field: string, required: false): string | undefined;
function text(json: Json, name: string, field: string, required: boolean): string | undefined {
  const value = json[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) fail(field, `a non-empty text of at most ${MAX_TEXT} characters`);
  return value;
}

function object(json: Json, name: string, field: string): Json | undefined {
  const value = json[name];
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(field, 'an object');
  return value;
}

function instant(value: unknown, field: string): string {
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) fail(field, 'an ISO 8601 instant with its offset, e.g. 2026-05-22T16:30:00+01:00');
  return value;
}

function strings(json: Json, name: string, field: string): string[] | undefined {
  const value = json[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) fail(field, 'a list of ids');
  return [...value] as string[];
}

/** One step of a scenario; `field` names it in errors (e.g. `steps[3]`). */
export function validateStep(json: unknown, field: string): ScenarioStep {
  if (!isObject(json)) fail(field, 'an object');
  const note = text(json, 'note', `${field}.note`, false);
  const withNote = <T extends object>(step: T): T => (note === undefined ? step : { ...step, note });
  switch (json.kind) {
    case 'complete':
      return withNote({ kind: 'complete' as const, taskKey: text(json, 'taskKey', `${field}.taskKey`, true), values: object(json, 'values', `${field}.values`) ?? {} });
    case 'external': {
      const values = object(json, 'values', `${field}.values`);
      return withNote({ kind: 'external' as const, activityId: text(json, 'activityId', `${field}.activityId`, true), ...(values ? { values } : {}) });
    }
    case 'message': {
      const variables = object(json, 'variables', `${field}.variables`);
      return withNote({ kind: 'message' as const, messageName: text(json, 'messageName', `${field}.messageName`, true), ...(variables ? { variables } : {}) });
    }
    case 'advance':
      return withNote(advanceStep(json, field));
    default:
      return fail(`${field}.kind`, "one of 'complete', 'external', 'message' or 'advance'");
  }
}

function advanceStep(json: Json, field: string): Extract<ScenarioStep, { kind: 'advance' }> {
  const given = (['hours', 'workingDays', 'toNextDeadline', 'to'] as const).filter((name) => json[name] !== undefined);
  if (given.length !== 1) fail(field, 'an advance by exactly one of hours, workingDays, toNextDeadline or to');
  const { hours, workingDays, toNextDeadline, to } = json;
  if (hours !== undefined) {
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > 24 * 366) fail(`${field}.hours`, 'a number from 0 to 8784');
    return { kind: 'advance', hours };
  }
  if (workingDays !== undefined) {
    if (typeof workingDays !== 'number' || !Number.isInteger(workingDays) || workingDays < 0 || workingDays > 366) fail(`${field}.workingDays`, 'a whole number from 0 to 366');
    return { kind: 'advance', workingDays };
  }
  if (toNextDeadline !== undefined) {
    if (toNextDeadline !== true) fail(`${field}.toNextDeadline`, 'true');
    return { kind: 'advance', toNextDeadline: true };
  }
  return { kind: 'advance', to: instant(to, `${field}.to`) };
}

function expectation(json: Json): ScenarioExpectation | undefined {
  const value = object(json, 'expect', 'expect');
  if (value === undefined) return undefined;
  const result: ScenarioExpectation = {};
  if (value.ended !== undefined) {
    if (typeof value.ended !== 'boolean') fail('expect.ended', 'true or false');
    result.ended = value.ended;
  }
  for (const name of ['endEvents', 'reached', 'notReached'] as const) {
    const ids = strings(value, name, `expect.${name}`);
    if (ids !== undefined) result[name] = ids;
  }
  return result;
}

/** A whole scenario; throws ScenarioValidationError naming the first field that is wrong. */
export function validateScenario(json: unknown): ScenarioDefinition {
  if (!isObject(json)) fail('the scenario', 'a JSON object');
  const key = json.key;
  if (typeof key !== 'string' || !SCENARIO_KEY.test(key)) fail('key', "letters, digits, '-' or '_' (at most 64, e.g. 'S05')");
  const summary = json.summary;
  if (typeof summary !== 'string' || summary.length > MAX_TEXT) fail('summary', `a text of at most ${MAX_TEXT} characters`);
  if (json.version !== undefined && !(typeof json.version === 'number' && Number.isInteger(json.version) && json.version > 0)) fail('version', 'a published version number');
  const version = json.version as number | undefined;
  if (!Array.isArray(json.steps) || json.steps.length === 0) fail('steps', 'a non-empty list of steps');
  const startVariables = object(json, 'startVariables', 'startVariables');
  const startEventId = text(json, 'startEventId', 'startEventId', false);
  const expect = expectation(json);
  return {
    key,
    name: text(json, 'name', 'name', true),
    summary,
    processKey: text(json, 'processKey', 'processKey', true),
    ...(version !== undefined ? { version } : {}),
    ...(startEventId !== undefined ? { startEventId } : {}),
    ...(startVariables !== undefined ? { startVariables } : {}),
    startsAt: instant(json.startsAt, 'startsAt'),
    steps: json.steps.map((step, index) => validateStep(step, `steps[${index}]`)),
    ...(expect !== undefined ? { expect } : {}),
  };
}
