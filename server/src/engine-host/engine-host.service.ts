import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { Engine, type CaseStore, type Clock } from '../../engine';
import { CalendarService } from '../calendars/calendar.service';
import { AppConfig } from '../config/app-config';
import { CASE_STORE } from '../persistence/tokens';
import { CLOCK } from './tokens';
import { BullmqScheduler, redisConnection, startTimerWorker } from '../scheduling/bullmq-scheduler';

/**
 * Owns the engine and its timer plumbing for the application's lifetime: the BullMQ scheduler,
 * the worker that fires due timers, and the reconciliation that refills Redis from PostgreSQL at
 * start-up and every minute.
 */
@Injectable()
export class EngineHostService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Engine');
  readonly scheduler: BullmqScheduler;
  readonly engine: Engine;
  private worker: Worker | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CASE_STORE) store: CaseStore,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(CLOCK) clock: Clock,
    calendars: CalendarService,
  ) {
    this.scheduler = new BullmqScheduler(redisConnection(config.redisUrl), config.queuePrefix);
    this.engine = new Engine({
      store,
      clock,
      scheduler: this.scheduler,
      calendarFor: (tenantId) => calendars.calendarFor(tenantId),
      onBackgroundError: (error) => this.logger.warn(`Scheduling after commit failed; reconciliation will retry: ${(error as Error).name}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.worker = startTimerWorker(redisConnection(this.config.redisUrl), this.config.queuePrefix, (jobId) => this.fire(jobId));
    await this.reconcile();
    this.reconcileTimer = setInterval(() => void this.reconcile().catch(() => undefined), 60_000);
    this.reconcileTimer.unref();
  }

  /**
   * Fires one due job. A job that is gone (its activity completed) or that now has an incident
   * is done; a failure with retries left throws, so BullMQ tries again with backoff.
   */
  private async fire(jobId: string): Promise<void> {
    const outcome = await this.engine.fireJob(jobId);
    if (outcome === 'retry') throw new Error(`Job ${jobId} failed and will be retried`);
  }

  /** Makes BullMQ hold every pending timer of PostgreSQL, with PostgreSQL's due date (idempotent by job id). */
  async reconcile(): Promise<number> {
    const rows: { id: string; due_date: Date | null }[] = await this.dataSource.query(`SELECT id, due_date FROM job WHERE type = 'timer'`);
    await this.scheduler.reconcile(rows.map((r) => ({ id: r.id, dueDate: r.due_date })));
    return rows.length;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await this.worker?.close();
    await this.scheduler.close();
  }
}
