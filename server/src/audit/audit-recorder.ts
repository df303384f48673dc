/** Writes the one audit row of an HTTP request, whichever of middleware and interceptor gets there first. */
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { currentCaller } from '../security/request-context';
import { AuditRepository } from './audit.repository';
import { requestAuditOf, routePatternOf } from './request-audit';

@Injectable()
export class AuditRecorder {
  constructor(private readonly audit: AuditRepository) {}

  /**
   * Records `request` as answered with `outcome`, by the caller of the current request context,
   * unless its row has been written already. Throws when the row cannot be written (the row is
   * then left for another attempt).
   */
  async record(request: Request, outcome: number): Promise<void> {
    const audit = requestAuditOf(request);
    if (audit === undefined || !audit.claim()) return;
    try {
      await this.audit.append(audit.entry(currentCaller(), routePatternOf(request), outcome));
    } catch (error) {
      audit.release();
      throw error;
    }
  }
}
