import { Module } from '@nestjs/common';
import { NotificationController } from './notification.controller';
import { NotificationOutbox } from './notification-outbox';
import { NotificationRepository } from './notification.repository';

/**
 * Notifications the engine writes (overdue, escalation, assignment): `/api/notifications` and
 * the e-mail outbox (active only with SMTP_URL). Needs the global DataSource, AppConfig and CLOCK.
 */
@Module({
  controllers: [NotificationController],
  providers: [NotificationRepository, NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
