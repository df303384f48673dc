/**
 * Drafts of task forms: one per task and person, the answers so far. Drafts hold case data, so
 * the values are stored encrypted with the DataCipher of sensitive variables (bound to the
 * organisation, task and person, so a draft cannot be moved to another row) and read in the
 * caller's row-level security scope. A draft goes when its task completes here, and when the
 * engine reports the task ended however it ended (see `forgetEnded`).
 */
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataCipher } from '../security/data-cipher';
import { ScopedDataSource } from '../persistence/tenant-scope';

function context(tenantId: string | null, taskId: string, userId: string): string {
  return `draft/${tenantId ?? ''}/${taskId}/${userId}`;
}

@Injectable()
export class DraftRepository {
  private readonly logger = new Logger('Drafts');

  constructor(
    private readonly db: ScopedDataSource,
    private readonly owner: DataSource,
    private readonly cipher: DataCipher,
  ) {}

  async save(tenantId: string | null, taskId: string, userId: string, values: Record<string, unknown>, at: Date): Promise<void> {
    const sealed = this.cipher.encrypt(values, context(tenantId, taskId, userId));
    await this.db.query(
      `INSERT INTO task_form_draft (tenant_id, task_id, user_id, "values", updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id, user_id) DO UPDATE SET "values" = EXCLUDED."values", updated_at = EXCLUDED.updated_at`,
      [tenantId, taskId, userId, JSON.stringify(sealed), at],
    );
  }

  /** The person's draft of a task's form, or null. */
  async load(taskId: string, userId: string): Promise<{ values: Record<string, unknown>; updatedAt: string } | null> {
    const rows: { tenant_id: string | null; values: unknown; updated_at: Date }[] = await this.db.query(
      `SELECT tenant_id, "values", updated_at FROM task_form_draft WHERE task_id = $1 AND user_id = $2`,
      [taskId, userId],
    );
    if (!rows[0]) return null;
    const values = this.cipher.decrypt(rows[0].values, context(rows[0].tenant_id, taskId, userId));
    return { values: (values ?? {}) as Record<string, unknown>, updatedAt: rows[0].updated_at.toISOString() };
  }

  async deleteForTask(taskId: string): Promise<void> {
    await this.db.query(`DELETE FROM task_form_draft WHERE task_id = $1`, [taskId]);
  }

  /** Drops the drafts of tasks the engine ended (completed elsewhere, cancelled); runs as the table owner. */
  forgetEnded(taskIds: readonly string[]): void {
    if (taskIds.length === 0) return;
    this.owner.query(`DELETE FROM task_form_draft WHERE task_id = ANY($1)`, [taskIds]).catch((error: unknown) => {
      this.logger.warn(`Could not delete drafts of ended tasks: ${(error as Error).name}`);
    });
  }
}
