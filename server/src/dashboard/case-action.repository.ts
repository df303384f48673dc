/**
 * What managers did to a case and why (`case_action`): reassigning a task, changing a due date,
 * cancelling the case, retrying an incident. The request itself is in the audit log; this keeps
 * the reason, which is free text about a case and therefore stored encrypted (DataCipher, bound
 * to the organisation and case), and shown in the case timeline to those who may read the case's
 * sensitive data.
 */
import { Injectable } from '@nestjs/common';
import { DataCipher } from '../security/data-cipher';
import { ScopedDataSource } from '../persistence/tenant-scope';

export type CaseActionKind = 'reassign' | 'change-due' | 'cancel' | 'retry-incident';

export interface CaseAction {
  action: CaseActionKind;
  actor: string;
  taskId: string | null;
  /** Null when the reader may not read it (or none was given). */
  reason: string | null;
  at: string;
}

function context(tenantId: string | null, caseId: string): string {
  return `case-action/${tenantId ?? ''}/${caseId}`;
}

@Injectable()
export class CaseActionRepository {
  constructor(
    private readonly db: ScopedDataSource,
    private readonly cipher: DataCipher,
  ) {}

  async record(entry: { tenantId: string | null; caseId: string; taskId: string | null; actor: string; action: CaseActionKind; reason: string | null; at: Date }): Promise<void> {
    const sealed = entry.reason === null ? null : JSON.stringify(this.cipher.encrypt(entry.reason, context(entry.tenantId, entry.caseId)));
    await this.db.query(`INSERT INTO case_action (tenant_id, case_id, task_id, actor, action, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      entry.tenantId,
      entry.caseId,
      entry.taskId,
      entry.actor,
      entry.action,
      sealed,
      entry.at,
    ]);
  }

  /** The actions on a case, oldest first; reasons only when `readReasons`. Call only for a case the caller may see. */
  async forCase(caseId: string, readReasons: boolean): Promise<CaseAction[]> {
    const rows: { tenant_id: string | null; task_id: string | null; actor: string; action: CaseActionKind; reason: unknown; at: Date }[] = await this.db.query(
      `SELECT tenant_id, task_id, actor, action, reason, at FROM case_action WHERE case_id = $1 ORDER BY at, id`,
      [caseId],
    );
    return rows.map((r) => ({
      action: r.action,
      actor: r.actor,
      taskId: r.task_id,
      reason: readReasons && r.reason !== null ? String(this.cipher.decrypt(r.reason, context(r.tenant_id, caseId))) : null,
      at: r.at.toISOString(),
    }));
  }
}
