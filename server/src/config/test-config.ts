import { AppConfig, loadConfig } from './app-config';

/** The machine's own PostgreSQL that tests use when DATABASE_URL is unset (trust auth, database `test`). */
export const TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The machine's own Redis that tests use when REDIS_URL is unset. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The platform-administrator API token every test app creates (ADMIN_API_TOKEN), which
 * `createTestApp().http` sends: the engine-semantics tests act as Camunda's admin. Tests of
 * who-may-see-what sign in as the demo users and tokens instead.
 */
export const TEST_ADMIN_TOKEN = 'test-admin.test-admin-secret-for-integration-tests-only';

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
    ADMIN_API_TOKEN: env['ADMIN_API_TOKEN'] || TEST_ADMIN_TOKEN,
    // Plenty of sign-ins per minute: suites sign in as many users from one address.
    LOGIN_RATE_LIMIT: env['LOGIN_RATE_LIMIT'] || '1000',
    // A fixed data key, so tests never write a key file and every test app decrypts the others' rows.
    DATA_KEYS: env['DATA_KEYS'] || `test:${Buffer.alloc(32, 7).toString('base64')}`,
  };
  for (const [field, variable] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
    const value = overrides[field];
    if (value !== undefined) {
      testEnv[variable] = String(value);
    }
  }
  return loadConfig(testEnv);
}
