/** The persistence adapter: PostgreSQL connection, migrations and the engine's CaseStore. */
export { CASE_STORE } from './tokens';
export { PersistenceModule } from './persistence.module';
export { PostgresCaseStore } from './postgres-case-store';
export { createDataSource, dataSourceOptions, runMigrations } from './data-source';
export type { DatabaseOptions } from './data-source';
