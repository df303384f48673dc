/**
 * What managers did to a case and why (`case_action`): reassigning a task, changing a due date,
 * cancelling the case, retrying an incident. The request itself is in the audit log; this keeps
 * the reason, which is free text about a case and therefore stored encrypted (DataCipher, bound
 * to the organisation and case), and shown in the case timeline to those who may read the case's
 * sensitive data. The rows are written by the engine's store in the action's own transaction
 * (an operation note on the engine command, see case-action-sql.ts); this only reads them.
 */
import { Injectable } from '@nestjs/common';
import { DataCipher } from '../security/data-cipher';
import type { CaseActionKind } from '../persistence/case-action-sql';
import { openCaseActionReason } from '../persistence/sensitive-columns';
import { ScopedDataSource } from '../persistence/tenant-scope';

export type { CaseActionKind } from '../persistence/case-action-sql';

export interface CaseAction {
  action: CaseActionKind;
  actor: string;
  taskId: string | null;
  /** Null when the reader may not read it (or none was given). */
  reason: string | null;
  at: string;
}

@Injectable()
export class CaseActionRepository {
  constructor(
    private readonly db: ScopedDataSource,
    private readonly cipher: DataCipher,
  ) {}

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
      reason: readReasons ? openCaseActionReason(r.reason, r.tenant_id, caseId, this.cipher) : null,
      at: r.at.toISOString(),
    }));
  }
}
