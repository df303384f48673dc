/**
 * Validation for the Camunda REST DTOs: the global ValidationPipe options (whitelist + transform,
 * errors rendered as Camunda's InvalidRequestException) and small composite decorators that
 * accept both GET query text (`"true"`, `"a,b"`, `"5"`) and POST JSON (`true`, `["a","b"]`, `5`).
 */
import type { ValidationPipeOptions } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Min, ValidateBy } from 'class-validator';
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

/** An optional whole number; `min` defaults to no lower bound. */
export function OptInt(description?: string, min?: number): Decorator {
  const decorators = [ApiPropertyOptional({ type: Number, description }), IsOptional(), Transform(toInteger), IsInt()];
  if (min !== undefined) decorators.push(Min(min));
  return compose(...decorators);
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
