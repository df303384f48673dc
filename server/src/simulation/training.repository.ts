/**
 * Training's storage: scenarios trainers recorded (`training_scenario`) and finished practice
 * attempts (`training_attempt`), migration 1764000000007-Training. Every statement runs through
 * `ScopedDataSource`, so for an organisation's caller PostgreSQL's row-level security limits it
 * to that organisation whatever the SQL says; every statement also names the organisation.
 */
import { Injectable } from '@nestjs/common';
import { iso } from '../persistence/sql-columns';
import { ScopedDataSource } from '../persistence/tenant-scope';
import type { AttemptComparison } from './comparison';
import type { ScenarioDefinition, ScenarioStep } from './scenario';
import type { Person } from './simulation';

type Row = Record<string, unknown>;

/** A scenario a trainer recorded, with who recorded it and when. */
export interface RecordedScenario {
  definition: ScenarioDefinition;
  createdBy: Person;
  createdAt: string;
}

export interface AttemptSummary {
  id: string;
  scenarioKey: string;
  scenarioName: string;
  trainee: Person;
  startedAt: string;
  finishedAt: string;
  matched: number;
  total: number;
  score: number;
}

export interface Attempt extends AttemptSummary {
  result: AttemptComparison;
}

/** The most attempts one list answers, newest first. */
const ATTEMPT_LIST_LIMIT = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toScenario(r: Row): RecordedScenario {
  const definition: ScenarioDefinition = {
    key: String(r.key),
    name: String(r.name),
    summary: String(r.summary),
    processKey: String(r.process_key),
    ...(r.version !== null && r.version !== undefined ? { version: Number(r.version) } : {}),
    ...(r.start_event_id ? { startEventId: String(r.start_event_id) } : {}),
    ...(r.start_variables && Object.keys(r.start_variables as object).length ? { startVariables: r.start_variables as Record<string, unknown> } : {}),
    startsAt: iso(r.starts_at) as string,
    steps: r.steps as ScenarioStep[],
  };
  return { definition, createdBy: { id: String(r.created_by), name: String(r.created_by_name) }, createdAt: iso(r.created_at) as string };
}

function toSummary(r: Row): AttemptSummary {
  return {
    id: String(r.id),
    scenarioKey: String(r.scenario_key),
    scenarioName: String(r.scenario_name),
    trainee: { id: String(r.trainee_id), name: String(r.trainee_name) },
    startedAt: iso(r.started_at) as string,
    finishedAt: iso(r.finished_at) as string,
    matched: Number(r.matched),
    total: Number(r.total),
    score: Number(r.score),
  };
}

const SUMMARY_COLUMNS = 'id, scenario_key, scenario_name, trainee_id, trainee_name, started_at, finished_at, matched, total, score';

@Injectable()
export class TrainingRepository {
  constructor(private readonly db: ScopedDataSource) {}

  // --- recorded scenarios --------------------------------------------------------------------------

  async scenarios(tenantId: string): Promise<RecordedScenario[]> {
    const rows: Row[] = await this.db.query('SELECT * FROM training_scenario WHERE tenant_id = $1 ORDER BY created_at, key', [tenantId]);
    return rows.map(toScenario);
  }

  async scenario(tenantId: string, key: string): Promise<RecordedScenario | null> {
    const rows: Row[] = await this.db.query('SELECT * FROM training_scenario WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
    return rows.length === 0 ? null : toScenario(rows[0]);
  }

  /** Stores a recorded scenario; false when the organisation has one with its key already. */
  async insertScenario(tenantId: string, scenario: ScenarioDefinition, by: Person, at: Date): Promise<boolean> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO training_scenario (tenant_id, key, name, summary, process_key, version, start_event_id, start_variables, starts_at, steps, created_by, created_by_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
      [
        tenantId,
        scenario.key,
        scenario.name,
        scenario.summary,
        scenario.processKey,
        scenario.version ?? null,
        scenario.startEventId ?? null,
        JSON.stringify(scenario.startVariables ?? {}),
        scenario.startsAt,
        JSON.stringify(scenario.steps),
        by.id,
        by.name,
        at,
      ],
    );
    return rows.length > 0;
  }

  /** Deletes a recorded scenario (its attempts stay, with the scenario's name); false when there was none. */
  async deleteScenario(tenantId: string, key: string): Promise<boolean> {
    // A CTE, so that the driver answers the deleted rows (for a bare DELETE TypeORM answers [rows, count]).
    const rows: Row[] = await this.db.query('WITH deleted AS (DELETE FROM training_scenario WHERE tenant_id = $1 AND key = $2 RETURNING key) SELECT key FROM deleted', [tenantId, key]);
    return rows.length > 0;
  }

  // --- attempts ------------------------------------------------------------------------------------

  async insertAttempt(tenantId: string, attempt: Attempt): Promise<void> {
    await this.db.query(
      `INSERT INTO training_attempt (id, tenant_id, scenario_key, scenario_name, trainee_id, trainee_name, started_at, finished_at, matched, total, score, result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        attempt.id,
        tenantId,
        attempt.scenarioKey,
        attempt.scenarioName,
        attempt.trainee.id,
        attempt.trainee.name,
        attempt.startedAt,
        attempt.finishedAt,
        attempt.matched,
        attempt.total,
        attempt.score,
        JSON.stringify(attempt.result),
      ],
    );
  }

  /** The organisation's attempts, newest first: one trainee's only when `traineeId` is given. */
  async attempts(tenantId: string, filter: { traineeId?: string; scenarioKey?: string }): Promise<AttemptSummary[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM training_attempt
        WHERE tenant_id = $1 AND ($2::text IS NULL OR trainee_id = $2) AND ($3::text IS NULL OR scenario_key = $3)
        ORDER BY finished_at DESC, id LIMIT ${ATTEMPT_LIST_LIMIT}`,
      [tenantId, filter.traineeId ?? null, filter.scenarioKey ?? null],
    );
    return rows.map(toSummary);
  }

  /** One attempt of the organisation, or null (also for an id that is not a uuid). */
  async attempt(tenantId: string, id: string): Promise<Attempt | null> {
    if (!UUID.test(id)) return null;
    const rows: Row[] = await this.db.query(`SELECT ${SUMMARY_COLUMNS}, result FROM training_attempt WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return rows.length === 0 ? null : { ...toSummary(rows[0]), result: rows[0].result as AttemptComparison };
  }
}
