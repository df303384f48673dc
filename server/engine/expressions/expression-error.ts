/**
 * Raised when an expression cannot be parsed or evaluated. `expression` is the source as written
 * in the model, so the engine can report it with the element id (no variable values are included).
 */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}
