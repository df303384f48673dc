/**
 * Hit policies: turn the matched rules (each with its evaluated output entry) into the result list.
 * Single-hit policies (UNIQUE, FIRST, PRIORITY, ANY) yield at most one entry; multi-hit policies
 * (RULE ORDER, OUTPUT ORDER, COLLECT) one entry per matched rule, or one aggregated entry for
 * COLLECT with SUM / MIN / MAX / COUNT. The "no rule matched" case is handled by the caller.
 */
import { describeType } from '../expressions/feel-values';
import { DecisionError } from './decision-error';
import type { DecisionTableModel, HitPolicy, OutputModel, RuleModel } from './decision-model';

/** A rule that matched, with its output entry (output name → plain value; empty cells left out). */
export interface MatchedRule {
  rule: RuleModel;
  entry: Record<string, unknown>;
}

/** True for the policies that return at most one result. */
export function isSingleHit(policy: HitPolicy): boolean {
  return policy === 'UNIQUE' || policy === 'FIRST' || policy === 'PRIORITY' || policy === 'ANY';
}

/** Applies the table's hit policy (and aggregation) to the matched rules, in table order. */
export function applyHitPolicy(table: DecisionTableModel, matches: readonly MatchedRule[], decisionKey: string): Record<string, unknown>[] {
  const fail = (message: string, elementId: string | null = table.id): never => {
    throw new DecisionError(`Decision '${decisionKey}': ${message}`, decisionKey, elementId);
  };
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matches.length > 1) fail(`hit policy UNIQUE allows only one matching rule, but ${ruleList(matches)} matched`, matches[1].rule.id);
      return matches.slice(0, 1).map((m) => m.entry);
    case 'FIRST':
      return matches.slice(0, 1).map((m) => m.entry);
    case 'ANY': {
      const differing = matches.find((m) => !sameValue(m.entry, matches[0].entry));
      if (differing) fail(`hit policy ANY needs all matching rules to have equal outputs, but ${ruleList([matches[0], differing])} differ`, differing.rule.id);
      return matches.slice(0, 1).map((m) => m.entry);
    }
    case 'PRIORITY':
      return byPriority(matches, table.outputs).slice(0, 1).map((m) => m.entry);
    case 'OUTPUT ORDER':
      return byPriority(matches, table.outputs).map((m) => m.entry);
    case 'RULE ORDER':
      return matches.map((m) => m.entry);
    case 'COLLECT':
      return table.aggregation === null ? matches.map((m) => m.entry) : aggregate(table, matches, fail);
  }
}

/** Sorts matches by the position of their output values in each output's `outputValues` (stable). */
function byPriority(matches: readonly MatchedRule[], outputs: readonly OutputModel[]): MatchedRule[] {
  const rank = (m: MatchedRule): number[] =>
    outputs
      .filter((o) => o.priorities !== null)
      .map((o) => {
        const at = o.priorities!.findIndex((p) => sameValue(p, m.entry[o.name]));
        return at < 0 ? Number.MAX_SAFE_INTEGER : at;
      });
  return [...matches].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return 0;
  });
}

function aggregate(table: DecisionTableModel, matches: readonly MatchedRule[], fail: (message: string, elementId?: string | null) => never): Record<string, unknown>[] {
  const name = table.outputs[0].name;
  // Empty output cells and null values do not take part in the aggregation.
  const values = matches.map((m) => ({ rule: m.rule, value: m.entry[name] })).filter((v) => v.value !== undefined && v.value !== null);
  if (table.aggregation === 'COUNT') return [{ [name]: values.length }];
  const bad = values.find((v) => typeof v.value !== 'number');
  if (bad) fail(`aggregation ${table.aggregation} needs numbers, but rule '${bad.rule.id ?? bad.rule.index}' gave a ${describeType(bad.value)}`, bad.rule.id);
  if (values.length === 0) return [];
  const numbers = values.map((v) => v.value as number);
  switch (table.aggregation) {
    case 'SUM':
      return [{ [name]: numbers.reduce((sum, n) => sum + n, 0) }];
    case 'MIN':
      return [{ [name]: Math.min(...numbers) }];
    default:
      return [{ [name]: Math.max(...numbers) }];
  }
}

function ruleList(matches: readonly MatchedRule[]): string {
  return `rules ${matches.map((m) => `'${m.rule.id ?? `row ${m.rule.index}`}'`).join(', ')}`;
}

/** Structural equality of plain values (primitives, dates, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
