import 'reflect-metadata';
import { isAbsolute, resolve } from 'node:path';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, validateSync } from 'class-validator';
import type { ValidationOptions } from 'class-validator';
import { findRepoRoot } from './repo-root';

/** Environments the server knows; `test` is what jest sets. */
export const NODE_ENVS = ['development', 'production', 'test'] as const;
/** Nest logger levels, most to least severe; each level includes the ones before it. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

export type NodeEnv = (typeof NODE_ENVS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A URL whose scheme is one of `protocols`; the value itself never appears in the message. */
function IsServiceUrl(protocols: readonly string[], options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isServiceUrl',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') {
            return false;
          }
          try {
            return protocols.includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
      },
    },
    options,
  );
}

/** Port numbers 1–65535 with one message naming the variable. */
function IsPort(variable: string): PropertyDecorator {
  const message = `${variable} must be a whole number between 1 and 65535`;
  return (target, key) => {
    IsInt({ message })(target, key);
    Min(1, { message })(target, key);
    Max(65535, { message })(target, key);
  };
}

/**
 * The server's settings, read once from the environment at boot and then injected wherever needed
 * (`constructor(private readonly config: AppConfig)`; the instance is provided by `AppConfigModule`).
 * Every field names its environment variable and default.
 */
export class AppConfig {
  /** PORT: HTTP port. Default 3000. */
  @IsPort('PORT')
  port = 3000;

  /** HOST: interface to listen on. Default 127.0.0.1 (this machine only); use 0.0.0.0 to expose it. */
  @IsString({ message: 'HOST must be a host name or IP address' })
  @IsNotEmpty({ message: 'HOST must be a host name or IP address' })
  host = '127.0.0.1';

  /** DATABASE_URL: postgres://user:password@host:port/database. Required once the server runs; `npm start` provides an embedded one when unset. */
  @IsServiceUrl(['postgres:', 'postgresql:'], { message: 'DATABASE_URL must be a postgres:// URL' })
  databaseUrl!: string;

  /** DATABASE_SCHEMA: PostgreSQL schema for all tables. Default `public`; tests use one schema per file. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  databaseSchema = 'public';

  /** REDIS_URL: redis://host:port[/db]. Required once the server runs; `npm start` runs a local redis-server when unset. */
  @IsServiceUrl(['redis:', 'rediss:'], { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  redisUrl!: string;

  /** QUEUE_PREFIX: prefix of every BullMQ key. Default `safepath`; tests use one prefix per file. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, _ or -' })
  queuePrefix = 'safepath';

  /** PROCESSES_DIR: folder of .bpmn/.dmn/.form files deployed at boot. Default `<repo>/processes`. */
  @IsString({ message: 'PROCESSES_DIR must be a folder path' })
  processesDir: string;

  /** DATA_DIR: folder for the embedded PostgreSQL and Redis data. Default `<repo>/data`. */
  @IsString({ message: 'DATA_DIR must be a folder path' })
  dataDir: string;

  /** EMBEDDED_POSTGRES_PORT: port of the embedded PostgreSQL used when DATABASE_URL is unset. Default 54329. */
  @IsPort('EMBEDDED_POSTGRES_PORT')
  embeddedPostgresPort = 54329;

  /** EMBEDDED_REDIS_PORT: port of the redis-server child used when REDIS_URL is unset. Default 63790. */
  @IsPort('EMBEDDED_REDIS_PORT')
  embeddedRedisPort = 63790;

  /** NODE_ENV: development | production | test. Default development. */
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  nodeEnv: NodeEnv = 'development';

  /**
   * SMTP_URL: smtp:// or smtps:// URL of the mail server notifications are e-mailed through.
   * Default unset: nothing is e-mailed and nothing leaves the machine.
   */
  @IsOptional()
  @IsServiceUrl(['smtp:', 'smtps:'], { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  smtpUrl?: string;

  /** SMTP_FROM: the sender of notification e-mails. Default `Safepath <safepath@localhost>`. */
  @IsString({ message: 'SMTP_FROM must be an e-mail address' })
  smtpFrom = 'Safepath <safepath@localhost>';

  /**
   * SEED_DEMO_USERS: true | false. Create the demo users and API tokens of every organisation
   * (README lists them). Default true, except with NODE_ENV=production where it must be asked for.
   */
  @IsBoolean({ message: 'SEED_DEMO_USERS must be true or false' })
  seedDemoUsers = true;

  /** SESSION_IDLE_MINUTES: a web session ends after this long without a request. Default 60. */
  @IsInt({ message: 'SESSION_IDLE_MINUTES must be a whole number of minutes (1-1440)' })
  @Min(1, { message: 'SESSION_IDLE_MINUTES must be a whole number of minutes (1-1440)' })
  @Max(1440, { message: 'SESSION_IDLE_MINUTES must be a whole number of minutes (1-1440)' })
  sessionIdleMinutes = 60;

  /** SIMULATION_TTL_MINUTES: a training simulation (held in memory; a restart ends it) is deleted after this long unused. Default 240. */
  @IsInt({ message: 'SIMULATION_TTL_MINUTES must be a whole number of minutes (1-10080)' })
  @Min(1, { message: 'SIMULATION_TTL_MINUTES must be a whole number of minutes (1-10080)' })
  @Max(10080, { message: 'SIMULATION_TTL_MINUTES must be a whole number of minutes (1-10080)' })
  simulationTtlMinutes = 240;

  /** SESSION_MAX_HOURS: a web session ends this long after sign-in, however active. Default 12. */
  @IsInt({ message: 'SESSION_MAX_HOURS must be a whole number of hours (1-168)' })
  @Min(1, { message: 'SESSION_MAX_HOURS must be a whole number of hours (1-168)' })
  @Max(168, { message: 'SESSION_MAX_HOURS must be a whole number of hours (1-168)' })
  sessionMaxHours = 12;

  /** LOGIN_RATE_LIMIT: sign-in attempts allowed per client address per minute. Default 20. */
  @IsInt({ message: 'LOGIN_RATE_LIMIT must be a whole number (1-10000)' })
  @Min(1, { message: 'LOGIN_RATE_LIMIT must be a whole number (1-10000)' })
  @Max(10000, { message: 'LOGIN_RATE_LIMIT must be a whole number (1-10000)' })
  loginRateLimit = 20;

  /** CORS_ORIGINS: comma-separated origins allowed to call the API from a browser. Default none (same origin only). */
  corsOrigins: string[] = [];

  /**
   * DATA_KEYS: comma-separated `keyId:base64key` pairs (32-byte AES-256 keys) that encrypt sensitive
   * case variables; DATA_KEY_ID names the one new values are encrypted with (default: the last).
   * Required with NODE_ENV=production; `npm start` keeps a generated key under DATA_DIR otherwise.
   */
  dataKeys: { id: string; key: Buffer }[] = [];

  /** DATA_KEY_ID: see DATA_KEYS. */
  dataKeyId?: string;

  /** RETENTION_DAYS: ended cases are purged this many days after they ended (with an audit entry). Default unset: kept. */
  @IsOptional()
  @IsInt({ message: 'RETENTION_DAYS must be a whole number of days (1-36500)' })
  @Min(1, { message: 'RETENTION_DAYS must be a whole number of days (1-36500)' })
  @Max(36500, { message: 'RETENTION_DAYS must be a whole number of days (1-36500)' })
  retentionDays?: number;

  /**
   * ADMIN_API_TOKEN: `<tokenId>.<secret>` of a platform-administrator API token to create at boot
   * (bootstrapping automation, deployment pipelines). Default unset. Keep it in a secret store.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{24,256}$/, { message: 'ADMIN_API_TOKEN must be <tokenId>.<secret> with a secret of at least 24 URL-safe characters' })
  adminApiToken?: string;

  /** LOG_LEVEL: the least severe level logged (fatal … verbose). Default `log`. */
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  logLevel: LogLevel = 'log';

  /**
   * OIDC_ISSUER: the OpenID Connect issuer for single sign-on, e.g. `https://login.microsoftonline.com/<tenant id>/v2.0`
   * (https; http only on 127.0.0.1/localhost, for tests). Single sign-on is off unless OIDC_ISSUER,
   * OIDC_CLIENT_ID and OIDC_REDIRECT_URL are all set. Default unset. See docs/single-sign-on.md.
   */
  @IsOptional()
  @Matches(/^(https:\/\/[^\s/?#]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^\s?#]*)?$/, { message: 'OIDC_ISSUER must be an https:// URL (http:// only on 127.0.0.1 or localhost)' })
  oidcIssuer?: string;

  /** OIDC_CLIENT_ID: Safepath's client (application) id at the issuer. Default unset. */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'OIDC_CLIENT_ID must be 1-200 printable characters without spaces' })
  oidcClientId?: string;

  /** OIDC_CLIENT_SECRET: the client secret (client_secret_basic, or client_secret_post when that is all the issuer offers). Default unset: a public client with PKCE only. */
  @IsOptional()
  @IsString({ message: 'OIDC_CLIENT_SECRET must be text' })
  oidcClientSecret?: string;

  /** OIDC_REDIRECT_URL: the callback registered at the issuer, e.g. `https://safepath.example.org/api/session/oidc/callback`. Default unset. */
  @IsOptional()
  @IsServiceUrl(['https:', 'http:'], { message: 'OIDC_REDIRECT_URL must be an http(s):// URL ending in /api/session/oidc/callback' })
  @Matches(/\/api\/session\/oidc\/callback$/, { message: 'OIDC_REDIRECT_URL must be an http(s):// URL ending in /api/session/oidc/callback' })
  oidcRedirectUrl?: string;

  /** OIDC_LABEL: the text of the single sign-on button. Default `Sign in with your organisation account`. */
  @IsString({ message: 'OIDC_LABEL must be text' })
  @MaxLength(100, { message: 'OIDC_LABEL must have at most 100 characters' })
  oidcLabel = 'Sign in with your organisation account';

  /** OIDC_USERNAME_CLAIM: the ID token claim matched against Safepath usernames. Default `preferred_username` (Entra ID: preferred_username or upn). */
  @Matches(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/, { message: 'OIDC_USERNAME_CLAIM must be a claim name such as preferred_username' })
  oidcUsernameClaim = 'preferred_username';
}

/** The boot-time view of the settings: the service URLs may still be missing (local services fill them). */
export type BootConfig = Omit<AppConfig, 'databaseUrl' | 'redisUrl'> & Partial<Pick<AppConfig, 'databaseUrl' | 'redisUrl'>>;

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Accept a missing DATABASE_URL / REDIS_URL (boot, before local services start). Default false. */
  servicesOptional?: boolean;
}

/** Raised when the environment is invalid; the message names every bad variable but never echoes values. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the settings from `env` once. Throws {@link ConfigError} naming the bad variables.
 * Relative folder paths are resolved against the repository root.
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig;
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions): BootConfig;
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): AppConfig | BootConfig {
  const root = findRepoRoot();
  const config = new AppConfig();
  const problems: string[] = [];

  config.port = readInt(env, 'PORT', config.port, problems);
  config.host = read(env, 'HOST') ?? config.host;
  config.databaseSchema = read(env, 'DATABASE_SCHEMA') ?? config.databaseSchema;
  config.queuePrefix = read(env, 'QUEUE_PREFIX') ?? config.queuePrefix;
  config.processesDir = resolveFolder(root, read(env, 'PROCESSES_DIR') ?? 'processes');
  config.dataDir = resolveFolder(root, read(env, 'DATA_DIR') ?? 'data');
  config.embeddedPostgresPort = readInt(env, 'EMBEDDED_POSTGRES_PORT', config.embeddedPostgresPort, problems);
  config.embeddedRedisPort = readInt(env, 'EMBEDDED_REDIS_PORT', config.embeddedRedisPort, problems);
  config.nodeEnv = (read(env, 'NODE_ENV') ?? config.nodeEnv) as NodeEnv;
  config.logLevel = (read(env, 'LOG_LEVEL') ?? config.logLevel) as LogLevel;
  config.smtpUrl = read(env, 'SMTP_URL');
  config.smtpFrom = read(env, 'SMTP_FROM') ?? config.smtpFrom;

  config.seedDemoUsers = readBoolean(env, 'SEED_DEMO_USERS', config.nodeEnv !== 'production', problems);
  config.sessionIdleMinutes = readNumber(env, 'SESSION_IDLE_MINUTES', config.sessionIdleMinutes, problems);
  config.simulationTtlMinutes = readNumber(env, 'SIMULATION_TTL_MINUTES', config.simulationTtlMinutes, problems);
  config.sessionMaxHours = readNumber(env, 'SESSION_MAX_HOURS', config.sessionMaxHours, problems);
  config.loginRateLimit = readNumber(env, 'LOGIN_RATE_LIMIT', config.loginRateLimit, problems);
  config.corsOrigins = (read(env, 'CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of config.corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push('CORS_ORIGINS must be a comma-separated list of http(s)://host[:port] origins');
  }
  config.dataKeys = readDataKeys(read(env, 'DATA_KEYS'), problems);
  config.dataKeyId = read(env, 'DATA_KEY_ID');
  if (config.dataKeyId !== undefined && !config.dataKeys.some((k) => k.id === config.dataKeyId)) {
    problems.push('DATA_KEY_ID must name one of the keys in DATA_KEYS');
  }
  if (config.nodeEnv === 'production' && config.dataKeys.length === 0) {
    problems.push('DATA_KEYS is required with NODE_ENV=production');
  }
  config.adminApiToken = read(env, 'ADMIN_API_TOKEN');
  config.oidcIssuer = read(env, 'OIDC_ISSUER');
  config.oidcClientId = read(env, 'OIDC_CLIENT_ID');
  config.oidcClientSecret = read(env, 'OIDC_CLIENT_SECRET');
  config.oidcRedirectUrl = read(env, 'OIDC_REDIRECT_URL');
  config.oidcLabel = read(env, 'OIDC_LABEL') ?? config.oidcLabel;
  config.oidcUsernameClaim = read(env, 'OIDC_USERNAME_CLAIM') ?? config.oidcUsernameClaim;
  const oidcParts = [config.oidcIssuer, config.oidcClientId, config.oidcRedirectUrl, config.oidcClientSecret].filter((v) => v !== undefined).length;
  if (oidcParts > 0 && (config.oidcIssuer === undefined || config.oidcClientId === undefined || config.oidcRedirectUrl === undefined)) {
    problems.push('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URL must be set together (single sign-on)');
  }
  const retention = read(env, 'RETENTION_DAYS');
  config.retentionDays = retention === undefined ? undefined : readNumber(env, 'RETENTION_DAYS', 0, problems);

  const databaseUrl = read(env, 'DATABASE_URL');
  const redisUrl = read(env, 'REDIS_URL');
  if (databaseUrl !== undefined) {
    config.databaseUrl = databaseUrl;
  } else if (!options.servicesOptional) {
    problems.push('DATABASE_URL is required');
  }
  if (redisUrl !== undefined) {
    config.redisUrl = redisUrl;
  } else if (!options.servicesOptional) {
    problems.push('REDIS_URL is required');
  }

  // Absent URLs were reported above (or are allowed); only validate the ones that are present.
  const errors = validateSync(config, { skipUndefinedProperties: true });
  for (const error of errors) {
    problems.push(...Object.values(error.constraints ?? {}));
  }
  if (problems.length > 0) {
    throw new ConfigError([...new Set(problems)]);
  }
  return config;
}

/** The names of the log levels Nest should print for `level` (that level and everything more severe). */
export function logLevelsFrom(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const value = read(env, name);
  if (value === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(value)) {
    problems.push(`${name} must be a whole number between 1 and 65535`);
    return fallback;
  }
  return Number(value);
}

function resolveFolder(root: string, value: string): string {
  return isAbsolute(value) ? value : resolve(root, value);
}


function readBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1' || value === 'yes') return true;
  if (value === 'false' || value === '0' || value === 'no') return false;
  problems.push(`${name} must be true or false`);
  return fallback;
}

/** A whole number; range checks are the field's validators (so the message is the field's own). */
function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    problems.push(`${name} must be a whole number`);
    return fallback;
  }
  return Number(value);
}

/** `id:base64,id:base64` → keys; each key must be 32 bytes (AES-256). Never echoes key material. */
function readDataKeys(text: string | undefined, problems: string[]): { id: string; key: Buffer }[] {
  if (text === undefined) return [];
  const keys: { id: string; key: Buffer }[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    const key = colon > 0 ? Buffer.from(part.slice(colon + 1), 'base64') : Buffer.alloc(0);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
      problems.push('DATA_KEYS must be comma-separated keyId:base64 pairs of 32-byte keys');
      continue;
    }
    keys.push({ id, key });
  }
  return keys;
}
