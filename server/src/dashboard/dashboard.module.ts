/**
 * The manager dashboard (open and overdue work, deadline compliance, heat map, CSV exports), the
 * case view, and managers' actions with reasons (docs/inbox.md). Builds on the inbox's
 * repositories; needs the global DataSource/ScopedDataSource, DataCipher, ENGINE and CLOCK.
 */
import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module';
import { SecurityModule } from '../security/security.module';
import { CaseActionRepository } from './case-action.repository';
import { CaseViewController, ManagerTaskController } from './case-view.controller';
import { CaseViewService } from './case-view.service';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

@Module({
  imports: [InboxModule, SecurityModule],
  controllers: [DashboardController, CaseViewController, ManagerTaskController],
  providers: [DashboardService, CaseViewService, CaseActionRepository],
})
export class DashboardModule {}
