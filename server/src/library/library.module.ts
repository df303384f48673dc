/**
 * The designer's process and decision library under `/api/processes` and `/api/decisions`:
 * drafts, lint, publishing, version history, the readable procedure, roles and forms. Needs the
 * global PersistenceModule (ScopedDataSource) and EngineHostModule (ENGINE, CLOCK).
 */
import { Module } from '@nestjs/common';
import { SecurityModule } from '../security/security.module';
import { DecisionLibraryController } from './decision-library.controller';
import { DecisionLibraryService } from './decision-library.service';
import { LibraryRepository } from './library.repository';
import { OrganisationModels } from './organisation-models';
import { ProcedureDocumentService } from './procedure-document.service';
import { ProcessLibraryController } from './process-library.controller';
import { ProcessLibraryService } from './process-library.service';

@Module({
  // IdentityRepository: the organisation's people and their groups (roles), its name.
  imports: [SecurityModule],
  controllers: [ProcessLibraryController, DecisionLibraryController],
  providers: [LibraryRepository, OrganisationModels, ProcessLibraryService, ProcedureDocumentService, DecisionLibraryService],
})
export class LibraryModule {}
