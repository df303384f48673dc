import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_ROLE } from './1764000000003-Identity';

/** The tables this migration adds, all organisation-scoped (row-level security as in Identity). */
const INBOX_TABLES = ['case_action', 'task_form_draft', 'task_offer'] as const;

/**
 * The inbox and the manager dashboard (docs/inbox.md):
 *
 * - `case_action`: what a manager did to a case and why (reassign, change a due date, cancel,
 *   retry an incident), shown in the case timeline. The reason is free text about a case, so it is
 *   stored encrypted like sensitive variables (`reason` holds the DataCipher's sealed form).
 * - `task_form_draft`: a person's unfinished answers to a task's form, encrypted the same way
 *   (drafts hold case data); one per task and person, gone when the task completes.
 * - `task_offer`: who each unclaimed open task is offered to (one row per candidate group `g:<group>`
 *   and candidate user `u:<user>`), with the task's due date and priority. A trigger on `task`
 *   keeps it in the same transaction as the engine's step. A group's inbox is then an index walk
 *   in inbox order (organisation, recipient, due, priority) that stops after one page, however
 *   large or small the group; on `task` alone an array column cannot be walked in due order.
 * - Indexes the dashboard needs (docs/benchmarks.md shows the plans): `task_created` for the
 *   "waiting longest" list; `hi_task_compliance` lets the compliance figures read history from
 *   the index alone. The "all" view and "mine" use the existing `task_due` and `task_assignee`.
 */
export class Inbox1764000000006 implements MigrationInterface {
  name = 'Inbox1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_action (
        id bigserial PRIMARY KEY,
        tenant_id text,
        case_id text NOT NULL,
        task_id text,
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('reassign', 'change-due', 'cancel', 'retry-incident')),
        reason jsonb,
        at timestamptz NOT NULL
      );
      CREATE INDEX case_action_case ON case_action(case_id, at);

      CREATE TABLE task_form_draft (
        tenant_id text,
        task_id text NOT NULL,
        user_id text NOT NULL,
        "values" jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (task_id, user_id)
      );

      CREATE TABLE task_offer (
        task_id text NOT NULL,
        recipient text NOT NULL,
        tenant_id text,
        definition_key text NOT NULL,
        task_definition_key text NOT NULL,
        due timestamptz,
        priority integer NOT NULL,
        PRIMARY KEY (task_id, recipient)
      );
      CREATE INDEX task_offer_inbox ON task_offer(tenant_id, recipient, due, priority DESC, task_id);

      CREATE FUNCTION task_offer_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND OLD.assignee IS NOT DISTINCT FROM NEW.assignee AND OLD.candidate_groups = NEW.candidate_groups
           AND OLD.candidate_users = NEW.candidate_users AND OLD.due IS NOT DISTINCT FROM NEW.due AND OLD.priority = NEW.priority
           AND OLD.tenant_id IS NOT DISTINCT FROM NEW.tenant_id AND OLD.definition_key = NEW.definition_key
           AND OLD.task_definition_key = NEW.task_definition_key THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          DELETE FROM task_offer WHERE task_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.assignee IS NULL THEN
          INSERT INTO task_offer (task_id, recipient, tenant_id, definition_key, task_definition_key, due, priority)
          SELECT NEW.id, r.recipient, NEW.tenant_id, NEW.definition_key, NEW.task_definition_key, NEW.due, NEW.priority
            FROM (SELECT 'g:' || g FROM unnest(NEW.candidate_groups) AS g UNION SELECT 'u:' || u FROM unnest(NEW.candidate_users) AS u) AS r(recipient);
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER task_offer_sync AFTER INSERT OR UPDATE OR DELETE ON task FOR EACH ROW EXECUTE FUNCTION task_offer_sync();
      INSERT INTO task_offer (task_id, recipient, tenant_id, definition_key, task_definition_key, due, priority)
      SELECT t.id, r.recipient, t.tenant_id, t.definition_key, t.task_definition_key, t.due, t.priority
        FROM task t CROSS JOIN LATERAL (SELECT 'g:' || g FROM unnest(t.candidate_groups) AS g UNION SELECT 'u:' || u FROM unnest(t.candidate_users) AS u) AS r(recipient)
       WHERE t.assignee IS NULL;

      CREATE INDEX task_created ON task(tenant_id, created);
      CREATE INDEX hi_task_compliance ON hi_task(tenant_id, due)
        INCLUDE (definition_key, task_definition_key, end_time, overdue_at, delete_reason)
        WHERE due IS NOT NULL;
    `);
    await q.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON ${INBOX_TABLES.join(', ')} TO ${TENANT_ROLE};
      GRANT USAGE, SELECT ON SEQUENCE case_action_id_seq TO ${TENANT_ROLE};
    `);
    for (const table of INBOX_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = current_setting('safepath.tenant_id', true))
          WITH CHECK (tenant_id = current_setting('safepath.tenant_id', true));
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS hi_task_compliance;
      DROP INDEX IF EXISTS task_created;
      DROP TRIGGER IF EXISTS task_offer_sync ON task;
      DROP FUNCTION IF EXISTS task_offer_sync();
      DROP TABLE IF EXISTS task_offer, task_form_draft, case_action;
    `);
  }
}
