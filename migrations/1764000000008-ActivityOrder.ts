import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_ROLE } from './1764000000003-Identity';

/**
 * The order in which a case's steps happened. One engine step stamps every activity it starts
 * with the same time, so `start_time` cannot order, say, an intermediate event and the end event
 * reached in the same transaction. `seq` numbers rows as they are first written: the store writes
 * a step's history in the order the engine produced it (first appearance of each activity), and
 * an update (the activity ending) keeps the number. Case timelines order by (start_time, seq).
 * Existing rows are numbered in their stored order.
 */
export class ActivityOrder1764000000008 implements MigrationInterface {
  name = 'ActivityOrder1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hi_activity_instance ADD COLUMN seq bigserial;
      GRANT USAGE, SELECT ON SEQUENCE hi_activity_instance_seq_seq TO ${TENANT_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hi_activity_instance DROP COLUMN IF EXISTS seq;`);
  }
}
