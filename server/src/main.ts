/**
 * `npm start`: boots Safepath with nothing else to do.
 *
 * 1. Read and validate the environment (AppConfig); a bad variable stops the boot with its name.
 * 2. Start the embedded PostgreSQL / a redis-server child for whichever of DATABASE_URL / REDIS_URL is unset.
 * 3. Run pending migrations.
 * 4. Create the Nest app (AppModule.forRoot), apply configureApp (filters, pipes, body limits),
 *    publish Swagger at /api/docs, listen.
 *    Deploying `processes/` happens in the app's own bootstrap hooks.
 * 5. On SIGINT/SIGTERM: close the app, then Redis, then PostgreSQL.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, logLevelsFrom } from './config/app-config';
import { findRepoRoot } from './config/repo-root';
import { configureApp } from './configure-app';
import { runMigrations } from './persistence/data-source';
import { LocalServices, startLocalServices } from './platform/services';
import { describeFatal, onShutdownSignal } from './platform/shutdown';
import { setupSwagger } from './platform/swagger';

const logger = new Logger('Safepath');

async function main(): Promise<void> {
  const boot = loadConfig(process.env, { servicesOptional: true });
  Logger.overrideLogger(logLevelsFrom(boot.logLevel));

  let services: LocalServices | undefined;
  let app: INestApplication | undefined;
  let stopRequested = false;
  let booting: Promise<void> = Promise.resolve();
  onShutdownSignal(async () => {
    stopRequested = true;
    await booting.catch(() => undefined); // Boot failures are reported by the boot itself.
    await app?.close();
    await services?.stop();
  });

  booting = (async () => {
    services = await startLocalServices(boot);
    const config = loadConfig({ ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl });
    if (stopRequested) {
      return;
    }
    await runMigrations(config.databaseUrl, config.databaseSchema);
    if (stopRequested) {
      return;
    }
    const created = await NestFactory.create(AppModule.forRoot(config), { logger: logLevelsFrom(config.logLevel) });
    app = created;
    configureApp(created);
    setupSwagger(created, readVersion());
    if (stopRequested) {
      return;
    }
    await created.listen(config.port, config.host);
    logger.log(`Safepath is running at http://${displayHost(config.host)}:${config.port}`);
  })();

  try {
    await booting;
  } catch (error) {
    await app?.close().catch(() => undefined);
    await services?.stop().catch(() => undefined);
    throw error;
  }
}

/** `localhost` for the loopback and wildcard addresses, so the printed URL can be opened as is. */
function displayHost(host: string): string {
  return ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(host) ? 'localhost' : host;
}

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(join(findRepoRoot(), 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

main().catch((error: unknown) => {
  logger.error(error instanceof ConfigError ? error.message : describeFatal(error));
  process.exit(1);
});
