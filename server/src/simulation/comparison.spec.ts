/**
 * Scoring a practice of a Tai Calon disclosure scenario against the scenario's own run on the
 * real models (processes/tai-calon, England & Wales working days): the same walk scores 100, a
 * different choice is shown with what was expected, a step never reached is missed, and a step
 * the scenario never did is extra. Free text is shown but never scored.
 */
import type { ScenarioDefinition, ScenarioStep } from './scenario';
import { Simulation, SimulationStepError, type Person, type SimulationSetup } from './simulation';
import { NOT_REACHED_ANSWERS, RISK_FACTOR_ANSWERS, T0, TENANT, disclosureAnswers, officeCalendar, taiCalonResources } from '../../../tests/support/tai-calon-training';

const RESOURCES = taiCalonResources();
const CALENDAR = officeCalendar();

const TRAINEE: Person = { id: 'u-cho', name: 'Cerys CHO' };

const DISCLOSURE = disclosureAnswers();
const RISK_FACTORS = RISK_FACTOR_ANSWERS;
const NOT_REACHED = NOT_REACHED_ANSWERS;

const SCENARIO: ScenarioDefinition = {
  key: 'TC-P1',
  name: 'Safe contact not reached',
  summary: 'A tenant phones to disclose abuse; the CHO cannot reach her.',
  processKey: 'tai_calon_da_disclosure',
  startEventId: 'start_direct_report_victim',
  startsAt: T0,
  steps: [
    { kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE, note: 'The victim phones reception.' },
    { kind: 'complete', taskKey: 'consider_risk_factors', values: RISK_FACTORS },
    { kind: 'complete', taskKey: 'make_safe_telephone_contact', values: NOT_REACHED, note: 'Nobody answers.' },
    { kind: 'advance', workingDays: 1 },
  ],
};

const SETUP: SimulationSetup = {
  ownerId: TRAINEE.id, tenantId: TENANT, processKey: SCENARIO.processKey, version: 1, resources: RESOURCES,
  start: new Date(T0), calendar: () => CALENDAR, owner: TRAINEE, mode: 'practice', scenario: SCENARIO,
};

async function practise(steps: ScenarioStep[]): Promise<Simulation> {
  const practice = new Simulation(SETUP);
  await practice.beginScenario();
  for (const step of steps) await practice.applyStep(step, TRAINEE);
  return practice;
}

describe('comparing a practice with its scenario', () => {
  let reference: Simulation;

  beforeAll(async () => {
    reference = await Simulation.reference(SETUP, SCENARIO);
  });

  it('scores the same walk 100, showing free text and what the procedure says at each step', async () => {
    const practice = await practise(SCENARIO.steps.map((s) => ({ ...s, note: undefined }) as ScenarioStep));

    const result = await practice.finish();

    expect(result).toMatchObject({ scenarioKey: 'TC-P1', scenarioName: 'Safe contact not reached', matched: 3, total: 3, score: 100 });
    expect(result.steps.map((s) => [s.index, s.taskKey, s.status])).toEqual([
      [0, 'log_disclosure', 'matched'],
      [1, 'consider_risk_factors', 'matched'],
      [2, 'make_safe_telephone_contact', 'matched'],
    ]);
    expect(result.steps[0].name).toBe('Log the disclosure');
    expect(result.steps[0].guidance).toContain('Disclosures of domestic abuse');
    expect(result.steps[0].freeText).toContainEqual({ field: 'victimName', label: "Victim's name", expected: 'A. Trainee Victim', given: 'A. Trainee Victim' });
    expect(result.steps.every((s) => s.differences.length === 0)).toBe(true);
    expect(result.decisions).toEqual([
      { gatewayId: 'g_in_scope', gatewayName: 'Tenant or household member?', expected: 'Tenant or household member', yours: 'Tenant or household member', same: true },
      { gatewayId: 'g_safe_contact_made', gatewayName: 'Contact made?', expected: 'Not reached', yours: 'Not reached', same: true },
    ]);
    expect(result.pathDifference).toEqual({ expectedOnly: [], yoursOnly: [] });

    // The practice is over: it shows the result and changes no more.
    expect(practice.state(TRAINEE).result).toEqual(result);
    expect(practice.state(TRAINEE).tasks.some((t) => t.mayComplete)).toBe(false);
    await expect(practice.applyStep({ kind: 'advance', hours: 1 }, TRAINEE)).rejects.toThrow(SimulationStepError);
    await expect(practice.finish()).rejects.toThrow('This practice is finished: it cannot change any more.');
  });

  it('shows a different choice with what was expected, and the branch it took instead', async () => {
    const practice = await practise([
      { kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE },
      { kind: 'complete', taskKey: 'consider_risk_factors', values: { ...RISK_FACTORS, cohabitsWithPerpetrator: 'yes' } },
      { kind: 'complete', taskKey: 'make_safe_telephone_contact', values: { contactAttemptAt: T0, contactOutcome: 'Safe contact made', attemptNotes: 'Spoke to her' } },
    ]);

    const result = await practice.finish(reference);

    expect(result).toMatchObject({ matched: 1, total: 3, score: 33 });
    const [, risk, call] = result.steps;
    expect(risk).toMatchObject({ status: 'different', differences: [{ field: 'cohabitsWithPerpetrator', label: 'a) Does the victim co-habit with the perpetrator?', expected: 'no', given: 'yes' }] });
    expect(call.status).toBe('different');
    expect(call.differences).toEqual([{ field: 'contactOutcome', label: 'Outcome', expected: 'Not reached', given: 'Safe contact made' }]);
    // The notes differ too, but free text is shown, not scored.
    expect(call.freeText).toContainEqual({ field: 'attemptNotes', label: 'Notes', expected: 'No answer; no message left', given: 'Spoke to her' });
    expect(result.decisions[1]).toEqual({ gatewayId: 'g_safe_contact_made', gatewayName: 'Contact made?', expected: 'Not reached', yours: 'Safe contact made', same: false });
    expect(result.pathDifference.expectedOnly.map((a) => a.id)).toEqual(expect.arrayContaining(['t_retry_contact', 't_safe_contact_due', 'escalate_safe_contact_overdue']));
    expect(result.pathDifference.yoursOnly).toContainEqual({ id: 'end_safe_contact_made', name: 'Safe contact made' });
  });

  it('marks a step never reached as missed and a step the scenario never did as extra', async () => {
    const practice = await practise([
      { kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE },
      { kind: 'complete', taskKey: 'consider_risk_factors', values: RISK_FACTORS },
      { kind: 'complete', taskKey: 'add_case_to_react', values: { reactReference: 'R-1', reactAddedAt: T0 } },
    ]);

    const result = await practice.finish(reference);

    expect(result).toMatchObject({ matched: 2, total: 3, score: 67 });
    expect(result.steps.map((s) => [s.taskKey, s.status])).toEqual([
      ['log_disclosure', 'matched'],
      ['consider_risk_factors', 'matched'],
      ['make_safe_telephone_contact', 'missed'],
      ['add_case_to_react', 'extra'],
    ]);
    expect(result.steps[2].guidance).toContain("'safe' telephone contact");
    expect(result.steps[3]).toMatchObject({ index: 2, name: 'Add the case to the ReACT database', differences: [], freeText: [] });
    expect(result.decisions[1]).toEqual({ gatewayId: 'g_safe_contact_made', gatewayName: 'Contact made?', expected: 'Not reached', yours: null, same: false });
  });

  it('finishes only a practice', async () => {
    await expect(reference.finish()).rejects.toThrow('Only a practice can be finished.');
  });
});
