/**
 * Evaluates a decision against variables. Required decisions are evaluated first (once per call);
 * their results join the FEEL context the way Camunda 7 does it (each output name → its value, or
 * → the list of values for a multi-result / COLLECT / RULE ORDER table), and also, as DMN
 * specifies, under the required decision's id and variable name.
 */
import { DecisionError } from './decision-error';
import type { DecisionModel, DecisionTableModel } from './decision-model';
import { evaluateFeel, evaluateFeelRaw, matchesUnaryTests, type FeelSite } from './feel';
import { applyHitPolicy, isSingleHit, type MatchedRule } from './hit-policies';

/** One decision's result list: one entry per matched rule (output name → plain value). */
export type DecisionResult = Record<string, unknown>[];

/** Evaluates a decision (and the decisions it requires) against variables; returns the result list. */
export function evaluateDecision(decisions: ReadonlyMap<string, DecisionModel>, key: string, variables: Record<string, unknown>): DecisionResult {
  return evaluateWith(decisions, key, variables, new Map(), []);
}

function evaluateWith(
  decisions: ReadonlyMap<string, DecisionModel>,
  key: string,
  variables: Record<string, unknown>,
  done: Map<string, DecisionResult>,
  path: string[],
): DecisionResult {
  const cached = done.get(key);
  if (cached) return cached;
  const decision = decisions.get(key);
  if (!decision) {
    const by = path.length > 0 ? ` (required by decision '${path[path.length - 1]}')` : '';
    throw new DecisionError(`Decision '${key}' is not deployed${by}`, key);
  }
  if (path.includes(key)) throw new DecisionError(`Decision '${key}' requires itself (through ${path.join(' → ')})`, key);

  const context: Record<string, unknown> = { ...variables };
  for (const required of decision.requires) {
    const result = evaluateWith(decisions, required, variables, done, [...path, key]);
    addRequiredResult(context, decisions.get(required)!, result);
  }
  const result =
    decision.logic.kind === 'literalExpression'
      ? [{ [decision.variableName]: evaluateFeel(decision.logic.expression, context, { decisionKey: key, elementId: decision.logic.id, place: 'the literal expression' }) }]
      : evaluateTable(decision.logic, key, context);
  done.set(key, result);
  return result;
}

function evaluateTable(table: DecisionTableModel, key: string, context: Record<string, unknown>): DecisionResult {
  const cellContexts = table.inputs.map((input) => {
    const value = evaluateFeelRaw(input.expression, context, { decisionKey: key, elementId: input.id, place: `the expression of input '${input.label ?? input.id}'` });
    return { ...context, cellInput: value, [input.inputVariable]: value, '?': value };
  });

  const matches: MatchedRule[] = [];
  for (const rule of table.rules) {
    const ruleName = `rule '${rule.id ?? '?'}' (row ${rule.index})`;
    const matched = rule.inputEntries.every((cell, i) =>
      matchesUnaryTests(cell.test, cellContexts[i], {
        decisionKey: key,
        elementId: cell.id ?? rule.id,
        place: `${ruleName}, input '${table.inputs[i].label ?? table.inputs[i].id}'`,
      }),
    );
    if (!matched) continue;
    const entry: Record<string, unknown> = {};
    rule.outputEntries.forEach((cell, i) => {
      const output = table.outputs[i];
      if (cell.expression === null) return; // an empty output cell gives no entry, as in Camunda
      const site: FeelSite = { decisionKey: key, elementId: cell.id ?? rule.id, place: `${ruleName}, output '${output.name}'` };
      entry[output.name] = evaluateFeel(cell.expression, context, site);
    });
    matches.push({ rule, entry });
    if (table.hitPolicy === 'FIRST') break;
  }

  if (matches.length === 0 && isSingleHit(table.hitPolicy)) return defaultResult(table, key, context);
  return applyHitPolicy(table, matches, key);
}

/** Default output entries when no rule matched; no defaults → empty result. */
function defaultResult(table: DecisionTableModel, key: string, context: Record<string, unknown>): DecisionResult {
  const entry: Record<string, unknown> = {};
  for (const output of table.outputs) {
    if (output.defaultExpression === null) continue;
    entry[output.name] = evaluateFeel(output.defaultExpression, context, {
      decisionKey: key,
      elementId: output.id,
      place: `the default output entry of output '${output.name}'`,
    });
  }
  return Object.keys(entry).length > 0 ? [entry] : [];
}

/** Makes a required decision's result visible to the FEEL context of the decision that needs it. */
function addRequiredResult(context: Record<string, unknown>, required: DecisionModel, result: DecisionResult): void {
  const logic = required.logic;
  const multi = logic.kind === 'decisionTable' && !isSingleHit(logic.hitPolicy) && logic.aggregation === null;
  if (result.length === 1 && !multi) {
    Object.assign(context, result[0]);
  } else {
    const names = new Set(result.flatMap((entry) => Object.keys(entry)));
    for (const name of names) context[name] = result.map((entry) => (name in entry ? entry[name] : null));
  }
  const asValue = (entry: Record<string, unknown> | undefined): unknown => {
    if (entry === undefined) return null;
    if (logic.kind === 'literalExpression') return entry[required.variableName] ?? null;
    return logic.outputs.length === 1 ? (entry[logic.outputs[0].name] ?? null) : entry;
  };
  const value = multi ? result.map(asValue) : asValue(result[0]);
  context[required.key] = value;
  context[required.variableName] = value;
}
