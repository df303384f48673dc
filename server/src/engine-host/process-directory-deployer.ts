import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EngineError } from '../../engine';
import { AppConfig } from '../config/app-config';
import { EngineHostService } from './engine-host.service';
import { readProcessDirectory } from './process-directory';

/**
 * Deploys `processes/<organisation>/` at boot, one tenant per organisation folder, with
 * duplicate filtering: only what changed since the last boot becomes a new version.
 */
@Injectable()
export class ProcessDirectoryDeployer implements OnApplicationBootstrap {
  private readonly logger = new Logger('Processes');

  constructor(
    private readonly config: AppConfig,
    private readonly host: EngineHostService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.nodeEnv === 'test') return;
    await this.deployAll();
  }

  async deployAll(): Promise<{ tenantId: string; created: number }[]> {
    const results: { tenantId: string; created: number }[] = [];
    for (const { tenantId: folder, resources } of readProcessDirectory(this.config.processesDir)) {
      try {
        const result = await this.host.engine.deploy({ name: folder, source: 'processes/', tenantId: folder, duplicateFiltering: true, resources });
        results.push({ tenantId: folder, created: result.definitions.length });
        if (result.definitions.length) {
          this.logger.log(`${folder}: deployed ${result.definitions.map((d) => `${d.key} v${d.version}`).join(', ')}`);
        }
      } catch (error) {
        const detail = error instanceof EngineError ? (error.details.problems ?? []).map((p) => `${p.resource}#${p.elementId}: ${p.message}`).join('; ') : '';
        this.logger.error(`${folder}: not deployed: ${(error as Error).message} ${detail}`);
      }
    }
    return results;
  }
}
