import { AppConfig, loadConfig } from './app-config';

/** The machine's own PostgreSQL that tests use when DATABASE_URL is unset (trust auth, database `test`). */
export const TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The machine's own Redis that tests use when REDIS_URL is unset. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** Environment variables a test may override, by AppConfig field. */
const VARIABLES = {
  databaseSchema: 'DATABASE_SCHEMA',
  queuePrefix: 'QUEUE_PREFIX',
  processesDir: 'PROCESSES_DIR',
  dataDir: 'DATA_DIR',
  port: 'PORT',
  logLevel: 'LOG_LEVEL',
} as const;

/** Settings a test may pin; anything else comes from the environment. */
export type TestConfigOverrides = Partial<Pick<AppConfig, keyof typeof VARIABLES>>;

/**
 * The AppConfig for an integration test: DATABASE_URL / REDIS_URL when set, else the machine's own
 * servers; NODE_ENV `test`; LOG_LEVEL `warn`. Give each test file its own `databaseSchema` and
 * `queuePrefix` so files never see each other's data.
 */
export function loadTestConfig(overrides: TestConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const testEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: env['DATABASE_URL'] || TEST_DATABASE_URL,
    REDIS_URL: env['REDIS_URL'] || TEST_REDIS_URL,
    NODE_ENV: 'test',
    LOG_LEVEL: env['LOG_LEVEL'] || 'warn',
  };
  for (const [field, variable] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
    const value = overrides[field];
    if (value !== undefined) {
      testEnv[variable] = String(value);
    }
  }
  return loadConfig(testEnv);
}
