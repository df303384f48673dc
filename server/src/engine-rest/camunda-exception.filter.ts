/**
 * The one global exception filter of the app: every error leaves as Camunda's `{type, message}`.
 *
 *  - `EngineError`            → `httpStatusOf(code)` + `camundaTypeOf(code)`; deployment problems as
 *                               Camunda's ParseException `details` (per resource: errors/warnings).
 *  - `CamundaRestError`       → its own status and type (REST-layer reads, bad query parameters).
 *  - Nest `HttpException`     → its status; ValidationPipe messages joined; unknown routes 404.
 *  - body-parser errors       → malformed JSON 400, payload too large 413, unsupported charset or
 *                               encoding 415: any of its client errors, with a fixed message.
 *  - PostgreSQL data errors   → 400 (a NUL character, a number or date out of range, a bad LIKE
 *                               pattern: SQLSTATE class 22) with a fixed message, never the SQL.
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
  429: 'AuthenticationException',
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

/** The `type`s of body-parser's client errors (http-errors with status 4xx). */
const BODY_PARSER_TYPES = /^(entity|charset|encoding|request|stream|parameters)\./;

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number' &&
    (error as BodyParserError).status >= 400 &&
    (error as BodyParserError).status < 500 &&
    BODY_PARSER_TYPES.test((error as BodyParserError).type)
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
    case 'charset.unsupported':
      return { status: 415, body: { type: 'InvalidRequestException', message: 'The charset of the request body is not supported: send UTF-8' } };
    case 'encoding.unsupported':
      return { status: 415, body: { type: 'InvalidRequestException', message: 'The Content-Encoding of the request body is not supported' } };
    default:
      return { status: error.status, body: { type: 'InvalidRequestException', message: 'The request body could not be read' } };
  }
}

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22) that only a value from the request can cause
 * in our parameterised queries, with what to tell the caller instead of the driver's text.
 */
const DATA_ERRORS: Record<string, string> = {
  '22021': 'A value contains a character that cannot be stored (e.g. a NUL character)',
  '22P05': 'A value contains a character that cannot be stored (e.g. a NUL character)',
  '22003': 'A number is out of range',
  '22007': 'A date is not valid',
  '22008': 'A date is out of range',
  '22009': 'A date has an invalid time zone',
  '22P02': 'A value has the wrong format',
  '22001': 'A value is too long',
  '22025': 'A search pattern is not valid (check its escape characters)',
  '2201B': 'A search pattern is not valid',
};

/** The fixed message for a PostgreSQL data error (driver error or TypeORM's QueryFailedError), else null. */
function dataErrorMessage(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, driverError, severity } = error as Error & { code?: unknown; driverError?: unknown; severity?: unknown };
  const fromDatabase = error.name === 'QueryFailedError' || driverError !== undefined || typeof severity === 'string';
  return fromDatabase && typeof code === 'string' && Object.hasOwn(DATA_ERRORS, code) ? DATA_ERRORS[code] : null;
}

/** PostgreSQL's insufficient_privilege (42501), e.g. "new row violates row-level security policy". */
function isRowSecurityRefusal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, driverError, severity } = error as Error & { code?: unknown; driverError?: unknown; severity?: unknown };
  const fromDatabase = error.name === 'QueryFailedError' || driverError !== undefined || typeof severity === 'string';
  return fromDatabase && code === '42501';
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
  const dataError = dataErrorMessage(error);
  if (dataError !== null) {
    return { status: 400, body: { type: 'InvalidRequestException', message: dataError } };
  }
  if (isRowSecurityRefusal(error)) {
    // PostgreSQL's row-level security refused a row of another organisation: the service layer
    // should have caught it first, so log it (without data) as a defect, and refuse the request.
    logger.error('Row-level security refused a write outside the caller\'s organisation (service-layer check missing)');
    return { status: 403, body: { type: 'AuthorizationException', message: 'This is outside your organisation' } };
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
