/**
 * The one global exception filter of the app: every error leaves as Camunda's `{type, message}`.
 *
 *  - `EngineError`            → `httpStatusOf(code)` + `camundaTypeOf(code)`; deployment problems as
 *                               Camunda's ParseException `details` (per resource: errors/warnings).
 *  - `CamundaRestError`       → its own status and type (REST-layer reads, bad query parameters).
 *  - Nest `HttpException`     → its status; ValidationPipe messages joined; unknown routes 404.
 *  - body-parser errors       → malformed JSON 400, payload too large 413.
 *  - anything else            → 500 `ProcessEngineException` with a reference id; the stack is logged
 *                               server-side only, without the error message (it may hold case data).
 *
 * Register it once: `app.useGlobalFilters(new CamundaExceptionFilter())` or as `APP_FILTER`.
 */
import { randomUUID } from 'node:crypto';
import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { EngineError, EngineErrorCode, camundaTypeOf, httpStatusOf } from '../../engine/engine-error';
import type { ModelProblem } from '../../engine/engine-error';
import { CamundaRestError } from './camunda-rest-error';

/** Camunda's error body. `details` is only present for ParseException. */
export interface CamundaErrorBody {
  type: string;
  message: string;
  details?: Record<string, ResourceReport>;
}

/** Camunda's per-resource deployment report (ParseException details). */
export interface ResourceReport {
  errors: { message: string; line: number; column: number; mainElementId: string | null; elementIds: string[] }[];
  warnings: never[];
}

interface Rendered {
  status: number;
  body: CamundaErrorBody;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'InvalidRequestException',
  401: 'AuthenticationException',
  403: 'AuthorizationException',
  404: 'NotFoundException',
  405: 'NotAllowedException',
  409: 'OptimisticLockingException',
  413: 'InvalidRequestException',
  415: 'InvalidRequestException',
};

/** Groups model problems by resource into Camunda's ParseException `details`. */
export function parseExceptionDetails(problems: ModelProblem[]): Record<string, ResourceReport> {
  const details: Record<string, ResourceReport> = {};
  for (const problem of problems) {
    const resource = problem.resource ?? 'deployment';
    details[resource] ??= { errors: [], warnings: [] };
    details[resource].errors.push({
      message: problem.message,
      line: 0,
      column: 0,
      mainElementId: problem.elementId,
      elementIds: problem.elementId ? [problem.elementId] : [],
    });
  }
  return details;
}

function renderEngineError(error: EngineError): Rendered {
  const body: CamundaErrorBody = { type: camundaTypeOf(error.code), message: error.message };
  if (error.code === EngineErrorCode.InvalidDeployment && error.details.problems?.length) {
    body.details = parseExceptionDetails(error.details.problems);
  }
  return { status: httpStatusOf(error.code), body };
}

function messageOfHttpException(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return message.map(String).join('; ');
  }
  return typeof message === 'string' ? message : error.message;
}

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number' &&
    (error as BodyParserError).type.startsWith('entity.')
  );
}

/**
 * Nest turns body-parser's SyntaxError into `new BadRequestException(err.message)` before any
 * filter sees it; such exceptions are recognised by their single JSON.parse message.
 */
function isMappedJsonSyntaxError(error: unknown): boolean {
  if (!(error instanceof BadRequestException)) {
    return false;
  }
  const response = error.getResponse();
  const message = typeof response === 'object' ? (response as { message?: unknown }).message : response;
  return typeof message === 'string' && /\bJSON\b/.test(message) && /position|input|is not valid JSON|in JSON/.test(message);
}

function renderBodyParserError(error: BodyParserError): Rendered {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, body: { type: 'InvalidRequestException', message: 'The request body is not valid JSON' } };
    case 'entity.too.large':
      return { status: 413, body: { type: 'InvalidRequestException', message: 'The request body is too large' } };
    default:
      return { status: error.status, body: { type: 'InvalidRequestException', message: 'The request body could not be read' } };
  }
}

/** Turns any error into Camunda's response; exported for unit tests and non-HTTP callers. */
export function renderError(error: unknown, logger: Pick<Logger, 'error'>): Rendered {
  if (error instanceof EngineError) {
    return renderEngineError(error);
  }
  if (error instanceof CamundaRestError) {
    return { status: error.status, body: { type: error.type, message: error.message } };
  }
  if (isMappedJsonSyntaxError(error)) {
    // The parser's message can quote the body (case data): answer with a fixed text instead.
    return renderBodyParserError({ type: 'entity.parse.failed', status: 400 });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      return { status, body: { type: TYPE_BY_STATUS[status] ?? 'InvalidRequestException', message: messageOfHttpException(error) } };
    }
  }
  if (isBodyParserError(error)) {
    return renderBodyParserError(error);
  }
  const reference = randomUUID();
  const name = error instanceof Error ? error.name : typeof error;
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n') : '';
  const code = typeof (error as { code?: unknown })?.code === 'string' ? ` code=${(error as { code: string }).code}` : '';
  logger.error(`Unhandled ${name}${code} (reference ${reference})\n${frames}`);
  return {
    status: 500,
    body: { type: 'ProcessEngineException', message: `An internal error occurred (reference ${reference})` },
  };
}

@Catch()
export class CamundaExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('CamundaExceptionFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw error;
    }
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = renderError(error, this.logger);
    if (response.headersSent) {
      return;
    }
    response.status(status).json(body);
  }
}
