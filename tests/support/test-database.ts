import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../server/src/persistence/data-source';

/** A migrated schema of its own for one test file, dropped again by `close()`. */
export interface TestDatabase {
  /** The database URL (DATABASE_URL or the local default). */
  url: string;
  /** The schema `t_<random>` holding this test's tables. */
  schema: string;
  /** An initialised DataSource whose search_path is `schema`. */
  dataSource: DataSource;
  /** Drops the schema with everything in it and closes the DataSource. */
  close(): Promise<void>;
}

/** The PostgreSQL the integration tests use: DATABASE_URL, else the local `test` database. */
export function testDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/**
 * Creates a fresh schema, runs every migration into it and connects to it. Call in `beforeAll`
 * and `close()` in `afterAll`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const dataSource = createDataSource({ url, schema, poolSize: 5 });
  await dataSource.initialize();
  try {
    await runMigrations(url, schema);
  } catch (error) {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
    throw error;
  }
  return {
    url,
    schema,
    dataSource,
    async close() {
      try {
        await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await dataSource.destroy();
      }
    },
  };
}
