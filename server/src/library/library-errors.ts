/**
 * Errors of the library API. Problems with a model travel with the 400 answer, as
 * `{type, message, problems}`, so that the designer can show them on the canvas; everything else
 * is rendered by the application's Camunda-shaped filter.
 */
import { ArgumentsHost, Catch } from '@nestjs/common';
import type { Response } from 'express';
import { CamundaRestError } from '../engine-rest/camunda-rest-error';
import { CamundaExceptionFilter } from '../engine-rest/camunda-exception.filter';
import type { Problem } from './process-lint';

/** 400 InvalidRequestException with the problems that refused the request. */
export class ProblemsError extends CamundaRestError {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(400, 'InvalidRequestException', message);
    this.name = 'ProblemsError';
  }
}

/** 409: the process exists already. */
export function conflict(message: string): CamundaRestError {
  return new CamundaRestError(409, 'InvalidRequestException', message);
}

/** The library controllers' filter: `ProblemsError` with its problems, anything else as the global filter renders it. */
@Catch()
export class LibraryExceptionFilter extends CamundaExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof ProblemsError && host.getType() === 'http') {
      const response = host.switchToHttp().getResponse<Response>();
      if (!response.headersSent) response.status(error.status).json({ type: error.type, message: error.message, problems: error.problems });
      return;
    }
    super.catch(error, host);
  }
}
