/**
 * Opens the audit state of every request under /engine-rest and /api and records the request
 * once its answer has gone, unless the audit interceptor already has (successful handlers).
 * This is what records the answers no interceptor sees: the guard's 401 and 403, validation and
 * not-found errors, unknown routes, and handlers that write their own answer (`@Res()`).
 * A failed write is logged (without case data); the answer has already gone.
 */
import { AsyncResource } from 'node:async_hooks';
import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuditRecorder } from './audit-recorder';
import { RequestAudit, caseIdsInBody, isAudited, openRequestAudit, outcomeOf, pathOf, routePatternOf } from './request-audit';

/** JSON answers larger than this are not read for case ids (they would cost more than they tell). */
const MAX_SCANNED_BODY = 4 * 1024 * 1024;

@Injectable()
export class AuditMiddleware implements NestMiddleware {
  private readonly logger = new Logger('AuditLog');

  constructor(private readonly recorder: AuditRecorder) {}

  use(request: Request, response: Response, next: NextFunction): void {
    if (!isAudited(request.method, pathOf(request))) {
      next();
      return;
    }
    const audit = openRequestAudit(request);
    readCaseIdsFromAnswer(request, response, audit);
    // Bound to this request's context: the caller the guard stores there later is known at the end.
    const settle = AsyncResource.bind(() => {
      if (audit.recorded) return;
      this.recorder.record(request, outcomeOf(response)).catch((error: unknown) => {
        const name = error instanceof Error ? error.name : typeof error;
        this.logger.error(`Could not write the audit entry of ${request.method} ${routePatternOf(request) ?? '(no route)'}: ${name}`);
      });
    });
    response.once('finish', settle);
    response.once('close', settle);
    next();
  }
}

/** Collects the case ids of a JSON answer a handler sends itself, as it is sent. */
function readCaseIdsFromAnswer(request: Request, response: Response, audit: RequestAudit): void {
  const end = response.end as (...args: unknown[]) => Response;
  response.end = function (this: Response, ...args: unknown[]): Response {
    const [chunk] = args;
    if (!audit.recorded && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && chunk.length <= MAX_SCANNED_BODY) {
      const type = String(response.getHeader('content-type') ?? '');
      if (type.includes('json')) {
        try {
          audit.addCaseIds(caseIdsInBody(JSON.parse(chunk.toString()), routePatternOf(request)));
        } catch {
          // Not JSON after all: nothing to read.
        }
      }
    }
    return end.apply(this, args);
  } as Response['end'];
}
