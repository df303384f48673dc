import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Clock, EngineApi } from '../../server/engine';
import { AppModule } from '../../server/src/app.module';
import type { AppConfig } from '../../server/src/config/app-config';
import { TEST_ADMIN_TOKEN, loadTestConfig } from '../../server/src/config/test-config';
import { configureApp } from '../../server/src/configure-app';
import { CLOCK, ENGINE } from '../../server/src/engine-host/tokens';
import { EngineHostService } from '../../server/src/engine-host/engine-host.service';
import { createTestDatabase } from './test-database';
import { uniquePrefix } from './redis';

export interface TestApp {
  app: INestApplication;
  /** Requests as the platform administrator's API token (Camunda's admin: every organisation). */
  http: ReturnType<typeof request.agent>;
  /** Requests with no credentials at all. */
  anonymous: ReturnType<typeof request>;
  engine: EngineApi;
  host: EngineHostService;
  dataSource: DataSource;
  /** The base URL when `listen` was asked for (for real clients such as the external task client). */
  baseUrl: string | null;
  close(): Promise<void>;
}

/**
 * The whole application on the machine's real PostgreSQL (its own schema) and Redis (its own
 * queue prefix), configured exactly as `main.ts` configures it.
 */
export interface TestAppOptions {
  listen?: boolean;
  clock?: Clock;
  /** Settings to change from the test defaults (e.g. retentionDays, corsOrigins, OIDC). */
  config?: Partial<AppConfig>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = Object.assign(loadTestConfig({ databaseSchema: database.schema, queuePrefix: uniquePrefix() }), options.config ?? {});
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  if (options.clock) builder.overrideProvider(CLOCK).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: true, logger: ['error'] });
  configureApp(app);
  await app.init();
  let baseUrl: string | null = null;
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${address.port}`;
  }
  return {
    app,
    http: request.agent(app.getHttpServer()).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`),
    anonymous: request(app.getHttpServer()),
    engine: app.get(ENGINE),
    host: app.get(EngineHostService),
    dataSource: database.dataSource,
    baseUrl,
    async close() {
      await app.get(EngineHostService).scheduler.queue.obliterate({ force: true }).catch(() => undefined);
      await app.close();
      await database.close();
    },
  };
}
