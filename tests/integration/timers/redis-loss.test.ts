/**
 * Story ("Deadlines that hold"): Redis keeps nothing on disk, so it may come back empty. PostgreSQL
 * holds the timers; at start-up the server puts every pending one back into BullMQ, and each fires
 * once, at its own due date.
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

describe('timers when Redis loses everything', () => {
  let world: TimerWorld;

  beforeAll(async () => {
    world = await createTimerWorld();
    await deployOver(await world.startServer(), 'wait-then-follow-up', WAIT_THEN_FOLLOW_UP);
  }, 60_000);
  afterAll(() => world?.close());

  it('given 50 pending timers, when the server stops, Redis is flushed and the server restarts, then every timer fires once and none early', async () => {
    await withServerLogs(
      () => world.servers,
      async () => {
        const [server] = world.servers;
        // given: 25 timers that fall due while the server is down, 25 that fall due after it is back
        const overdue = await startWaiting([server], 25, 'PT4S');
        const later = await startWaiting([server], 25, 'PT12S');
        const all = [...overdue, ...later];
        await server.stop();
        expect(await firedCount(world.db, all)).toBe(0);
        expect(await world.redis.client.zcard(`${world.prefix}:timers:delayed`)).toBe(50);

        // when Redis loses everything and the server restarts after the first due dates have passed
        await world.redis.client.flushall();
        expect(await world.redis.client.dbsize()).toBe(0);
        const [row] = await world.db.dataSource.query(`SELECT max(due_date) AS due FROM job WHERE instance_id = ANY($1)`, [overdue]);
        await waitFor('the first timers to be overdue', async () => Date.now() > new Date(row.due).getTime() + 200, 10_000);
        await server.restart();

        // then every timer fires exactly once and each case reaches its follow-up task
        await waitUntilSettled(world, all, 40_000);
        expect(notExactlyOnce(await outcomes(world.db, all))).toEqual([]);
        // and the later timers kept their due date (the wait lasted its 12 s, not less)
        const early: { n: string }[] = await world.db.dataSource.query(
          `SELECT count(*) AS n FROM hi_activity_instance
            WHERE instance_id = ANY($1) AND activity_id = 'wait' AND end_time < start_time + interval '12 seconds'`,
          [later],
        );
        expect(Number(early[0].n)).toBe(0);
      },
    );
  }, 90_000);

  it('given a timer whose due date PostgreSQL moved earlier while Redis still has the old one, when the server restarts, then it fires at the new date', async () => {
    await withServerLogs(
      () => world.servers,
      async () => {
        const [server] = world.servers;
        // given a 10-minute timer, brought forward to "in 2 seconds" in PostgreSQL only
        const [id] = await startWaiting([server], 1, 'PT10M');
        await server.stop();
        await world.db.dataSource.query(`UPDATE job SET due_date = now() + interval '2 seconds' WHERE instance_id = $1`, [id]);

        // when the server restarts (start-up reconciliation)
        await server.restart();

        // then it fires within seconds, not in 10 minutes, and once
        await waitUntilSettled(world, [id], 20_000);
        expect(notExactlyOnce(await outcomes(world.db, [id]))).toEqual([]);
      },
    );
  }, 60_000);
});
