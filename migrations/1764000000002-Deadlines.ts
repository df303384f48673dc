import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines that hold: definition-level jobs (timer start events) and their incidents have no
 * process instance; `hi_task.overdue_at` records when an open task passed its due date;
 * notifications (overdue, escalation, assignment) with an outbox for e-mail; per-organisation
 * business calendars.
 */
export class Deadlines1764000000002 implements MigrationInterface {
  name = 'Deadlines1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE job ALTER COLUMN instance_id DROP NOT NULL, ALTER COLUMN execution_id DROP NOT NULL;
      CREATE INDEX job_definition ON job(definition_key, tenant_id) WHERE instance_id IS NULL;
      ALTER TABLE incident ALTER COLUMN instance_id DROP NOT NULL, ALTER COLUMN execution_id DROP NOT NULL;
      CREATE INDEX incident_configuration ON incident(configuration);

      ALTER TABLE hi_task ADD COLUMN overdue_at timestamptz;
      CREATE INDEX hi_task_due ON hi_task(tenant_id, due) WHERE due IS NOT NULL;

      CREATE TABLE notification (
        id text PRIMARY KEY,
        tenant_id text,
        recipient_user text,
        recipient_group text,
        kind text NOT NULL CHECK (kind IN ('overdue', 'escalation', 'assignment')),
        task_id text NOT NULL,
        instance_id text NOT NULL,
        business_key text,
        title text NOT NULL,
        created timestamptz NOT NULL,
        read_at timestamptz,
        emailed_at timestamptz,
        CHECK ((recipient_user IS NULL) <> (recipient_group IS NULL))
      );
      CREATE INDEX notification_user ON notification(recipient_user, created) WHERE recipient_user IS NOT NULL;
      CREATE INDEX notification_group ON notification(recipient_group, created) WHERE recipient_group IS NOT NULL;
      CREATE INDEX notification_outbox ON notification(created) WHERE emailed_at IS NULL AND recipient_user IS NOT NULL;

      -- Where a user's notifications are e-mailed (only when SMTP_URL is set).
      CREATE TABLE user_email (
        user_id text PRIMARY KEY,
        email text NOT NULL
      );

      CREATE TABLE business_calendar (
        tenant_id text PRIMARY KEY,
        time_zone text NOT NULL DEFAULT 'Europe/London',
        region text NOT NULL DEFAULT 'ENG' CHECK (region IN ('ENG', 'SCT', 'NIR')),
        office_days integer[] NOT NULL DEFAULT '{1,2,3,4,5}',
        office_start text NOT NULL DEFAULT '09:00',
        office_end text NOT NULL DEFAULT '17:00',
        closures text[] NOT NULL DEFAULT '{}',
        updated timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS business_calendar, user_email, notification;
      DROP INDEX IF EXISTS hi_task_due;
      ALTER TABLE hi_task DROP COLUMN IF EXISTS overdue_at;
      DROP INDEX IF EXISTS incident_configuration;
      DELETE FROM incident WHERE instance_id IS NULL;
      ALTER TABLE incident ALTER COLUMN instance_id SET NOT NULL, ALTER COLUMN execution_id SET NOT NULL;
      DROP INDEX IF EXISTS job_definition;
      DELETE FROM job WHERE instance_id IS NULL;
      ALTER TABLE job ALTER COLUMN instance_id SET NOT NULL, ALTER COLUMN execution_id SET NOT NULL;
    `);
  }
}
