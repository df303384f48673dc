/**
 * A timer or deadline text that cannot be understood: invalid ISO 8601 or malformed Safepath
 * notation. The message says what is wrong and shows a valid example; the deploy check reports
 * it against the element, the runtime turns it into an incident.
 */
export class TimerSyntaxError extends Error {
  constructor(
    message: string,
    /** The text that was rejected. */
    readonly text: string,
  ) {
    super(message);
    this.name = 'TimerSyntaxError';
  }
}

/**
 * A repeating timer (`timeCycle`) has no occurrence left after the given instant, e.g.
 * `R3/2026-01-05T10:00:00Z/P1D` asked on 1 February. The timer should simply not be scheduled.
 */
export class TimerExhaustedError extends Error {
  constructor(readonly text: string) {
    super(`the time cycle '${text}' has no occurrence left`);
    this.name = 'TimerExhaustedError';
  }
}
