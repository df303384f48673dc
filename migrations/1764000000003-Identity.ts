import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables holding one organisation's case data: row-level security keeps each organisation to its own rows. */
export const TENANT_TABLES = [
  'deployment', 'process_definition', 'start_event_subscription', 'process_instance', 'execution', 'variable', 'task',
  'event_subscription', 'job', 'external_task', 'incident', 'hi_process_instance', 'hi_activity_instance', 'hi_task',
  'hi_variable', 'hi_variable_update', 'hi_incident', 'notification',
] as const;

/** The role every organisation-scoped transaction switches to (`SET LOCAL ROLE`). It cannot log in. */
export const TENANT_ROLE = 'safepath_tenant';

/**
 * Who may see a case.
 *
 * - Organisations (tenants), users (argon2id password hashes, application roles, candidate
 *   groups, lockout counters), server-side sessions (only token hashes are stored), API tokens
 *   for machine clients (hashes only).
 * - An append-only audit log: a trigger refuses UPDATE, DELETE and TRUNCATE, whoever asks.
 * - Row-level security on every case table, keyed by the per-transaction setting
 *   `safepath.tenant_id`, for the role `safepath_tenant` that request transactions switch to.
 *   The table owner (the engine's own background work) is not subject to it.
 * - `hi_variable_update.sensitive`, so that every copy of a sensitive value is encrypted.
 */
export class Identity1764000000003 implements MigrationInterface {
  name = 'Identity1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE app_user (
        id text PRIMARY KEY,
        tenant_id text REFERENCES organisation(id),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        email text,
        password_hash text,
        oidc_subject text UNIQUE,
        roles text[] NOT NULL DEFAULT '{}',
        groups text[] NOT NULL DEFAULT '{}',
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        disabled boolean NOT NULL DEFAULT false,
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz
      );
      CREATE INDEX app_user_tenant ON app_user(tenant_id);

      CREATE TABLE user_session (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        ip text,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX user_session_user ON user_session(user_id);

      CREATE TABLE api_token (
        id text PRIMARY KEY,
        tenant_id text REFERENCES organisation(id),
        name text NOT NULL,
        secret_hash text NOT NULL,
        roles text[] NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        UNIQUE (tenant_id, name)
      );

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_kind text NOT NULL,
        tenant_id text,
        action text NOT NULL,
        resource text,
        case_ids text[] NOT NULL DEFAULT '{}',
        outcome int NOT NULL,
        ip text
      );
      CREATE INDEX audit_log_tenant_at ON audit_log(tenant_id, at);
      CREATE INDEX audit_log_case ON audit_log USING gin(case_ids);

      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

      ALTER TABLE hi_variable_update ADD COLUMN sensitive boolean NOT NULL DEFAULT false;
    `);

    // The role is cluster-wide (several schemas may share it); create it once, tolerate a race.
    await q.query(`
      DO $do$
      BEGIN
        CREATE ROLE ${TENANT_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END
      $do$;
      DO $do$
      BEGIN
        IF NOT pg_has_role(current_user, '${TENANT_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${TENANT_ROLE} TO %I', current_user);
        END IF;
      END
      $do$;
    `);
    await q.query(`
      DO $do$
      BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${TENANT_ROLE}', current_schema());
      END
      $do$;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${TENANT_ROLE};
      GRANT SELECT ON deployment_resource, business_calendar, user_email, organisation TO ${TENANT_ROLE};
      GRANT INSERT ON deployment_resource TO ${TENANT_ROLE};
      GRANT SELECT, INSERT ON audit_log TO ${TENANT_ROLE};
      DO $do$
      BEGIN
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ${TENANT_ROLE}', current_schema());
      END
      $do$;
    `);
    for (const table of TENANT_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = current_setting('safepath.tenant_id', true))
          WITH CHECK (tenant_id = current_setting('safepath.tenant_id', true));
      `);
    }
    // A resource is visible with its deployment (whose own policy filters by organisation). It is
    // inserted in the same statement as its deployment, which that statement's snapshot cannot see
    // yet, so inserting is not checked here; the tenant role may not update or delete resources.
    await q.query(`
      ALTER TABLE deployment_resource ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON deployment_resource FOR SELECT
        USING (EXISTS (SELECT 1 FROM deployment d WHERE d.id = deployment_resource.deployment_id));
      CREATE POLICY tenant_insert ON deployment_resource FOR INSERT WITH CHECK (true);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployment_resource DISABLE ROW LEVEL SECURITY; DROP POLICY IF EXISTS tenant_isolation ON deployment_resource; DROP POLICY IF EXISTS tenant_insert ON deployment_resource;`);
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY; DROP POLICY IF EXISTS tenant_isolation ON ${table};`);
    }
    await q.query(`
      ALTER TABLE hi_variable_update DROP COLUMN sensitive;
      DROP TABLE audit_log; DROP FUNCTION audit_log_is_append_only();
      DROP TABLE api_token; DROP TABLE user_session; DROP TABLE app_user; DROP TABLE organisation;
    `);
  }
}
