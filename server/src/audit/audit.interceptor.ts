/**
 * Records successful requests under /engine-rest and /api before their answer is sent, so the
 * row is there by the time the caller can read the log, and adds the cases a request touched:
 * the ones its route parameters name (a task or job leads to its instance) and the ones in the
 * body it returns. A request whose audit row cannot be written fails (500) instead of answering
 * unrecorded. Failures are recorded by the audit middleware once the error answer has gone.
 */
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, concatMap, from, switchMap } from 'rxjs';
import { currentCaller } from '../security/request-context';
import { AuditRecorder } from './audit-recorder';
import { AuditRepository } from './audit.repository';
import { RequestAudit, caseIdsInBody, caseParamOf, requestAuditOf, routePatternOf } from './request-audit';

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly recorder: AuditRecorder,
    private readonly audit: AuditRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const audit = requestAuditOf(request);
    if (audit === undefined) return next.handle();
    const routePattern = routePatternOf(request);
    return from(this.addParamCases(audit, routePattern, request)).pipe(
      switchMap(() => next.handle()),
      concatMap(async (body: unknown) => {
        // A handler that answered itself (@Res()) or whose client went away is recorded by the middleware.
        if (!response.headersSent && !response.destroyed) {
          audit.addCaseIds(caseIdsInBody(body, routePattern));
          await this.recorder.record(request, response.statusCode);
        }
        return body;
      }),
    );
  }

  /** Looked up before the handler runs: completing a job or external task deletes its row, and the answer may be an error. */
  private async addParamCases(audit: RequestAudit, routePattern: string | null, request: Request): Promise<void> {
    const param = caseParamOf(routePattern, request);
    if (param === null) return;
    // Only within the caller's organisation: a look at another organisation's case or task (a 404)
    // names none of its cases in this organisation's log; the path still shows what was asked for.
    const caller = currentCaller();
    if (caller === null) return;
    const instanceId = await this.audit.instanceOf(param.kind, param.id, caller.platformAdmin ? null : caller.tenantId);
    if (instanceId !== null) audit.addCaseIds([instanceId]);
  }
}
