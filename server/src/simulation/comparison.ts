/**
 * How a trainee's practice compares with the scenario's own run of the same process: step by step
 * (the answers that steer the case: choices, numbers, yes/no), gateway by gateway (the branches
 * taken) and in the path. Free text is shown next to the expected text but not scored: two good
 * notes rarely match word for word. Each step carries what the procedure says at that point, so
 * the result teaches rather than only grades.
 */
import type { FormComponent, FormSchema } from '../../engine/forms';
import type { Decision } from './explanation';
import type { RecordedStep, Simulation } from './simulation';

export interface FieldDifference {
  field: string;
  label: string;
  expected: unknown;
  given: unknown;
}

export interface StepComparison {
  /** The step's index in the scenario (for an extra step: in the attempt's log). */
  index: number;
  taskKey: string;
  name: string | null;
  status: 'matched' | 'different' | 'missed' | 'extra';
  /** Choice, number and yes/no answers that differ: these count. */
  differences: FieldDifference[];
  /** Free-text answers, expected and given: shown, not scored. */
  freeText: FieldDifference[];
  guidance: string | null;
}

export interface AttemptComparison {
  scenarioKey: string;
  scenarioName: string;
  matched: number;
  total: number;
  /** 0..100: matched / total, rounded. */
  score: number;
  steps: StepComparison[];
  decisions: { gatewayId: string; gatewayName: string | null; expected: string | null; yours: string | null; same: boolean }[];
  pathDifference: { expectedOnly: { id: string; name: string | null }[]; yoursOnly: { id: string; name: string | null }[] };
}

/** form-js field types whose answer is a choice. */
const CHOICES = new Set(['radio', 'select', 'checkbox', 'checklist', 'taglist']);
/** form-js field types whose answer is free text (a date and time is typed, not chosen). */
const FREE_TEXT = new Set(['textfield', 'textarea', 'datetime']);

type CompleteStep = Extract<RecordedStep, { kind: 'complete' }>;

export function compareAttempt(reference: Simulation, attempt: Simulation): AttemptComparison {
  const scenario = reference.scenario ?? attempt.scenario;
  const expected = completions(reference.log);
  const given = completions(attempt.log);
  const used = new Set<number>();
  const steps: StepComparison[] = expected.map(({ step, index }) => {
    const info = reference.taskInfo(step.taskKey);
    const match = given.find((g) => !used.has(g.index) && g.step.taskKey === step.taskKey);
    const base = { index, taskKey: step.taskKey, name: info?.name ?? null, guidance: info?.guidance ?? null };
    if (!match) return { ...base, status: 'missed' as const, differences: [], freeText: [] };
    used.add(match.index);
    const { differences, freeText } = compareValues(step.values, match.step.values, info?.schema ?? null);
    return { ...base, status: differences.length ? ('different' as const) : ('matched' as const), differences, freeText };
  });
  for (const { step, index } of given.filter((g) => !used.has(g.index))) {
    const info = attempt.taskInfo(step.taskKey);
    steps.push({ index, taskKey: step.taskKey, name: info?.name ?? null, status: 'extra', differences: [], freeText: [], guidance: info?.guidance ?? null });
  }
  const total = expected.length;
  const matched = steps.filter((s) => s.status === 'matched').length;
  return {
    scenarioKey: scenario?.key ?? '',
    scenarioName: scenario?.name ?? '',
    matched,
    total,
    score: total === 0 ? 100 : Math.round((100 * matched) / total),
    steps,
    decisions: compareDecisions(reference.explanation().decisions, attempt.explanation().decisions),
    pathDifference: comparePaths(reference.pathWithNames(), attempt.pathWithNames()),
  };
}

function completions(log: readonly RecordedStep[]): { step: CompleteStep; index: number }[] {
  return log.flatMap((step, index) => (step.kind === 'complete' ? [{ step, index }] : []));
}

/** Compares only the fields the scenario answered. */
function compareValues(expected: Record<string, unknown>, given: Record<string, unknown>, schema: FormSchema | null): { differences: FieldDifference[]; freeText: FieldDifference[] } {
  const fields = schema ? fieldsByKey(schema.components) : new Map<string, FormComponent>();
  const differences: FieldDifference[] = [];
  const freeText: FieldDifference[] = [];
  for (const [field, want] of Object.entries(expected)) {
    const component = fields.get(field);
    const got = given[field] ?? null;
    const entry = { field, label: component?.label ?? field, expected: want, given: got };
    if (isScored(component, want)) {
      if (!sameAnswer(want, got)) differences.push(entry);
    } else {
      freeText.push(entry);
    }
  }
  return { differences, freeText };
}

function isScored(component: FormComponent | undefined, value: unknown): boolean {
  if (component && CHOICES.has(component.type)) return true;
  if (component?.type === 'number') return true;
  if (component && FREE_TEXT.has(component.type)) return false;
  return typeof value === 'number' || typeof value === 'boolean' || Array.isArray(value);
}

function sameAnswer(expected: unknown, given: unknown): boolean {
  if (Array.isArray(expected) && Array.isArray(given)) {
    return expected.length === given.length && canonical([...expected].map(canonical).sort()) === canonical([...given].map(canonical).sort());
  }
  if (typeof expected === 'number' || typeof given === 'number') {
    return given !== null && expected !== null && given !== '' && Number(expected) === Number(given);
  }
  return canonical(expected) === canonical(given);
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Fields by data key, nested groups included (a group's `path` prefixes its children's keys). */
function fieldsByKey(components: readonly FormComponent[], prefix = ''): Map<string, FormComponent> {
  const fields = new Map<string, FormComponent>();
  for (const component of components) {
    if (component.key) fields.set(prefix + component.key, component);
    if (Array.isArray(component.components) && !component.isRepeating) {
      const inner = component.path ? `${prefix}${component.path}.` : prefix;
      for (const [key, field] of fieldsByKey(component.components, inner)) if (!fields.has(key)) fields.set(key, field);
    }
  }
  return fields;
}

/** The n-th pass of each gateway in the scenario against the n-th in the attempt. */
function compareDecisions(expected: Decision[], yours: Decision[]): AttemptComparison['decisions'] {
  const result: AttemptComparison['decisions'] = [];
  const used = new Set<number>();
  for (const want of expected) {
    const index = yours.findIndex((d, i) => !used.has(i) && d.gatewayId === want.gatewayId);
    const got = index >= 0 ? yours[index] : null;
    if (got) used.add(index);
    result.push({ gatewayId: want.gatewayId, gatewayName: want.gatewayName, expected: branchOf(want), yours: got ? branchOf(got) : null, same: got?.flowId === want.flowId });
  }
  yours.forEach((got, i) => {
    if (!used.has(i)) result.push({ gatewayId: got.gatewayId, gatewayName: got.gatewayName, expected: null, yours: branchOf(got), same: false });
  });
  return result;
}

function branchOf(decision: Decision): string {
  return decision.flowName ?? decision.targetName ?? decision.targetId;
}

function comparePaths(expected: { id: string; name: string | null }[], yours: { id: string; name: string | null }[]): AttemptComparison['pathDifference'] {
  const only = (a: { id: string; name: string | null }[], b: { id: string; name: string | null }[]) => {
    const other = new Set(b.map((x) => x.id));
    const seen = new Set<string>();
    return a.filter((x) => !other.has(x.id) && !seen.has(x.id) && seen.add(x.id));
  };
  return { expectedOnly: only(expected, yours), yoursOnly: only(yours, expected) };
}
