/**
 * Technical and request errors of the engine. Modelled BPMN errors (which boundary events catch)
 * are not EngineErrors: they travel as `BpmnErrorSignal` inside the runtime.
 */
export enum EngineErrorCode {
  NotFound = 'NotFound',
  OptimisticLock = 'OptimisticLock',
  InvalidRequest = 'InvalidRequest',
  InvalidVariable = 'InvalidVariable',
  InvalidDeployment = 'InvalidDeployment',
  MismatchingMessageCorrelation = 'MismatchingMessageCorrelation',
  TaskAlreadyClaimed = 'TaskAlreadyClaimed',
  ExternalTaskLockedByOther = 'ExternalTaskLockedByOther',
  Expression = 'Expression',
  Suspended = 'Suspended',
}

/** One problem found in a deployed model: which element and what is wrong. */
export interface ModelProblem {
  elementId: string | null;
  message: string;
  resource?: string;
}

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: { elementId?: string; problems?: ModelProblem[] } = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function notFound(message: string): EngineError {
  return new EngineError(EngineErrorCode.NotFound, message);
}

export function invalidRequest(message: string): EngineError {
  return new EngineError(EngineErrorCode.InvalidRequest, message);
}

/** The HTTP status each code maps to (used by the REST layer's exception filter). */
export function httpStatusOf(code: EngineErrorCode): number {
  switch (code) {
    case EngineErrorCode.NotFound:
      return 404;
    case EngineErrorCode.OptimisticLock:
    case EngineErrorCode.TaskAlreadyClaimed:
    case EngineErrorCode.ExternalTaskLockedByOther:
      return 409;
    case EngineErrorCode.InvalidRequest:
    case EngineErrorCode.InvalidVariable:
    case EngineErrorCode.InvalidDeployment:
    case EngineErrorCode.MismatchingMessageCorrelation:
    case EngineErrorCode.Expression:
    case EngineErrorCode.Suspended:
      return 400;
  }
}

/** The Camunda 7 exception type name each code is reported as in `{type, message}`. */
export function camundaTypeOf(code: EngineErrorCode): string {
  switch (code) {
    case EngineErrorCode.NotFound:
      return 'NotFoundException';
    case EngineErrorCode.OptimisticLock:
      return 'OptimisticLockingException';
    case EngineErrorCode.InvalidRequest:
    case EngineErrorCode.InvalidVariable:
      return 'InvalidRequestException';
    case EngineErrorCode.InvalidDeployment:
      return 'ParseException';
    case EngineErrorCode.MismatchingMessageCorrelation:
      return 'MismatchingMessageCorrelationException';
    case EngineErrorCode.TaskAlreadyClaimed:
      return 'TaskAlreadyClaimedException';
    case EngineErrorCode.ExternalTaskLockedByOther:
      return 'BadUserRequestException';
    case EngineErrorCode.Expression:
      return 'ProcessEngineException';
    case EngineErrorCode.Suspended:
      return 'SuspendedEntityInteractionException';
  }
}
