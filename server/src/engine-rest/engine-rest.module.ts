/**
 * EngineRestModule: the Camunda-7-compatible REST API under `/engine-rest`.
 *
 * Dependencies it does NOT provide (import the providing modules at app level):
 *  - `ENGINE` (server/src/engine-host/tokens.ts): the `EngineApi`, from the engine-host module;
 *  - `DataSource` (typeorm): from PersistenceModule, used by the read-side query repositories.
 * App-level setup it expects: `CamundaExceptionFilter` as the global filter and a global
 * `ValidationPipe(camundaValidationPipeOptions)`; both are exported from here.
 */
import { Module } from '@nestjs/common';
import { SecurityModule } from '../security/security.module';
import { DecisionDefinitionController } from './controllers/decision-definition.controller';
import { DecisionDefinitionQueryRepository } from '../persistence/queries/decision-definition-query.repository';
import { DeploymentQueryRepository } from '../persistence/queries/deployment-query.repository';
import { ExternalTaskQueryRepository } from '../persistence/queries/external-task-query.repository';
import { HistoryProcessQueryRepository } from '../persistence/queries/history-process-query.repository';
import { HistoryTaskVariableQueryRepository } from '../persistence/queries/history-task-variable-query.repository';
import { IncidentQueryRepository } from '../persistence/queries/incident-query.repository';
import { JobQueryRepository } from '../persistence/queries/job-query.repository';
import { ProcessDefinitionQueryRepository } from '../persistence/queries/process-definition-query.repository';
import { ProcessInstanceQueryRepository } from '../persistence/queries/process-instance-query.repository';
import { TaskQueryRepository } from '../persistence/queries/task-query.repository';
import { VariableQueryRepository } from '../persistence/queries/variable-query.repository';
import { DeploymentController } from './controllers/deployment.controller';
import { EngineInfoController } from './controllers/engine-info.controller';
import { ExternalTaskController } from './controllers/external-task.controller';
import { HistoryController } from './controllers/history.controller';
import { IncidentJobController } from './controllers/incident-job.controller';
import { MessageSignalController } from './controllers/message-signal.controller';
import { ProcessDefinitionController } from './controllers/process-definition.controller';
import { ProcessInstanceController } from './controllers/process-instance.controller';
import { TaskController } from './controllers/task.controller';

const repositories = [
  DecisionDefinitionQueryRepository,
  DeploymentQueryRepository,
  ExternalTaskQueryRepository,
  HistoryProcessQueryRepository,
  HistoryTaskVariableQueryRepository,
  IncidentQueryRepository,
  JobQueryRepository,
  ProcessDefinitionQueryRepository,
  ProcessInstanceQueryRepository,
  TaskQueryRepository,
  VariableQueryRepository,
];

@Module({
  // IdentityRepository: an assignee must be a user of the caller's organisation.
  imports: [SecurityModule],
  controllers: [
    DecisionDefinitionController,
    EngineInfoController,
    DeploymentController,
    ProcessDefinitionController,
    ProcessInstanceController,
    TaskController,
    MessageSignalController,
    ExternalTaskController,
    IncidentJobController,
    HistoryController,
  ],
  providers: repositories,
  exports: repositories,
})
export class EngineRestModule {}
