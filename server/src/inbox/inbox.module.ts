/**
 * The inbox of the web app (docs/inbox.md): views of open tasks with counts, claim, release and
 * assign, live events (server-sent), starting a case from a start form, and the task page with
 * drafts and completion. Every change goes through the engine (one transaction each); every read
 * is scoped to the caller. Live events reach the other server processes over Redis pub/sub
 * (InboxEventBus). Needs the global AppConfig, DataSource/ScopedDataSource, DataCipher, ENGINE, CLOCK.
 */
import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { SecurityModule } from '../security/security.module';
import { CaseReadingRepository } from './case-reading.repository';
import { CaseStartController } from './case-start.controller';
import { CaseStartService } from './case-start.service';
import { DefinitionRepository } from './definition.repository';
import { DraftRepository } from './draft.repository';
import { InboxEventBus } from './inbox-event-bus';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { TaskEventHub } from './task-event-hub';
import { TaskPageController } from './task-page.controller';
import { TaskPageService } from './task-page.service';

@Module({
  imports: [SecurityModule, CalendarsModule],
  controllers: [InboxController, CaseStartController, TaskPageController],
  providers: [DefinitionRepository, DraftRepository, CaseReadingRepository, InboxService, TaskPageService, CaseStartService, InboxEventBus, TaskEventHub],
  exports: [DefinitionRepository, CaseReadingRepository, InboxService, TaskEventHub],
})
export class InboxModule {}
