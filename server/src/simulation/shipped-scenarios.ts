/**
 * The scenarios shipped with each organisation's procedures: `processes/<organisation>/scenarios/
 * *.scenario.json` (PROCESSES_DIR, as the boot deployment reads it; the folder name is the
 * tenant id). Read once per organisation and kept: they change only with a new release. A file
 * that is not a valid scenario is skipped with a warning naming the file and the field, never
 * its content, so one broken file does not hide the others.
 */
import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { readOrganisationIds } from '../engine-host/process-directory';
import type { ScenarioDefinition } from './scenario';
import { ScenarioValidationError, validateScenario } from './scenario-validation';

const SCENARIO_FILE = /\.scenario\.json$/i;

@Injectable()
export class ShippedScenarios {
  private readonly logger = new Logger('Scenarios');
  private readonly byOrganisation = new Map<string, readonly ScenarioDefinition[]>();

  constructor(private readonly config: AppConfig) {}

  /** The organisation's shipped scenarios, by file name order. */
  of(tenantId: string): readonly ScenarioDefinition[] {
    let scenarios = this.byOrganisation.get(tenantId);
    if (!scenarios) {
      scenarios = this.read(tenantId);
      this.byOrganisation.set(tenantId, scenarios);
    }
    return scenarios;
  }

  find(tenantId: string, key: string): ScenarioDefinition | null {
    return this.of(tenantId).find((s) => s.key === key) ?? null;
  }

  private read(tenantId: string): ScenarioDefinition[] {
    // Only folders the boot deployment knows are organisations: a tenant id never becomes a path of its own.
    if (!readOrganisationIds(this.config.processesDir).includes(tenantId)) return [];
    const folder = join(this.config.processesDir, tenantId, 'scenarios');
    if (!existsSync(folder)) return [];
    const scenarios: ScenarioDefinition[] = [];
    for (const file of readdirSync(folder).filter((name) => SCENARIO_FILE.test(name)).sort()) {
      const where = `processes/${tenantId}/scenarios/${file}`;
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      } catch {
        // JSON.parse's message quotes the text around the fault: not logged.
        this.logger.warn(`Skipped ${where}: not readable JSON`);
        continue;
      }
      try {
        const scenario = validateScenario(json);
        if (scenarios.some((s) => s.key === scenario.key)) {
          this.logger.warn(`Skipped ${where}: an earlier file has the same key`);
          continue;
        }
        scenarios.push(scenario);
      } catch (error) {
        if (!(error instanceof ScenarioValidationError)) throw error;
        this.logger.warn(`Skipped ${where}: ${error.message}`);
      }
    }
    return scenarios;
  }
}
