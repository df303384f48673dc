/**
 * The training scenarios each organisation ships with its library
 * (`processes/<organisation>/scenarios/*.scenario.json`, from shared/procedures/scenarios.md
 * S01–S12). Every file passes the validation the server applies when it loads them, tells a
 * trainee the story (a summary and a note for every step), and replays on the organisation's
 * real models in a sandbox simulation — the same `Simulation.reference` a practice is compared
 * with — to the end state and path it promises. A model change that breaks a scenario fails
 * here, not in front of a trainer.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BusinessCalendar } from '../../../server/engine';
import { DEFAULT_CALENDAR } from '../../../server/src/calendars/calendar.service';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import type { ScenarioDefinition } from '../../../server/src/simulation/scenario';
import { validateScenario } from '../../../server/src/simulation/scenario-validation';
import { Simulation, type Person, type SimulationSetup } from '../../../server/src/simulation/simulation';

const PROCESSES_DIR = join(__dirname, '../../../processes');
const TRAINER: Person = { id: 'trainer', name: 'Trainer' };

interface ShippedFile {
  organisation: string;
  file: string;
  json: unknown;
}

function shippedFiles(): ShippedFile[] {
  return readdirSync(PROCESSES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .flatMap((entry) => {
      const dir = join(PROCESSES_DIR, entry.name, 'scenarios');
      if (!existsSync(dir)) return [];
      return readdirSync(dir)
        .filter((name) => name.endsWith('.scenario.json'))
        .sort()
        .map((file) => ({ organisation: entry.name, file, json: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));
    });
}

const FILES = shippedFiles();
const ORGANISATIONS = readProcessDirectory(PROCESSES_DIR);

/**
 * The organisation's calendar. Calendars are per organisation, stored by its administrator; none
 * is shipped, so every organisation starts on the app's default (England & Wales, Monday–Friday
 * 09:00–17:00, London): the calendar the scenarios are written for.
 */
const CALENDAR = new BusinessCalendar({ ...DEFAULT_CALENDAR, officeHours: { ...DEFAULT_CALENDAR.officeHours } });

/** A replay's setup as the server builds it: the organisation's deployment (its folder and `_shared`) and calendar. */
function setupFor(organisation: string, scenario: ScenarioDefinition): SimulationSetup {
  const deployment = ORGANISATIONS.find((o) => o.tenantId === organisation);
  if (!deployment) throw new Error(`processes/${organisation}/ is not an organisation folder`);
  return {
    ownerId: TRAINER.id,
    tenantId: organisation,
    processKey: scenario.processKey,
    version: 1,
    resources: deployment.resources,
    start: new Date(scenario.startsAt),
    calendar: () => CALENDAR,
    owner: TRAINER,
    mode: 'replay',
    scenario,
  };
}

/**
 * Deadlines a scenario lets pass on purpose, and when (London time): each fires exactly once, at
 * that moment, on the simulated clock. Other deadlines are covered by `expect.notReached` (no
 * escalation task).
 */
const DEADLINES_PASSED: Record<string, Record<string, string>> = {
  // Friday 16:30 + 1 working day over the Spring bank holiday: Tuesday 16:30.
  S05: { t_safe_contact_due: '2026-05-26T16:30:00+01:00', t_retry_contact: '2026-05-26T17:00:00+01:00' },
  // The victim's preferred contact time, missed by five minutes.
  S06: { t_safe_contact_due: '2026-06-09T14:00:00+01:00' },
  // One day before the meeting of Thursday 4 June 10:00.
  S10: { t_research_due: '2026-06-03T10:00:00+01:00' },
  S02: { t_follow_up_due: '2026-06-12T10:00:00+01:00' },
  S12: { t_next_session: '2026-07-13T10:00:00+01:00' },
};

/** A key no sentence contains by chance: camelCase, snake_case or with digits ('shift' or 'outcome' are words). */
function isIdentifier(key: string): boolean {
  return /[A-Z_0-9]/.test(key);
}

describe('shipped training scenarios', () => {
  it('ship S01–S12, one file each, named after their key', () => {
    const keys = FILES.map((f) => (f.json as { key?: unknown }).key);
    expect([...keys].sort()).toEqual(['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10', 'S11', 'S12']);
    for (const { file, json } of FILES) expect(file.startsWith(`${(json as { key: string }).key}-`)).toBe(true);
  });

  describe.each(FILES.map((f) => [`${f.organisation}/scenarios/${f.file}`, f] as const))('%s', (_label, { organisation, json }) => {
    it('is a valid scenario that tells a trainee the story, with answers only in values', () => {
      const scenario = validateScenario(json);
      expect(scenario.name.length).toBeGreaterThan(10);
      expect(scenario.summary.length).toBeGreaterThan(40);
      expect(scenario.startsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[01]:00$/); // London time, with its offset
      expect(scenario.expect).toBeDefined();
      for (const [index, step] of scenario.steps.entries()) {
        expect([index, typeof step.note]).toEqual([index, 'string']);
        // A note is read by trainees: it never names a form field's key (the answers are the values).
        if (step.kind === 'complete') for (const key of Object.keys(step.values).filter(isIdentifier)) expect([index, key, new RegExp(`\\b${key}\\b`).test(step.note!)]).toEqual([index, key, false]);
      }
    });

    it('replays on the real models to the end state and path it promises', async () => {
      const scenario = validateScenario(json);
      const simulation = await Simulation.reference(setupFor(organisation, scenario), scenario);
      expect(simulation.log).toHaveLength(scenario.steps.length);
      const state = simulation.state(TRAINER);
      const expected = scenario.expect ?? {};
      // The scenario's own case; a case it started on the way (a housing call, a victim referral) may go on.
      if (expected.ended !== undefined) expect(state.ended).toBe(expected.ended);
      for (const id of [...(expected.endEvents ?? []), ...(expected.reached ?? [])]) expect([id, state.path.includes(id)]).toEqual([id, true]);
      for (const id of expected.notReached ?? []) expect([id, state.path.includes(id)]).toEqual([id, false]);
      const fired = simulation.log.flatMap((step) => step.fired ?? []).filter((f) => f.outcome === 'fired');
      for (const [timer, at] of Object.entries(DEADLINES_PASSED[scenario.key] ?? {})) {
        expect([timer, fired.filter((f) => f.activityId === timer).map((f) => f.firedAt)]).toEqual([timer, [new Date(at).toISOString()]]);
      }
    });
  });
});
