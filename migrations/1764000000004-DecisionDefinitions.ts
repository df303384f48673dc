import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_ROLE } from './1764000000003-Identity';

/**
 * Decision definitions: one row per DMN decision a deployment adds, versioned per key and tenant
 * (Camunda's `ACT_RE_DECISION_DEF`), for `GET /engine-rest/decision-definition`. Filled at deploy
 * time; deployments made before this migration are not backfilled. Organisation-scoped like
 * `process_definition`: row-level security keeps each organisation to its own rows.
 */
export class DecisionDefinitions1764000000004 implements MigrationInterface {
  name = 'DecisionDefinitions1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision_definition (
        id text PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        version_tag text,
        deployment_id text NOT NULL REFERENCES deployment(id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        tenant_id text,
        history_time_to_live integer
      );
      CREATE UNIQUE INDEX decision_definition_key_version ON decision_definition(key, coalesce(tenant_id, ''), version);
      CREATE INDEX decision_definition_deployment ON decision_definition(deployment_id);

      GRANT SELECT, INSERT, UPDATE, DELETE ON decision_definition TO ${TENANT_ROLE};
      ALTER TABLE decision_definition ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON decision_definition
        USING (tenant_id = current_setting('safepath.tenant_id', true))
        WITH CHECK (tenant_id = current_setting('safepath.tenant_id', true));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE decision_definition');
  }
}
