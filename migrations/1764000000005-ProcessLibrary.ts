import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_ROLE } from './1764000000003-Identity';

/** The process library's tables: each holds one organisation's rows under row-level security. */
export const LIBRARY_TABLES = ['process_draft', 'process_publication', 'decision_publication'] as const;

/**
 * The process library of the designer (docs/designer.md).
 *
 * - `process_draft`: at most one draft per process key and organisation: the BPMN XML being
 *   edited and the form-js schemas edited with it (resource name → schema). A draft changes no
 *   deployment; publishing deploys it and deletes it.
 * - `process_publication`: who published which version of a process, when, and why. Versions the
 *   engine deployed without the designer (the `processes/` folder at boot, the REST API) have no
 *   row: the library reports them as published by `system` at their deployment time.
 * - `decision_publication`: the same for DMN decisions published from the designer.
 *
 * Row-level security as on every case table (migration 1764000000003): the `safepath_tenant` role
 * sees and writes only the rows of `safepath.tenant_id`.
 */
export class ProcessLibrary1764000000005 implements MigrationInterface {
  name = 'ProcessLibrary1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE process_draft (
        tenant_id text NOT NULL,
        key text NOT NULL,
        xml text NOT NULL,
        forms jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, key)
      );

      CREATE TABLE process_publication (
        tenant_id text NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        definition_id text NOT NULL,
        deployment_id text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL,
        comment text,
        PRIMARY KEY (tenant_id, key, version)
      );

      CREATE TABLE decision_publication (
        tenant_id text NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        definition_id text NOT NULL,
        deployment_id text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL,
        comment text,
        PRIMARY KEY (tenant_id, key, version)
      );

      GRANT SELECT, INSERT, UPDATE, DELETE ON ${LIBRARY_TABLES.join(', ')} TO ${TENANT_ROLE};
    `);
    for (const table of LIBRARY_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = current_setting('safepath.tenant_id', true))
          WITH CHECK (tenant_id = current_setting('safepath.tenant_id', true));
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_publication; DROP TABLE process_publication; DROP TABLE process_draft;`);
  }
}
