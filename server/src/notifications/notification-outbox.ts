import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Clock } from '../../engine';
import { AppConfig } from '../config/app-config';
import { CLOCK } from '../engine-host/tokens';
import { NotificationRepository } from './notification.repository';

/** How often the outbox looks for notifications to e-mail (ms). */
const POLL_MS = 30_000;
/** Notifications e-mailed per poll. */
const BATCH = 50;

/**
 * E-mails users their notifications when SMTP_URL is set; otherwise does nothing at all. Polls
 * the `notification` table for unsent ones whose user has an address in `user_email`, sends the
 * title only (the task's name and the business key: no case data) and marks them `emailed_at`.
 */
@Injectable()
export class NotificationOutbox implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationOutbox');
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
  }

  /** True when SMTP_URL is set. */
  get enabled(): boolean {
    return this.transport !== null;
  }

  onModuleInit(): void {
    if (!this.transport || this.config.nodeEnv === 'test') return;
    this.timer = setInterval(() => void this.sendPending().catch((error: Error) => this.logger.warn(`Sending notifications failed: ${error.name}`)), POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.transport?.close();
  }

  /** Sends what is waiting (one run at a time); returns how many e-mails went out. */
  sendPending(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    const transport = this.transport;
    this.running ??= this.notifications
      .drainOutbox(
        BATCH,
        async (item) => {
          await transport.sendMail({ from: this.config.smtpFrom, to: item.email, subject: item.title, text: `${item.title}\n\nOpen Safepath to see the task.\n` });
        },
        () => this.clock.now(),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
