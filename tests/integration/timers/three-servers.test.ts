/**
 * Story ("Deadlines that hold"): three server processes share one database and one Redis. Each
 * timer fires once, on whichever server takes it.
 */
import {
  WAIT_THEN_FOLLOW_UP,
  createTimerWorld,
  deployOver,
  notExactlyOnce,
  outcomes,
  startWaiting,
  waitUntilSettled,
  type TimerWorld,
} from './timer-harness';
import { withServerLogs } from '../../support/server-process';

const INSTANCES = 300;

describe('timers with three servers on one database and one Redis', () => {
  let world: TimerWorld;

  beforeAll(async () => {
    world = await createTimerWorld();
    await Promise.all([world.startServer(), world.startServer(), world.startServer()]);
    await deployOver(world.servers[0], 'wait-then-follow-up', WAIT_THEN_FOLLOW_UP);
  }, 90_000);
  afterAll(() => world?.close());

  it(`given ${INSTANCES} timers started across the servers, then each fires exactly once`, async () => {
    await withServerLogs(
      () => world.servers,
      async () => {
        // given timers due 2 s after their start, started round-robin on the three servers
        const ids = await startWaiting(world.servers, INSTANCES, 'PT2S', 6);

        // then, once everything has fired and the queue is empty
        await waitUntilSettled(world, ids, 60_000);
        expect(notExactlyOnce(await outcomes(world.db, ids))).toEqual([]);
      },
    );
  }, 120_000);
});
