/**
 * Validation for the Camunda REST DTOs: the global ValidationPipe options (whitelist + transform,
 * errors rendered as Camunda's InvalidRequestException), small composite decorators that
 * accept both GET query text (`"true"`, `"a,b"`, `"5"`) and POST JSON (`true`, `["a","b"]`, `5`),
 * and `refuseUnreadableBodies`, the middleware that keeps bodies the pipe cannot judge away from it.
 */
import type { ValidationPipeOptions } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import type { ValidationError } from 'class-validator';
import { isCamundaDate } from './camunda-date';
import { CamundaRestError } from './camunda-rest-error';

function messagesOf(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => (prefix ? `${prefix}.${message}` : message)),
    ...messagesOf(error.children ?? [], prefix ? `${prefix}.${error.property}` : error.property),
  ]);
}

/** Options for the app-wide `ValidationPipe` (register with `new ValidationPipe(camundaValidationPipeOptions)`). */
export const camundaValidationPipeOptions: ValidationPipeOptions = {
  whitelist: true,
  transform: true,
  forbidUnknownValues: false,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors: ValidationError[]) => new CamundaRestError(400, 'InvalidRequestException', messagesOf(errors).join('; ')),
};

type Decorator = PropertyDecorator;

function compose(...decorators: Decorator[]): Decorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter((part) => part !== '') : value);

/** An optional text parameter. */
export function OptString(description?: string): Decorator {
  return compose(ApiPropertyOptional({ type: String, description }), IsOptional(), IsString());
}

/** An optional boolean (`true`/`false` in a query string). */
export function OptBool(description?: string): Decorator {
  return compose(ApiPropertyOptional({ type: Boolean, description }), IsOptional(), Transform(toBoolean), IsBoolean());
}

/** The range of Camunda's (Java) `Integer` parameters, and of the database columns behind them. */
export const MIN_INT = -2147483648;
export const MAX_INT = 2147483647;

/** An optional whole number from `min` (default -2^31) to 2^31-1. */
export function OptInt(description?: string, min = MIN_INT): Decorator {
  return compose(ApiPropertyOptional({ type: Number, description }), IsOptional(), Transform(toInteger), IsInt(), Min(min), Max(MAX_INT));
}

/** An optional list: comma-separated in a query string, an array in a JSON body. */
export function OptList(description?: string): Decorator {
  return compose(
    ApiPropertyOptional({ type: [String], description: `${description ?? ''} (comma-separated in a query string)`.trim() }),
    IsOptional(),
    Transform(toList),
    IsArray(),
    IsString({ each: true }),
  );
}

/** An optional date in Camunda's format `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (ISO-8601 also accepted). */
export function OptDate(description?: string): Decorator {
  return compose(
    ApiPropertyOptional({ type: String, description: `${description ?? 'Date'}, e.g. 2026-11-23T09:30:00.000+0000` }),
    IsOptional(),
    ValidateBy({
      name: 'isCamundaDate',
      validator: {
        validate: (value: unknown) => isCamundaDate(value),
        defaultMessage: (args) => `${args?.property} must be a date in the format yyyy-MM-dd'T'HH:mm:ss.SSSZ`,
      },
    }),
  );
}

/** An optional JSON object (e.g. a variable map); its entries are checked by the variable converter. */
export function OptObject(description?: string): Decorator {
  return compose(
    ApiPropertyOptional({ type: 'object', additionalProperties: true, description }),
    IsOptional(),
    ValidateBy({
      name: 'isPlainObject',
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value),
        defaultMessage: (args) => `${args?.property} must be a JSON object`,
      },
    }),
  );
}

/** Paging (always query parameters, also for POST queries). */
export class PageQueryDto {
  @OptInt('Index of the first result to return', 0)
  firstResult?: number;

  @OptInt('Maximum number of results to return', 0)
  maxResults?: number;
}

/** Paging plus single-column sorting as GET query parameters. */
export class SortedPageQueryDto extends PageQueryDto {
  @OptString('Sort column; requires sortOrder')
  sortBy?: string;

  @OptString('asc or desc; requires sortBy')
  sortOrder?: string;
}

/** One entry of a POST query's `sorting` array. */
export class SortingDto {
  @ApiPropertyOptional() @IsString() sortBy: string;
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsString() sortOrder: string;
}

/**
 * How deep a request body may nest. The deepest documented request (a variable map holding a Json
 * value) needs a few levels plus the value's own; the pipe's recursive copy overflows the stack
 * at a few thousand.
 */
export const MAX_BODY_DEPTH = 64;

function nestsDeeperThan(value: unknown, limit: number): boolean {
  // Iterative on purpose: a recursive walk would overflow on exactly the bodies it looks for.
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Middleware for after the body parsers: a request body the parsers did not read (text, XML, a
 * `+json` type; multipart anywhere but the deployment upload) would reach the handlers as an empty
 * body and pass validation, so it is refused with 415; a parsed body nested deeper than
 * `MAX_BODY_DEPTH` is refused with 400 before the ValidationPipe walks it.
 */
export function refuseUnreadableBodies(request: Request, _response: Response, next: NextFunction): void {
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = request.headers['transfer-encoding'] !== undefined || length > 0;
  const [type, ...parameters] = (request.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  // JSON is UTF-8 (RFC 8259): body-parser would decode other utf-* charsets, and a body that is not in them, to nothing.
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  const readable =
    (type === 'application/json' && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) ||
    type === 'application/x-www-form-urlencoded' ||
    (type === 'multipart/form-data' && request.path.endsWith('/deployment/create'));
  if (hasBody && !readable) {
    const shown = type ? `${type}${charset ? `; charset=${charset}` : ''}` : 'none';
    next(new CamundaRestError(415, 'InvalidRequestException', `Unsupported media type '${shown}': send the body as application/json in UTF-8`));
    return;
  }
  if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
    next(new CamundaRestError(400, 'InvalidRequestException', `The request body nests deeper than ${MAX_BODY_DEPTH} levels`));
    return;
  }
  next();
}
