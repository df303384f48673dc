import { Global, Module } from '@nestjs/common';
import { EngineHostService } from './engine-host.service';
import { ProcessDirectoryDeployer } from './process-directory-deployer';
import { ENGINE } from './tokens';

/**
 * Provides the engine (`ENGINE`, an `EngineApi`) to the application. Needs the global
 * `AppConfig` and `PersistenceModule` (DataSource, CASE_STORE).
 */
@Global()
@Module({
  providers: [
    EngineHostService,
    ProcessDirectoryDeployer,
    { provide: ENGINE, useFactory: (host: EngineHostService) => host.engine, inject: [EngineHostService] },
  ],
  exports: [ENGINE, EngineHostService, ProcessDirectoryDeployer],
})
export class EngineHostModule {}
