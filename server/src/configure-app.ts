import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CamundaExceptionFilter } from './engine-rest/camunda-exception.filter';
import { camundaValidationPipeOptions, refuseUnreadableBodies } from './engine-rest/validation';
import { runInRequestContext } from './security/request-context';
import type { Request } from 'express';
import helmet from 'helmet';
import { AppConfig } from './config/app-config';

/**
 * What the browser may load: only Safepath's own scripts (no inline script, no eval), its own and
 * inline styles (bpmn-js and form-js set style attributes), images from itself and data/blob URLs
 * (diagram exports); no framing, no plugins.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

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
  // Before anything else: every request gets its own context, which the guard fills with the caller.
  express.use((request: Request, _response: unknown, next: () => void) => runInRequestContext(request.ip ?? null, next));
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // A body no parser read (text/plain, XML, …) would reach handlers as {}: refuse it (415), and
  // refuse absurdly deep JSON (400) before validation walks it.
  express.use(refuseUnreadableBodies);
  express.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }));
  const { corsOrigins } = app.get(AppConfig);
  // Same-origin only unless CORS_ORIGINS names the browser origins allowed (never credentials by wildcard).
  if (corsOrigins.length > 0) app.enableCors({ origin: corsOrigins, credentials: true, maxAge: 600 });
  app.useGlobalFilters(new CamundaExceptionFilter());
  app.useGlobalPipes(new ValidationPipe(camundaValidationPipeOptions));
}
