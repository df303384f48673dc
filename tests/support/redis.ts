import { randomBytes } from 'node:crypto';

/** The Redis the integration tests use: REDIS_URL, else the local default. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A BullMQ key prefix of its own for one test file, e.g. `t_1a2b3c4d5e6f`. */
export function uniquePrefix(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}
