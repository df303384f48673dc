/**
 * Training (`/api/simulations`): sandboxed simulations in memory, shipped and recorded scenarios,
 * practice attempts. Reads published versions and drafts through the library's repository (its
 * own instances of the stateless library providers: LibraryModule exports none) and colleagues
 * through SecurityModule's IdentityRepository. Needs the global PersistenceModule
 * (ScopedDataSource), EngineHostModule (CLOCK) and AppConfigModule.
 */
import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { LibraryRepository } from '../library/library.repository';
import { OrganisationModels } from '../library/organisation-models';
import { SecurityModule } from '../security/security.module';
import { SandboxResources } from './sandbox-resources';
import { ShippedScenarios } from './shipped-scenarios';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';
import { TrainingRepository } from './training.repository';

@Module({
  imports: [SecurityModule, CalendarsModule],
  controllers: [SimulationController],
  providers: [LibraryRepository, OrganisationModels, SandboxResources, ShippedScenarios, TrainingRepository, SimulationService],
})
export class SimulationModule {}
