import { Logger } from '@nestjs/common';
import type { BootConfig } from '../config/app-config';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { RedisChild, startRedisChild } from './redis-child';

/** The PostgreSQL and Redis the server talks to, whether configured or started here. */
export interface LocalServices {
  /** DATABASE_URL if set, else the embedded PostgreSQL's URL. Contains a password: never log it. */
  readonly databaseUrl: string;
  /** REDIS_URL if set, else the local redis-server's URL. Contains a password: never log it. */
  readonly redisUrl: string;
  /** Stops what was started here (Redis first, then PostgreSQL); services given by URL are left alone. Safe to call twice. */
  stop(): Promise<void>;
}

const logger = new Logger('LocalServices');

/**
 * Makes sure there is a database and a Redis: starts the embedded PostgreSQL when `databaseUrl` is
 * unset and a redis-server child when `redisUrl` is unset, both with data under `config.dataDir`.
 */
export async function startLocalServices(config: BootConfig): Promise<LocalServices> {
  let postgres: EmbeddedPostgres | undefined;
  let redis: RedisChild | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await redis?.stop();
      await postgres?.stop();
    })();
    return stopping;
  };

  try {
    if (config.databaseUrl !== undefined) {
      logger.log(`Using PostgreSQL at ${hostOf(config.databaseUrl)} (DATABASE_URL)`);
    } else {
      logger.log('DATABASE_URL is not set: starting the embedded PostgreSQL');
      postgres = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort });
    }
    if (config.redisUrl !== undefined) {
      logger.log(`Using Redis at ${hostOf(config.redisUrl)} (REDIS_URL)`);
    } else {
      logger.log('REDIS_URL is not set: starting a local redis-server');
      redis = await startRedisChild({ dataDir: config.dataDir, port: config.embeddedRedisPort });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const databaseUrl = config.databaseUrl ?? postgres?.url;
  const redisUrl = config.redisUrl ?? redis?.url;
  if (databaseUrl === undefined || redisUrl === undefined) {
    throw new Error('Local services did not provide both URLs'); // Unreachable: each branch above sets one.
  }
  return { databaseUrl, redisUrl, stop };
}

/** host:port of a service URL, for logs (the URL itself may hold a password). */
function hostOf(url: string): string {
  try {
    return new URL(url).host || 'a local socket';
  } catch {
    return 'an unparsable URL';
  }
}
