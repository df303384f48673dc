/**
 * Training simulations (`/api/simulations`): sandboxed engines in memory, one per simulation.
 * Reads published versions and drafts through the library's repository (its own instances of the
 * stateless library providers: LibraryModule exports none). Needs the global PersistenceModule
 * (ScopedDataSource), EngineHostModule (CLOCK) and AppConfigModule.
 */
import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { LibraryRepository } from '../library/library.repository';
import { OrganisationModels } from '../library/organisation-models';
import { SecurityModule } from '../security/security.module';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';

@Module({
  imports: [SecurityModule, CalendarsModule],
  controllers: [SimulationController],
  providers: [LibraryRepository, OrganisationModels, SimulationService],
})
export class SimulationModule {}
