import type {
  CaseTransaction,
  DecisionDefinitionRecord,
  DefinitionIncidentRecord,
  DefinitionJobRecord,
  DefinitionRecord,
  DeploymentRecord,
  ExternalTaskLockRequest,
  LockedExternalTask,
  MessageSubscriptionFilter,
  ResourceRecord,
  StartEventSubscription,
  SubscriptionMatch,
} from '../../engine/ports/case-store';
import { EngineError, EngineErrorCode } from '../../engine/engine-error';
import type { NotificationRecord } from '../../engine/runtime/notifications';
import * as definitionJobs from './definition-job-sql';
import type { HistoryEvent } from '../../engine/history/history-event';
import { isEnded } from '../../engine/runtime/state';
import type { InstanceState } from '../../engine/runtime/state';
import * as deployments from './deployment-sql';
import type { Sql } from './deployment-sql';
import { caseActionStatement } from './case-action-sql';
import { historyStatement, overdueStatement } from './history-sql';
import {
  LOAD_INSTANCE_SQL,
  changesOf,
  deleteInstanceStatement,
  insertInstanceStatement,
  instanceFromLoad,
  snapshotOf,
  updateInstanceStatement,
} from './instance-sql';
import type { InstanceSnapshot, Statement } from './instance-sql';
import * as lookups from './lookup-sql';
import { DataCipher } from '../security/data-cipher';
import { openLoadedRow, sealChanges } from './instance-tables';

/** What this transaction last read or wrote of an instance: its version and its rows. */
interface Loaded {
  version: number;
  rows: InstanceSnapshot;
}

function optimisticLock(id: string): EngineError {
  return new EngineError(
    EngineErrorCode.OptimisticLock,
    `The case was changed by someone else at the same time (process instance ${id}). Reload and try again.`,
  );
}

/**
 * One engine transaction on PostgreSQL. Remembers what it loaded of each instance so that
 * `saveInstance` writes only the rows that changed, guarded by the instance's version.
 * Created and ended by {@link PostgresCaseStore.transaction}; not reusable afterwards.
 */
export class PostgresCaseTransaction implements CaseTransaction {
  private readonly loaded = new Map<string, Loaded>();
  /** Instances whose runtime rows this transaction deleted (they ended). */
  private readonly ended = new Set<string>();

  /** @param cipher encrypts sensitive variables and action reasons on write, decrypts variables on load (default: none, so they cannot be stored) */
  constructor(
    private readonly sql: Sql,
    private readonly cipher: DataCipher = DataCipher.none(),
  ) {}

  private async run(statement: Statement): Promise<Record<string, unknown>[]> {
    return this.sql(statement.sql, statement.params);
  }

  insertDeployment(
    deployment: DeploymentRecord,
    resources: ResourceRecord[],
    definitions: DefinitionRecord[],
    startSubscriptions: StartEventSubscription[],
    decisions: DecisionDefinitionRecord[] = [],
  ): Promise<void> {
    return deployments.insertDeployment(this.sql, deployment, resources, definitions, startSubscriptions, decisions);
  }

  findDeployment(id: string): Promise<DeploymentRecord | null> {
    return deployments.findDeployment(this.sql, id);
  }

  findDefinitionById(id: string): Promise<DefinitionRecord | null> {
    return deployments.findDefinitionById(this.sql, id);
  }

  findLatestDefinition(key: string, tenantId: string | null): Promise<DefinitionRecord | null> {
    return deployments.findLatestDefinition(this.sql, key, tenantId);
  }

  findDefinitionByVersion(key: string, tenantId: string | null, version: number): Promise<DefinitionRecord | null> {
    return deployments.findDefinitionByVersion(this.sql, key, tenantId, version);
  }

  findLatestDecisionVersion(key: string, tenantId: string | null): Promise<number> {
    return deployments.findLatestDecisionVersion(this.sql, key, tenantId);
  }

  findLatestResourceChecksum(name: string, tenantId: string | null, deploymentName: string | null = null): Promise<string | null> {
    return deployments.findLatestResourceChecksum(this.sql, name, tenantId, deploymentName);
  }

  findLatestDecisionResources(tenantId: string | null): Promise<{ deploymentId: string; name: string; content: string }[]> {
    return deployments.findLatestDecisionResources(this.sql, tenantId);
  }

  loadDeploymentResources(deploymentId: string): Promise<{ name: string; content: string }[]> {
    return deployments.loadDeploymentResources(this.sql, deploymentId);
  }

  loadDefinitionResource(definitionId: string): Promise<string> {
    return deployments.loadDefinitionResource(this.sql, definitionId);
  }

  findStartEventSubscriptions(type: 'message' | 'signal', eventName: string, tenantId?: string | null): Promise<StartEventSubscription[]> {
    return deployments.findStartEventSubscriptions(this.sql, type, eventName, tenantId);
  }

  lockDeployments(tenantId: string | null): Promise<void> {
    return deployments.lockDeployments(this.sql, tenantId);
  }

  async loadInstance(id: string): Promise<InstanceState | null> {
    const rows = await this.sql(LOAD_INSTANCE_SQL, [id]);
    if (rows.length === 0) {
      return null;
    }
    const state = instanceFromLoad(openLoadedRow(rows[0], this.cipher));
    this.loaded.set(id, { version: state.version, rows: snapshotOf(state) });
    return state;
  }

  async saveInstance(state: InstanceState): Promise<void> {
    const loaded = this.loaded.get(state.id);
    if (isEnded(state)) {
      await this.saveEnded(state, loaded);
      return;
    }
    if (this.ended.has(state.id)) {
      throw new EngineError(EngineErrorCode.InvalidRequest, `Process instance ${state.id} has already ended in this transaction`);
    }
    if (!loaded) {
      await this.run(insertInstanceStatement(state, sealChanges(changesOf(state, null), this.cipher)));
    } else {
      const rows = await this.run(updateInstanceStatement(state, loaded.version, sealChanges(changesOf(state, loaded.rows), this.cipher)));
      if (rows.length === 0) {
        throw optimisticLock(state.id);
      }
      state.version = rows[0].version as number;
    }
    this.loaded.set(state.id, { version: state.version, rows: snapshotOf(state) });
  }

  /** An ended instance keeps only its history: the runtime rows go (cascading from process_instance). */
  private async saveEnded(state: InstanceState, loaded: Loaded | undefined): Promise<void> {
    if (loaded) {
      const rows = await this.run(deleteInstanceStatement(state.id, loaded.version));
      if (rows.length === 0) {
        throw optimisticLock(state.id);
      }
      state.version = loaded.version + 1;
      this.loaded.delete(state.id);
    }
    // Not loaded: started and ended within this transaction, so there are no rows to remove.
    this.ended.add(state.id);
  }

  findInstanceIdByTask(taskId: string): Promise<string | null> {
    return lookups.findInstanceIdOf(this.sql, 'task', taskId);
  }

  findInstanceIdByExternalTask(externalTaskId: string): Promise<string | null> {
    return lookups.findInstanceIdOf(this.sql, 'external_task', externalTaskId);
  }

  findInstanceIdByJob(jobId: string): Promise<string | null> {
    return lookups.findInstanceIdOf(this.sql, 'job', jobId);
  }

  findMessageSubscriptions(filter: MessageSubscriptionFilter): Promise<SubscriptionMatch[]> {
    return lookups.findMessageSubscriptions(this.sql, filter);
  }

  findSignalSubscriptions(signalName: string, tenantId?: string | null): Promise<SubscriptionMatch[]> {
    return lookups.findSignalSubscriptions(this.sql, signalName, tenantId);
  }

  lockExternalTasks(request: ExternalTaskLockRequest): Promise<LockedExternalTask[]> {
    return lookups.lockExternalTasks(this.sql, request);
  }

  findDefinitionJob(id: string): Promise<DefinitionJobRecord | null> {
    return definitionJobs.findDefinitionJob(this.sql, id);
  }

  findDefinitionJobIds(key: string, tenantId: string | null): Promise<string[]> {
    return definitionJobs.findDefinitionJobIds(this.sql, key, tenantId);
  }

  insertDefinitionJobs(jobs: DefinitionJobRecord[]): Promise<void> {
    return definitionJobs.insertDefinitionJobs(this.sql, jobs);
  }

  updateDefinitionJob(job: DefinitionJobRecord): Promise<void> {
    return definitionJobs.updateDefinitionJob(this.sql, job);
  }

  deleteDefinitionJobs(ids: string[]): Promise<void> {
    return definitionJobs.deleteDefinitionJobs(this.sql, ids);
  }

  insertDefinitionIncident(incident: DefinitionIncidentRecord): Promise<void> {
    return definitionJobs.insertDefinitionIncident(this.sql, incident);
  }

  deleteDefinitionIncidents(jobId: string): Promise<void> {
    return definitionJobs.deleteDefinitionIncidents(this.sql, jobId);
  }

  insertNotifications(notifications: NotificationRecord[]): Promise<void> {
    return definitionJobs.insertNotifications(this.sql, notifications);
  }

  async appendHistory(events: HistoryEvent[]): Promise<void> {
    const statement = historyStatement(events.filter((e) => e.kind !== 'task-overdue' && e.kind !== 'user-operation'), this.cipher);
    if (statement) {
      await this.run(statement);
    }
    // After the upsert, so that a task row written in the same batch exists to be marked.
    const overdue = overdueStatement(events);
    if (overdue) {
      await this.run(overdue);
    }
    // People's operations with their reasons: the managers' actions of the case timeline.
    const actions = caseActionStatement(events, this.cipher);
    if (actions) {
      await this.run(actions);
    }
  }
}
