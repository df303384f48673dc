import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

/** Where the engine's tables live. */
export interface DatabaseOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** PostgreSQL schema holding every table (it becomes the connection's search_path). Default `public`. */
  schema?: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function checkedSchema(schema: string | undefined): string {
  const name = schema ?? 'public';
  if (!IDENTIFIER.test(name)) {
    throw new Error('The database schema must be a lower-case SQL identifier');
  }
  return name;
}

/**
 * The TypeORM options of Safepath's PostgreSQL connection: no entities synchronised ever,
 * migrations from `migrations/index.ts`, every connection's search_path set to `schema`.
 */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  const schema = checkedSchema(options.schema);
  return {
    type: 'postgres',
    url: options.url,
    schema,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'all',
    installExtensions: false,
    poolSize: options.poolSize ?? 10,
    applicationName: 'safepath',
    extra: { options: `-c search_path=${schema}` },
  };
}

/** A new, not yet initialised DataSource for the engine's database (call `initialize()`). */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}

/**
 * Brings the database schema up to date: creates `schema` when missing, runs pending migrations
 * in one transaction, and closes the connection again. Safe to call on every boot.
 */
export async function runMigrations(databaseUrl: string, schema = 'public'): Promise<void> {
  const name = checkedSchema(schema);
  const dataSource = createDataSource({ url: databaseUrl, schema: name, poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${name}"`);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await dataSource.destroy();
  }
}
