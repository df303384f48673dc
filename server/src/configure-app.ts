import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CamundaExceptionFilter } from './engine-rest/camunda-exception.filter';
import { camundaValidationPipeOptions } from './engine-rest/validation';

/** The request body limit: forms and variables are small; anything bigger is refused with 413. */
export const BODY_LIMIT = '1mb';

/**
 * Everything an application instance needs beyond its modules, shared by `main.ts` and the
 * integration tests so that both run the same HTTP behaviour: one Camunda-shaped error filter,
 * validation at the edge, body limits, no framework fingerprint.
 */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.useGlobalFilters(new CamundaExceptionFilter());
  app.useGlobalPipes(new ValidationPipe(camundaValidationPipeOptions));
}
