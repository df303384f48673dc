import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runtime rows keep the order of their instance's collections: an insertion sequence the store
 * loads them by. Deployments get one too, so "the latest deployment" does not depend on clocks.
 */
export class RuntimeRowDetails1764000000001 implements MigrationInterface {
  name = 'RuntimeRowDetails1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deployment ADD COLUMN seq bigserial;
      ALTER TABLE execution ADD COLUMN seq bigserial;
      ALTER TABLE variable ADD COLUMN seq bigserial;
      ALTER TABLE task ADD COLUMN seq bigserial;
      ALTER TABLE event_subscription ADD COLUMN seq bigserial;
      ALTER TABLE job ADD COLUMN seq bigserial;
      ALTER TABLE external_task ADD COLUMN seq bigserial;
      ALTER TABLE incident ADD COLUMN seq bigserial;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deployment DROP COLUMN seq;
      ALTER TABLE execution DROP COLUMN seq;
      ALTER TABLE variable DROP COLUMN seq;
      ALTER TABLE task DROP COLUMN seq;
      ALTER TABLE event_subscription DROP COLUMN seq;
      ALTER TABLE job DROP COLUMN seq;
      ALTER TABLE external_task DROP COLUMN seq;
      ALTER TABLE incident DROP COLUMN seq;
    `);
  }
}
