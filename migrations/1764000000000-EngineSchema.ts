import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The engine's tables, after Camunda 7's runtime/history split.
 * Runtime rows (instance, execution, task, ...) exist while a case runs and are deleted when it
 * ends; history rows stay. Every row carries its organisation as tenant_id.
 * Timestamps are timestamptz; typed values are JSONB.
 */
export class EngineSchema1764000000000 implements MigrationInterface {
  name = 'EngineSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deployment (
        id text PRIMARY KEY,
        name text,
        source text,
        tenant_id text,
        deployment_time timestamptz NOT NULL
      );
      CREATE TABLE deployment_resource (
        id text PRIMARY KEY,
        deployment_id text NOT NULL REFERENCES deployment(id) ON DELETE CASCADE,
        name text NOT NULL,
        content text NOT NULL,
        checksum text NOT NULL
      );
      CREATE INDEX deployment_resource_deployment ON deployment_resource(deployment_id);
      CREATE INDEX deployment_resource_name ON deployment_resource(name, checksum);

      CREATE TABLE process_definition (
        id text PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        version_tag text,
        deployment_id text NOT NULL REFERENCES deployment(id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        tenant_id text,
        checksum text NOT NULL,
        start_form_key text,
        suspended boolean NOT NULL DEFAULT false,
        history_time_to_live integer
      );
      CREATE UNIQUE INDEX process_definition_key_version ON process_definition(key, coalesce(tenant_id, ''), version);
      CREATE INDEX process_definition_deployment ON process_definition(deployment_id);

      -- Start events that messages and signals trigger (latest version of each key only).
      CREATE TABLE start_event_subscription (
        definition_id text NOT NULL REFERENCES process_definition(id) ON DELETE CASCADE,
        definition_key text NOT NULL,
        tenant_id text,
        type text NOT NULL CHECK (type IN ('message', 'signal')),
        event_name text NOT NULL,
        activity_id text NOT NULL,
        PRIMARY KEY (definition_id, activity_id)
      );
      CREATE INDEX start_event_subscription_name ON start_event_subscription(type, event_name);

      CREATE TABLE process_instance (
        id text PRIMARY KEY,
        definition_id text NOT NULL REFERENCES process_definition(id),
        definition_key text NOT NULL,
        tenant_id text,
        business_key text,
        version integer NOT NULL,
        state text NOT NULL,
        start_time timestamptz NOT NULL,
        start_activity_id text,
        super_instance_id text,
        super_execution_id text,
        root_instance_id text NOT NULL
      );
      CREATE INDEX process_instance_definition ON process_instance(definition_id);
      CREATE INDEX process_instance_key ON process_instance(definition_key, tenant_id);
      CREATE INDEX process_instance_business_key ON process_instance(business_key);
      CREATE INDEX process_instance_super ON process_instance(super_instance_id);

      CREATE TABLE execution (
        id text PRIMARY KEY,
        instance_id text NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        parent_id text,
        activity_id text,
        activity_instance_id text,
        phase text NOT NULL,
        loop jsonb,
        arrived_by text,
        called_instance_id text,
        start_time timestamptz NOT NULL,
        tenant_id text
      );
      CREATE INDEX execution_instance ON execution(instance_id);

      CREATE TABLE variable (
        id text PRIMARY KEY,
        instance_id text NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        scope_id text NOT NULL,
        task_id text,
        name text NOT NULL,
        type text NOT NULL,
        value jsonb,
        value_info jsonb,
        sensitive boolean NOT NULL DEFAULT false,
        tenant_id text
      );
      CREATE INDEX variable_instance ON variable(instance_id);
      CREATE INDEX variable_name_value ON variable(name, instance_id) WHERE task_id IS NULL;

      CREATE TABLE task (
        id text PRIMARY KEY,
        instance_id text NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        execution_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        task_definition_key text NOT NULL,
        name text,
        description text,
        assignee text,
        owner text,
        candidate_users text[] NOT NULL DEFAULT '{}',
        candidate_groups text[] NOT NULL DEFAULT '{}',
        priority integer NOT NULL DEFAULT 50,
        due timestamptz,
        follow_up timestamptz,
        created timestamptz NOT NULL,
        form_key text,
        form_ref text,
        activity_instance_id text NOT NULL,
        business_key text,
        tenant_id text
      );
      CREATE INDEX task_instance ON task(instance_id);
      CREATE INDEX task_assignee ON task(assignee, due);
      CREATE INDEX task_candidate_groups ON task USING gin(candidate_groups);
      CREATE INDEX task_candidate_users ON task USING gin(candidate_users);
      CREATE INDEX task_due ON task(tenant_id, due);

      CREATE TABLE event_subscription (
        id text PRIMARY KEY,
        instance_id text NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        execution_id text NOT NULL,
        type text NOT NULL,
        event_name text NOT NULL,
        activity_id text NOT NULL,
        created timestamptz NOT NULL,
        tenant_id text
      );
      CREATE INDEX event_subscription_name ON event_subscription(type, event_name);
      CREATE INDEX event_subscription_instance ON event_subscription(instance_id);

      -- Durable jobs (timers). The scheduler (BullMQ) is refilled from here.
      CREATE TABLE job (
        id text PRIMARY KEY,
        instance_id text NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        execution_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        type text NOT NULL,
        activity_id text NOT NULL,
        due_date timestamptz,
        config jsonb NOT NULL DEFAULT '{}',
        retries integer NOT NULL,
        exception_message text,
        created timestamptz NOT NULL,
        tenant_id text
      );
      CREATE INDEX job_due ON job(due_date);
      CREATE INDEX job_instance ON job(instance_id);

      CREATE TABLE external_task (
        id text PRIMARY KEY,
        instance_id text NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        execution_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        activity_id text NOT NULL,
        activity_instance_id text NOT NULL,
        topic_name text NOT NULL,
        priority integer NOT NULL DEFAULT 0,
        retries integer,
        error_message text,
        error_details text,
        worker_id text,
        lock_expiration_time timestamptz,
        created timestamptz NOT NULL,
        business_key text,
        tenant_id text
      );
      CREATE INDEX external_task_topic ON external_task(topic_name, lock_expiration_time);
      CREATE INDEX external_task_instance ON external_task(instance_id);

      CREATE TABLE incident (
        id text PRIMARY KEY,
        instance_id text NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        execution_id text NOT NULL,
        definition_id text NOT NULL,
        activity_id text NOT NULL,
        type text NOT NULL,
        message text NOT NULL,
        configuration text,
        created timestamptz NOT NULL,
        tenant_id text
      );
      CREATE INDEX incident_instance ON incident(instance_id);

      -- History
      CREATE TABLE hi_process_instance (
        id text PRIMARY KEY,
        business_key text,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        definition_version integer,
        definition_name text,
        tenant_id text,
        start_time timestamptz NOT NULL,
        end_time timestamptz,
        duration_ms bigint,
        start_activity_id text,
        end_activity_id text,
        super_instance_id text,
        root_instance_id text NOT NULL,
        delete_reason text,
        state text NOT NULL
      );
      CREATE INDEX hi_process_instance_key ON hi_process_instance(definition_key, tenant_id);
      CREATE INDEX hi_process_instance_business_key ON hi_process_instance(business_key);

      CREATE TABLE hi_activity_instance (
        id text PRIMARY KEY,
        parent_activity_instance_id text,
        activity_id text NOT NULL,
        activity_name text,
        activity_type text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        instance_id text NOT NULL,
        execution_id text NOT NULL,
        task_id text,
        called_instance_id text,
        assignee text,
        start_time timestamptz NOT NULL,
        end_time timestamptz,
        duration_ms bigint,
        canceled boolean NOT NULL DEFAULT false,
        complete_scope boolean NOT NULL DEFAULT false,
        tenant_id text
      );
      CREATE INDEX hi_activity_instance_instance ON hi_activity_instance(instance_id, start_time);

      CREATE TABLE hi_task (
        id text PRIMARY KEY,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        instance_id text NOT NULL,
        execution_id text NOT NULL,
        activity_instance_id text NOT NULL,
        task_definition_key text NOT NULL,
        name text,
        description text,
        assignee text,
        owner text,
        candidate_groups text[] NOT NULL DEFAULT '{}',
        priority integer NOT NULL,
        due timestamptz,
        follow_up timestamptz,
        start_time timestamptz NOT NULL,
        end_time timestamptz,
        duration_ms bigint,
        delete_reason text,
        tenant_id text
      );
      CREATE INDEX hi_task_instance ON hi_task(instance_id);

      CREATE TABLE hi_variable (
        id text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        value jsonb,
        value_info jsonb,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        instance_id text NOT NULL,
        execution_id text NOT NULL,
        activity_instance_id text,
        task_id text,
        tenant_id text,
        create_time timestamptz NOT NULL,
        state text NOT NULL,
        sensitive boolean NOT NULL DEFAULT false
      );
      CREATE INDEX hi_variable_instance ON hi_variable(instance_id);

      -- Every change of every variable (Camunda's historic details).
      CREATE TABLE hi_variable_update (
        id bigserial PRIMARY KEY,
        variable_id text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        value jsonb,
        instance_id text NOT NULL,
        execution_id text NOT NULL,
        task_id text,
        time timestamptz NOT NULL,
        tenant_id text
      );
      CREATE INDEX hi_variable_update_instance ON hi_variable_update(instance_id);

      CREATE TABLE hi_incident (
        id text PRIMARY KEY,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        instance_id text NOT NULL,
        execution_id text NOT NULL,
        activity_id text NOT NULL,
        incident_type text NOT NULL,
        incident_message text NOT NULL,
        configuration text,
        create_time timestamptz NOT NULL,
        end_time timestamptz,
        open boolean NOT NULL,
        resolved boolean NOT NULL,
        deleted boolean NOT NULL,
        tenant_id text
      );
      CREATE INDEX hi_incident_instance ON hi_incident(instance_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS hi_incident, hi_variable_update, hi_variable, hi_task, hi_activity_instance,
        hi_process_instance, incident, external_task, job, event_subscription, task, variable, execution,
        process_instance, start_event_subscription, process_definition, deployment_resource, deployment CASCADE;
    `);
  }
}
