/**
 * What the README promises a new user: every scenario an organisation's library ships is listed
 * in that organisation's Training page and replays to its end through the API, started as the
 * server starts it (its published version, its start event, its start time), by that
 * organisation's demo trainer. shipped-scenarios.test.ts checks each scenario's path in detail.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import type { ScenarioDefinition } from '../../../server/src/simulation/scenario';
import { signIn, type Agent } from '../../support/auth';
import { PROCESSES_DIR } from '../../support/scenario';
import { createTestApp, type TestApp } from '../../support/test-app';

/** Each organisation's demo trainer (README's table). */
const TRAINERS: Record<string, string> = {
  'hackney-dais': 'dais.trainer',
  cmg: 'cmg.trainer',
  'tai-calon': 'tc.trainer',
  'supported-housing': 'sh.trainer',
  'central-bedfordshire': 'cb.trainer',
};

const SHIPPED = Object.keys(TRAINERS).flatMap((organisation) => {
  const dir = join(PROCESSES_DIR, organisation, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.scenario.json'))
    .map((file) => ({ organisation, scenario: JSON.parse(readFileSync(join(dir, file), 'utf8')) as ScenarioDefinition }));
});

describe('shipped training scenarios through the API', () => {
  let t: TestApp;
  const trainers = new Map<string, Agent>();

  beforeAll(async () => {
    t = await createTestApp();
    await t.host.scheduler.queue.pause();
    for (const { tenantId, resources } of readProcessDirectory(PROCESSES_DIR)) await t.engine.deploy({ name: tenantId, tenantId, resources });
    for (const [organisation, username] of Object.entries(TRAINERS)) trainers.set(organisation, await signIn(t, username));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ships the twelve scenarios of shared/procedures/scenarios.md, each in its own organisation', () => {
    expect(SHIPPED.map((s) => s.scenario.key).sort()).toEqual(['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10', 'S11', 'S12']);
  });

  it.each(SHIPPED.map((s) => [s.scenario.key, s.organisation, s.scenario] as const))('%s is listed for %s only and replays to its end', async (key, organisation, scenario) => {
    const trainer = trainers.get(organisation)!;
    const listed = await trainer.get('/api/simulations/scenarios');
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual(expect.objectContaining({ key, name: scenario.name, source: 'shipped', stepCount: scenario.steps.length }));
    for (const [other, agent] of trainers) {
      if (other !== organisation) expect((await agent.get('/api/simulations/scenarios')).body.map((s: { key: string }) => s.key)).not.toContain(key);
    }

    const started = await trainer.post('/api/simulations').send({ scenarioKey: key });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ mode: 'replay', clock: new Date(scenario.startsAt).toISOString(), scenario: { key, cursor: 0 } });
    const played = await trainer.post(`/api/simulations/${started.body.id}/replay`).send({ all: true });
    expect(played.status).toBe(200);
    expect(played.body.scenario.cursor).toBe(scenario.steps.length);
    expect(played.body.log).toHaveLength(scenario.steps.length);
    if (scenario.expect?.ended) expect(played.body.ended).toBe(true);
    for (const id of scenario.expect?.endEvents ?? []) expect(played.body.path).toContain(id);
    for (const id of scenario.expect?.notReached ?? []) expect(played.body.path).not.toContain(id);
    expect((await trainer.delete(`/api/simulations/${started.body.id}`)).status).toBe(204);
  });
});
