import { join } from 'node:path';
import { AppConfig, ConfigError, loadConfig, logLevelsFrom } from './app-config';
import { findRepoRoot } from './repo-root';
import { TEST_DATABASE_URL, TEST_REDIS_URL, loadTestConfig } from './test-config';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

const services = { DATABASE_URL: 'postgres://app:secret-pw@db.internal:5432/safepath', REDIS_URL: 'redis://cache:6379' };

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the documented defaults when only the service URLs are set', () => {
    // given an environment with just the two service URLs
    // when the config is loaded
    const config = loadConfig(services);

    // then every other field has its default
    const root = findRepoRoot();
    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: services.DATABASE_URL,
      databaseSchema: 'public',
      redisUrl: services.REDIS_URL,
      queuePrefix: 'safepath',
      processesDir: join(root, 'processes'),
      dataDir: join(root, 'data'),
      embeddedPostgresPort: 54329,
      embeddedRedisPort: 63790,
      nodeEnv: 'development',
      logLevel: 'log',
    });
  });

  it('reads every variable and resolves relative folders against the repository root', () => {
    const config = loadConfig({
      ...services,
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_SCHEMA: 'case_42',
      QUEUE_PREFIX: 'test-7',
      PROCESSES_DIR: 'tests/fixtures/processes',
      DATA_DIR: '/var/lib/safepath',
      EMBEDDED_POSTGRES_PORT: '5544',
      EMBEDDED_REDIS_PORT: '6380',
      NODE_ENV: 'production',
      LOG_LEVEL: 'debug',
      DATA_KEYS: `old:${KEY_A},new:${KEY_B}`,
      DATA_KEY_ID: 'old',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '8',
      LOGIN_RATE_LIMIT: '5',
      CORS_ORIGINS: 'https://modeler.example.org, https://intranet.example.org',
      RETENTION_DAYS: '2190',
    });

    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseSchema: 'case_42',
      queuePrefix: 'test-7',
      processesDir: join(findRepoRoot(), 'tests/fixtures/processes'),
      dataDir: '/var/lib/safepath',
      embeddedPostgresPort: 5544,
      embeddedRedisPort: 6380,
      nodeEnv: 'production',
      logLevel: 'debug',
      seedDemoUsers: false,
      dataKeyId: 'old',
      sessionIdleMinutes: 30,
      sessionMaxHours: 8,
      loginRateLimit: 5,
      corsOrigins: ['https://modeler.example.org', 'https://intranet.example.org'],
      retentionDays: 2190,
    });
    expect(config.dataKeys.map((k) => [k.id, k.key.length])).toEqual([
      ['old', 32],
      ['new', 32],
    ]);
  });

  it('refuses production without data keys, and bad keys without echoing them', () => {
    expect(() => loadConfig({ ...services, NODE_ENV: 'production' })).toThrow('DATA_KEYS is required with NODE_ENV=production');
    const bad = () => loadConfig({ ...services, DATA_KEYS: 'k1:c2hvcnQ=' });
    expect(bad).toThrow('DATA_KEYS must be comma-separated keyId:base64 pairs of 32-byte keys');
    expect(bad).not.toThrow(/c2hvcnQ/);
    expect(() => loadConfig({ ...services, DATA_KEYS: `a:${KEY_A}`, DATA_KEY_ID: 'b' })).toThrow('DATA_KEY_ID must name one of the keys');
  });

  it('creates demo users by default except in production, where they must be asked for', () => {
    expect(loadConfig(services).seedDemoUsers).toBe(true);
    expect(loadConfig({ ...services, NODE_ENV: 'production', DATA_KEYS: `a:${KEY_A}` }).seedDemoUsers).toBe(false);
    expect(loadConfig({ ...services, NODE_ENV: 'production', DATA_KEYS: `a:${KEY_A}`, SEED_DEMO_USERS: 'true' }).seedDemoUsers).toBe(true);
    expect(() => loadConfig({ ...services, SEED_DEMO_USERS: 'maybe' })).toThrow('SEED_DEMO_USERS must be true or false');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...services, PORT: '', QUEUE_PREFIX: '  ' })).toMatchObject({ port: 3000, queuePrefix: 'safepath' });
  });

  it('names each bad variable in one error', () => {
    const message = problemsOf({ ...services, PORT: 'eighty', NODE_ENV: 'staging', DATABASE_SCHEMA: 'Robert"; DROP', EMBEDDED_REDIS_PORT: '70000' });

    expect(message).toContain('PORT must be a whole number between 1 and 65535');
    expect(message).toContain('NODE_ENV must be one of development, production, test');
    expect(message).toContain('DATABASE_SCHEMA must be a lower-case SQL identifier');
    expect(message).toContain('EMBEDDED_REDIS_PORT must be a whole number between 1 and 65535');
  });

  it('requires the service URLs unless they are optional at boot', () => {
    expect(problemsOf({})).toBe('Invalid configuration: DATABASE_URL is required; REDIS_URL is required');

    const boot = loadConfig({}, { servicesOptional: true });
    expect(boot.databaseUrl).toBeUndefined();
    expect(boot.redisUrl).toBeUndefined();
  });

  it('rejects URLs of the wrong kind without echoing their value', () => {
    const message = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/x', REDIS_URL: 'not a url' });

    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    expect(message).not.toContain('hunter2');
  });
});

describe('logLevelsFrom', () => {
  it('includes the given level and everything more severe', () => {
    expect(logLevelsFrom('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(logLevelsFrom('verbose')).toHaveLength(6);
  });
});

describe('loadTestConfig', () => {
  it('falls back to the machine services and pins the per-file schema and prefix', () => {
    const config = loadTestConfig({ databaseSchema: 'it_deploy', queuePrefix: 'it-deploy' }, {});

    expect(config).toMatchObject({
      databaseUrl: TEST_DATABASE_URL,
      redisUrl: TEST_REDIS_URL,
      databaseSchema: 'it_deploy',
      queuePrefix: 'it-deploy',
      nodeEnv: 'test',
      logLevel: 'warn',
    });
  });

  it('prefers DATABASE_URL and REDIS_URL from the environment', () => {
    expect(loadTestConfig({}, services)).toMatchObject({ databaseUrl: services.DATABASE_URL, redisUrl: services.REDIS_URL });
  });
});
