import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { EngineHostModule } from './engine-host/engine-host.module';
import { EngineRestModule } from './engine-rest/engine-rest.module';
import { InboxModule } from './inbox/inbox.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { LibraryModule } from './library/library.module';
import { PersistenceModule } from './persistence/persistence.module';
import { WebAppModule } from './platform/web-app.module';
import { SecurityModule } from './security/security.module';
import { SimulationModule } from './simulation/simulation.module';

/**
 * The root module, built from the validated config:
 * config → persistence (PostgreSQL) → engine host (engine, timers) → REST API → web app.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        PersistenceModule.forRoot({ url: config.databaseUrl, schema: config.databaseSchema }),
        EngineHostModule,
        SecurityModule,
        EngineRestModule,
        LibraryModule,
        InboxModule,
        DashboardModule,
        AuditModule,
        SimulationModule,
        WebAppModule.forRoot(),
      ],
    };
  }
}
