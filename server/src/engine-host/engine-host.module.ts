import { Global, Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { EngineHostService } from './engine-host.service';
import { ProcessDirectoryDeployer } from './process-directory-deployer';
import { systemClock } from '../../engine';
import { CLOCK, ENGINE } from './tokens';

/**
 * Provides the engine (`ENGINE`, an `EngineApi`) to the application, with the organisations'
 * business calendars it computes deadlines on and the notifications it writes. Needs the global
 * `AppConfig` and `PersistenceModule` (DataSource, CASE_STORE).
 */
@Global()
@Module({
  imports: [CalendarsModule, NotificationsModule],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    EngineHostService,
    ProcessDirectoryDeployer,
    { provide: ENGINE, useFactory: (host: EngineHostService) => host.engine, inject: [EngineHostService] },
  ],
  exports: [ENGINE, CLOCK, EngineHostService, ProcessDirectoryDeployer],
})
export class EngineHostModule {}
