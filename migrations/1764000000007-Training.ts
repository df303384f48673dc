import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_ROLE } from './1764000000003-Identity';

/** The tables this migration adds, all organisation-scoped (row-level security as in Identity). */
const TRAINING_TABLES = ['training_scenario', 'training_attempt'] as const;

/**
 * Training (docs/simulation.md). Simulations themselves live in server memory only; what lasts is:
 *
 * - `training_scenario`: walk-throughs a trainer recorded from a simulation (its steps with their
 *   form answers, its start and simulated start time). Scenarios shipped with an organisation's
 *   procedures are files (`processes/<organisation>/scenarios/`), not rows. Keys are unique per
 *   organisation.
 * - `training_attempt`: a trainee's finished practice of a scenario: the comparison of their
 *   decisions with the scenario's and its score. Written only when a practice is finished.
 *
 * Neither is a case table: nothing here is a real case, and no live query reads them.
 */
export class Training1764000000007 implements MigrationInterface {
  name = 'Training1764000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_scenario (
        tenant_id text NOT NULL,
        key text NOT NULL,
        name text NOT NULL,
        summary text NOT NULL,
        process_key text NOT NULL,
        version integer,
        start_event_id text,
        start_variables jsonb NOT NULL DEFAULT '{}'::jsonb,
        starts_at timestamptz NOT NULL,
        steps jsonb NOT NULL,
        created_by text NOT NULL,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, key)
      );

      CREATE TABLE training_attempt (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        scenario_key text NOT NULL,
        scenario_name text NOT NULL,
        trainee_id text NOT NULL,
        trainee_name text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        matched integer NOT NULL,
        total integer NOT NULL,
        score integer NOT NULL,
        result jsonb NOT NULL
      );
      CREATE INDEX training_attempt_trainee ON training_attempt(tenant_id, trainee_id, finished_at DESC);
      CREATE INDEX training_attempt_scenario ON training_attempt(tenant_id, scenario_key, finished_at DESC);
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TRAINING_TABLES.join(', ')} TO ${TENANT_ROLE};`);
    for (const table of TRAINING_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = current_setting('safepath.tenant_id', true))
          WITH CHECK (tenant_id = current_setting('safepath.tenant_id', true));
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS training_attempt, training_scenario;`);
  }
}
