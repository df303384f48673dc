/**
 * The checked, immutable form of a DMN decision, as `parseDmn` produces it and `evaluateDecision`
 * consumes it. Every FEEL text in here has already been parsed once, so evaluation only fails on
 * run-time conditions (unknown functions, hit-policy violations), never on syntax.
 */

/** One problem found while reading a DMN resource: which element and what is wrong. */
export interface DecisionProblem {
  elementId: string | null;
  message: string;
  resource?: string;
}

/** The DMN 1.3 hit policies (all supported). */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

/** COLLECT aggregations (DMN `C+`, `C<`, `C>`, `C#`). */
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

/** One input column: a FEEL expression over the variables, visible to its cells as `?`, `cellInput` and `inputVariable`. */
export interface InputModel {
  readonly id: string | null;
  readonly label: string | null;
  /** FEEL expression text (a plain variable name works). */
  readonly expression: string;
  /** `camunda:inputVariable`; default `cellInput`. */
  readonly inputVariable: string;
}

/** One output column. */
export interface OutputModel {
  readonly id: string | null;
  readonly label: string | null;
  /** Key in each result entry: the output `name`, else its label, else its id. */
  readonly name: string;
  /** Allowed values in priority order (from `outputValues`), used by PRIORITY and OUTPUT ORDER; null when not given. */
  readonly priorities: readonly unknown[] | null;
  /** FEEL text of `defaultOutputEntry`, used when no rule matches (single-hit policies); null when not given. */
  readonly defaultExpression: string | null;
}

/** One rule: unary tests per input (`-` matches anything) and FEEL output expressions (null = empty cell). */
export interface RuleModel {
  readonly id: string | null;
  /** 1-based position in the table, for messages. */
  readonly index: number;
  readonly description: string | null;
  readonly inputEntries: readonly { readonly id: string | null; readonly test: string }[];
  readonly outputEntries: readonly { readonly id: string | null; readonly expression: string | null }[];
}

/** A decision table. */
export interface DecisionTableModel {
  readonly kind: 'decisionTable';
  readonly id: string | null;
  readonly hitPolicy: HitPolicy;
  readonly aggregation: Aggregation | null;
  readonly inputs: readonly InputModel[];
  readonly outputs: readonly OutputModel[];
  readonly rules: readonly RuleModel[];
}

/** A literal expression decision: one FEEL expression whose value is the result under `variableName`. */
export interface LiteralExpressionModel {
  readonly kind: 'literalExpression';
  readonly id: string | null;
  readonly expression: string;
}

/** A decision ready to evaluate; `key` is the decision id (as in Camunda). */
export interface DecisionModel {
  readonly key: string;
  readonly name: string | null;
  /** The DRD (`definitions`) the decision belongs to. */
  readonly definitionsId: string | null;
  readonly definitionsName: string | null;
  readonly resource: string | null;
  readonly versionTag: string | null;
  readonly historyTimeToLive: string | null;
  /** Name under which dependants see this decision's result (`variable name`, else the decision name, else the key). */
  readonly variableName: string;
  /** Keys of the required decisions (informationRequirement/requiredDecision), evaluated first. */
  readonly requires: readonly string[];
  readonly logic: DecisionTableModel | LiteralExpressionModel;
}
