/**
 * The audit log: every request under /engine-rest and /api is recorded once (who, when,
 * organisation, what, which cases, from where; never bodies or query strings), managers read
 * and export their organisation's log at /api/audit, and retention purges ended cases.
 * See docs/audit.md. Needs the global DataSource, AppConfig and CLOCK.
 */
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditMiddleware } from './audit.middleware';
import { AuditRecorder } from './audit-recorder';
import { AuditRepository } from './audit.repository';
import { RetentionService } from './retention.service';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditRecorder, RetentionService, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditRepository, RetentionService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes('*');
  }
}
