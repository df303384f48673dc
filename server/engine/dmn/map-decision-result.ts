/**
 * Camunda's `camunda:mapDecisionResult` for business rule tasks: how a decision's result list
 * becomes the value of `camunda:resultVariable`.
 *
 * | mapping          | result                                   | fails when                                  |
 * |------------------|------------------------------------------|---------------------------------------------|
 * | `singleEntry`    | the one value of the one result, or null | more than one result, or more than one entry |
 * | `singleResult`   | the one result (name → value), or null   | more than one result                         |
 * | `collectEntries` | list of the one value of every result    | a result with more than one entry            |
 * | `resultList`     | the whole list (default)                 | never                                        |
 */
import { DecisionError } from './decision-error';

/** The mappings Camunda supports; `resultList` is the default. */
export const DECISION_RESULT_MAPPINGS = ['singleEntry', 'singleResult', 'collectEntries', 'resultList'] as const;
export type DecisionResultMapping = (typeof DECISION_RESULT_MAPPINGS)[number];

/** Maps a result list as Camunda's `mapDecisionResult` does; throws `DecisionError` when the shape does not fit. */
export function mapDecisionResult(result: Record<string, unknown>[], mapping: string | null | undefined): unknown {
  const name = mapping || 'resultList';
  const fail = (why: string): never => {
    throw new DecisionError(`The decision result mapper '${name}' cannot map the decision result: ${why}`);
  };
  switch (name) {
    case 'resultList':
      return result.map((entry) => ({ ...entry }));
    case 'singleResult':
      if (result.length > 1) fail(`it has ${result.length} results, expected at most one (use 'resultList' or 'collectEntries')`);
      return result.length === 0 ? null : { ...result[0] };
    case 'singleEntry': {
      if (result.length > 1) fail(`it has ${result.length} results, expected at most one (use 'collectEntries' or 'resultList')`);
      if (result.length === 0) return null;
      const keys = Object.keys(result[0]);
      if (keys.length > 1) fail(`the result has ${keys.length} entries (${names(keys)}), expected one (use 'singleResult')`);
      return keys.length === 0 ? null : result[0][keys[0]];
    }
    case 'collectEntries':
      // A result without entries (all output cells empty) adds nothing, as in Camunda.
      return result.flatMap((entry, i) => {
        const keys = Object.keys(entry);
        if (keys.length > 1) fail(`result ${i + 1} has ${keys.length} entries (${names(keys)}), expected one per result (use 'resultList')`);
        return keys.length === 0 ? [] : [entry[keys[0]]];
      });
    default:
      return fail(`unknown mapping; use one of ${DECISION_RESULT_MAPPINGS.join(', ')}`);
  }
}

function names(keys: string[]): string {
  return keys.map((k) => `'${k}'`).join(', ');
}
