/**
 * `npm run migrate`: applies pending migrations and exits. Migrates DATABASE_URL when set; otherwise
 * starts the embedded PostgreSQL under DATA_DIR, migrates it and stops it again. (`npm start` also
 * migrates at boot, so this is for set-up and deployment scripts.)
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '../config/app-config';
import { runMigrations } from '../persistence/data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { describeFatal } from './shutdown';

const logger = new Logger('Migrate');

async function migrate(): Promise<void> {
  const config = loadConfig(process.env, { servicesOptional: true });
  if (config.databaseUrl !== undefined) {
    await runMigrations(config.databaseUrl, config.databaseSchema);
    logger.log('Migrations are up to date');
    return;
  }
  logger.log('DATABASE_URL is not set: migrating the embedded PostgreSQL');
  const postgres = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort });
  try {
    await runMigrations(postgres.url, config.databaseSchema);
    logger.log('Migrations are up to date');
  } finally {
    await postgres.stop();
  }
}

migrate().then(
  () => process.exit(0),
  (error: unknown) => {
    logger.error(error instanceof ConfigError ? error.message : describeFatal(error));
    process.exit(1);
  },
);
