/**
 * An error raised by the REST layer itself (unknown id on a read, bad query parameter) with the
 * exact HTTP status and Camunda exception type to report. The global `CamundaExceptionFilter`
 * renders it as `{type, message}`.
 */
export class CamundaRestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'CamundaRestError';
  }
}

/** 400 InvalidRequestException: the request is malformed (bad parameter, bad body). */
export function badRequest(message: string): CamundaRestError {
  return new CamundaRestError(400, 'InvalidRequestException', message);
}

/** 404 InvalidRequestException: Camunda's answer to a read of an unknown id. */
export function notFoundRest(message: string): CamundaRestError {
  return new CamundaRestError(404, 'InvalidRequestException', message);
}
