/**
 * The Safepath server as a child process of the benchmark, so that its memory is measured apart
 * from the load generator. Started by `startBenchServer` with BENCH_SCHEMA and BENCH_QUEUE_PREFIX
 * in its environment; talks to the parent over IPC only:
 *
 * - child → parent `{type: 'ready', port}` once it listens on 127.0.0.1 (random port);
 * - parent → child `{type: 'stats', gc}`, answered with `{type: 'stats', memory, cpu}`; with `gc`
 *   after two full GCs (the child runs with --expose-gc);
 * - parent → child `{type: 'stop'}`: closes the app and exits.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../server/src/app.module';
import { loadTestConfig } from '../../server/src/config/test-config';
import { configureApp } from '../../server/src/configure-app';

/** Messages the parent sends. */
export type ToBenchServer = { type: 'stats'; gc: boolean } | { type: 'stop' };
/** Messages the child sends. */
export type FromBenchServer = { type: 'ready'; port: number } | { type: 'stats'; memory: NodeJS.MemoryUsage; cpu: NodeJS.CpuUsage };

async function main(): Promise<void> {
  const config = loadTestConfig({
    databaseSchema: process.env['BENCH_SCHEMA'],
    queuePrefix: process.env['BENCH_QUEUE_PREFIX'],
    logLevel: 'error',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const send = (message: FromBenchServer) => process.send?.(message);
  process.on('message', (message: ToBenchServer) => {
    if (message.type === 'stats') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (message.gc) {
        gc?.();
        gc?.();
      }
      send({ type: 'stats', memory: process.memoryUsage(), cpu: process.cpuUsage() });
    } else if (message.type === 'stop') {
      void app.close().finally(() => process.exit(0));
    }
  });
  // The parent going away (a crash, Ctrl-C) must not leave a server behind.
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
