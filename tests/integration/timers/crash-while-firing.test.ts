/**
 * Story ("Deadlines that hold"): the server is killed (`kill -9`) while timers are firing. After a
 * restart no case is stuck before its timer and none went through it twice: every instance has its
 * timer fired exactly once and exactly one open follow-up task.
 */
import {
  WAIT_THEN_FOLLOW_UP,
  createTimerWorld,
  deployOver,
  firedCount,
  notExactlyOnce,
  outcomes,
  startWaiting,
  waitFor,
  waitUntilSettled,
  type TimerWorld,
} from './timer-harness';
import { withServerLogs } from '../../support/server-process';

const INSTANCES = 200;

describe('timers when the server is killed while they fire', () => {
  let world: TimerWorld;

  beforeAll(async () => {
    world = await createTimerWorld();
    await deployOver(await world.startServer(), 'wait-then-follow-up', WAIT_THEN_FOLLOW_UP);
  }, 60_000);
  afterAll(() => world?.close());

  it(`given ${INSTANCES} timers falling due, when the server is killed mid-way and restarted, then no token is lost or duplicated`, async () => {
    await withServerLogs(
      () => world.servers,
      async () => {
        const [server] = world.servers;
        // given timers due about 1-3 s from now (their starts are spread over that time)
        const ids = await startWaiting([server], INSTANCES, 'PT1S', 4);

        // when the server dies with -9 while the timers fire
        await waitFor('the first timers to fire', async () => (await firedCount(world.db, ids)) >= 5, 20_000);
        await server.kill();
        const firedBeforeKill = await firedCount(world.db, ids);
        expect(firedBeforeKill).toBeGreaterThan(0);
        expect(firedBeforeKill).toBeLessThan(INSTANCES);
        await server.restart();

        // then every timer fired once, and every case waits at exactly one follow-up task
        await waitUntilSettled(world, ids, 60_000);
        expect(notExactlyOnce(await outcomes(world.db, ids))).toEqual([]);
      },
    );
  }, 120_000);
});
