/**
 * Retention: ended cases are purged RETENTION_DAYS after they ended, with an audit entry.
 *
 * With AppConfig.retentionDays set, a run starts a minute after boot and then every hour; tests
 * call `purgeExpired(now)` directly. A run deletes, batch by batch, every case tree whose root
 * instance ended before `now - retentionDays` and none of whose instances is still running: all
 * its history rows and notifications, in one transaction per batch together with one audit entry
 * per organisation naming the purged instances. Running cases are never touched. Without
 * retentionDays nothing is ever purged. Several servers may run it at once (SKIP LOCKED).
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../engine';
import { AppConfig } from '../config/app-config';
import { CLOCK } from '../engine-host/tokens';
import { AuditRepository } from './audit.repository';

/** How often retention runs. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
/** The first run after boot waits this long, so start-up is not slowed down. */
const FIRST_RUN_DELAY_MS = 60 * 1000;
/** Case trees purged per transaction. */
const BATCH_SIZE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who and what the audit log names for a purge. */
export const RETENTION_ACTOR = 'system:retention';
export const PURGE_ACTION = 'PURGE ended cases';

/** Tables holding an ended case's rows, by their instance_id column (hi_process_instance last). */
const CASE_TABLES = ['hi_activity_instance', 'hi_task', 'hi_variable', 'hi_variable_update', 'hi_incident', 'notification'] as const;

/** What one run did. */
export interface PurgeResult {
  /** Cases that ended before this were purged; null when retention is off. */
  cutoff: Date | null;
  /** Every purged process instance id (roots and the instances they called). */
  purged: string[];
}

@Injectable()
export class RetentionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<PurgeResult> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retentionDays === undefined) return;
    const run = () => {
      if (this.running !== null) return;
      this.purgeExpired().catch((error: unknown) => this.logger.error(`Retention run failed: ${error instanceof Error ? error.name : typeof error}`));
    };
    this.timers = [setTimeout(run, FIRST_RUN_DELAY_MS).unref(), setInterval(run, RETENTION_INTERVAL_MS).unref()];
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await this.running?.catch(() => undefined);
  }

  /** Purges every case that ended more than retentionDays before `now` (default: the engine's clock). */
  purgeExpired(now: Date = this.clock.now()): Promise<PurgeResult> {
    const run = this.purge(now).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async purge(now: Date): Promise<PurgeResult> {
    const days = this.config.retentionDays;
    if (days === undefined) return { cutoff: null, purged: [] };
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const purged: string[] = [];
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.purgeBatch(manager, cutoff, days));
      purged.push(...batch);
      if (batch.length === 0) break;
    }
    if (purged.length > 0) this.logger.log(`Purged ${purged.length} process instances that ended before ${cutoff.toISOString()}`);
    return { cutoff, purged };
  }

  private async purgeBatch(manager: EntityManager, cutoff: Date, days: number): Promise<string[]> {
    const roots = await manager.query<{ id: string }[]>(
      `SELECT r.id FROM hi_process_instance r
        WHERE r.super_instance_id IS NULL AND r.end_time IS NOT NULL AND r.end_time < $1
          AND NOT EXISTS (SELECT 1 FROM process_instance p WHERE p.id = r.id OR p.root_instance_id = r.id)
          AND NOT EXISTS (SELECT 1 FROM hi_process_instance c WHERE c.root_instance_id = r.id AND c.end_time IS NULL)
        ORDER BY r.end_time
        LIMIT $2
        FOR UPDATE OF r SKIP LOCKED`,
      [cutoff, BATCH_SIZE],
    );
    if (roots.length === 0) return [];
    const rootIds = roots.map((r) => r.id);
    const instances = await manager.query<{ id: string; tenant_id: string | null }[]>(
      'SELECT id, tenant_id FROM hi_process_instance WHERE id = ANY($1) OR root_instance_id = ANY($1) ORDER BY id',
      [rootIds],
    );
    const ids = instances.map((i) => i.id);
    // Form drafts and managers' reasons belong to the case too (drafts by its tasks' ids).
    await manager.query('DELETE FROM task_form_draft WHERE task_id IN (SELECT id FROM hi_task WHERE instance_id = ANY($1))', [ids]);
    await manager.query('DELETE FROM case_action WHERE case_id = ANY($1)', [ids]);
    for (const table of CASE_TABLES) {
      await manager.query(`DELETE FROM ${table} WHERE instance_id = ANY($1)`, [ids]);
    }
    await manager.query('DELETE FROM hi_process_instance WHERE id = ANY($1)', [ids]);

    const byTenant = new Map<string | null, string[]>();
    for (const instance of instances) byTenant.set(instance.tenant_id, [...(byTenant.get(instance.tenant_id) ?? []), instance.id]);
    for (const [tenantId, caseIds] of byTenant) {
      await this.audit.append(
        {
          actor: RETENTION_ACTOR,
          actorKind: 'system',
          tenantId,
          action: PURGE_ACTION,
          resource: `ended before ${cutoff.toISOString()} (retention ${days} days)`,
          caseIds,
          outcome: 200,
          ip: null,
        },
        manager,
      );
    }
    return ids;
  }
}
