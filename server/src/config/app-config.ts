import 'reflect-metadata';
import { isAbsolute, resolve } from 'node:path';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateBy, validateSync } from 'class-validator';
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

  /** LOG_LEVEL: the least severe level logged (fatal … verbose). Default `log`. */
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  logLevel: LogLevel = 'log';
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
