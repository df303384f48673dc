/**
 * A decision could not be evaluated or its result could not be mapped: a hit-policy violation,
 * an unknown function, a missing decision, a result whose shape does not fit `mapDecisionResult`.
 * Messages name the decision and rule and describe values by type only (no case data).
 */
export class DecisionError extends Error {
  constructor(
    message: string,
    /** Key of the decision being evaluated, when known. */
    readonly decisionKey: string | null = null,
    /** Id of the rule, cell or element at fault, when known. */
    readonly elementId: string | null = null,
  ) {
    super(message);
    this.name = 'DecisionError';
  }
}
