/**
 * The shared DASH decisions in processes/_shared against shared/procedures/dash-risk-checklist.md:
 * its thresholds at the boundaries and its test vectors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionModel } from './decision-model';
import { evaluateDecision } from './evaluate';
import { mapDecisionResult } from './map-decision-result';
import { parseDmn } from './parse';

const SHARED = join(__dirname, '../../../processes/_shared');
const QUESTION_KEYS = [
  'q01_injury', 'q02_very_frightened', 'q03_what_feared', 'q04_isolation', 'q05_depression_suicidal', 'q06_separation',
  'q07_child_contact_conflict', 'q08_stalking_harassment', 'q09_pregnancy_new_baby', 'q10_more_often', 'q11_getting_worse',
  'q12_control_jealousy', 'q13_weapons_objects', 'q14_threats_to_kill', 'q15_strangulation', 'q16_sexual_abuse',
  'q17_other_person_threat', 'q18_hurt_others', 'q19_animal_abuse', 'q20_financial_issues', 'q21_substance_mental_health',
  'q22_abuser_suicide', 'q23_breach_bail_orders', 'q24_criminal_history',
];

let decisions: Map<string, DecisionModel>;

beforeAll(async () => {
  decisions = new Map();
  for (const file of ['dash-risk-level.dmn', 'marac-referral-criteria.dmn']) {
    const xml = readFileSync(join(SHARED, file), 'utf8');
    const parsed = await parseDmn(xml, file);
    expect(parsed.problems).toEqual([]);
    for (const decision of parsed.decisions) decisions.set(decision.key, decision);
  }
});

/** As the business rule task does it: `dash_risk_level` mapped with singleResult. */
function riskLevel(dashYesCount: number | null, professionalJudgement: string): { riskLevel: string; riskBasis: string } {
  return mapDecisionResult(evaluateDecision(decisions, 'dash_risk_level', { dashYesCount, professionalJudgement }), 'singleResult') as never;
}

/** As the business rule task does it: `marac_referral_criteria` mapped with collectEntries. */
function maracCriteria(variables: Record<string, unknown>): string[] {
  const base = { professionalJudgement: 'No change', incidentsLast12Months: 0, assessmentDate: '2026-06-15' };
  return mapDecisionResult(evaluateDecision(decisions, 'marac_referral_criteria', { ...base, ...variables }), 'collectEntries') as string[];
}

describe('DASH risk level (dash_risk_level, hit policy FIRST)', () => {
  it('given the files, when parsed, then both DRDs have a diagram shape for every decision', () => {
    for (const file of ['dash-risk-level.dmn', 'marac-referral-criteria.dmn']) {
      const xml = readFileSync(join(SHARED, file), 'utf8');
      const ids = [...xml.matchAll(/<decision id="([^"]+)"/g)].map((m) => m[1]);
      for (const id of ids) expect(xml).toContain(`dmnElementRef="${id}"`);
    }
    expect([...decisions.keys()].sort()).toEqual(['dash_risk_level', 'dash_yes_count', 'marac_referral_criteria']);
  });

  it('given 13 vs 14 yes answers, when evaluated, then 14 is visible high risk and 13 is medium', () => {
    expect(riskLevel(14, 'No change')).toEqual({ riskLevel: 'high', riskBasis: 'visible high risk (14+ yes)' });
    expect(riskLevel(13, 'No change')).toEqual({ riskLevel: 'medium', riskBasis: '10–13 yes (local banding)' });
    expect(riskLevel(24, 'No change').riskLevel).toBe('high');
  });

  it('given 9 vs 10 yes answers (proposed banding), when evaluated, then 10 is medium and 9 is standard', () => {
    expect(riskLevel(10, 'No change')).toEqual({ riskLevel: 'medium', riskBasis: '10–13 yes (local banding)' });
    expect(riskLevel(9, 'No change')).toEqual({ riskLevel: 'standard', riskBasis: 'below medium threshold' });
    expect(riskLevel(0, 'No change')).toEqual({ riskLevel: 'standard', riskBasis: 'below medium threshold' });
  });

  it('given professional judgement "High", when the count is low, then judgement raises the level to high', () => {
    expect(riskLevel(13, 'High')).toEqual({ riskLevel: 'high', riskBasis: 'professional judgement' });
    expect(riskLevel(0, 'High')).toEqual({ riskLevel: 'high', riskBasis: 'professional judgement' });
  });

  it('given professional judgement "Medium" (proposed), when the count is standard, then the level is medium', () => {
    expect(riskLevel(3, 'Medium')).toEqual({ riskLevel: 'medium', riskBasis: 'professional judgement' });
  });

  it('given 14+ yes answers, when judgement says Medium, then judgement cannot downgrade (still high)', () => {
    expect(riskLevel(15, 'Medium')).toEqual({ riskLevel: 'high', riskBasis: 'visible high risk (14+ yes)' });
    expect(riskLevel(14, 'Medium').riskLevel).toBe('high');
  });
});

describe('DASH yes count (dash_yes_count)', () => {
  it('given 14 "Yes", some "Don\'t know" and unanswered questions, when evaluated, then counts only the Yes answers', () => {
    const answers: Record<string, unknown> = {};
    QUESTION_KEYS.forEach((key, i) => {
      if (i < 14) answers[key] = i % 2 === 0 ? 'Yes' : 'yes';
      else if (i < 20) answers[key] = "Don't know";
    });
    const count = mapDecisionResult(evaluateDecision(decisions, 'dash_yes_count', answers), 'singleEntry');
    expect(count).toBe(14);
    expect(riskLevel(count as number, 'No change').riskLevel).toBe('high');
  });

  it('given 13 "Yes" and 11 "No", when evaluated, then the count is 13', () => {
    const answers = Object.fromEntries(QUESTION_KEYS.map((key, i) => [key, i < 13 ? 'Yes' : 'No']));
    expect(evaluateDecision(decisions, 'dash_yes_count', answers)).toEqual([{ dashYesCount: 13 }]);
  });
});

describe('MARAC referral criteria (marac_referral_criteria, hit policy COLLECT)', () => {
  it('given 13 vs 14 yes answers, when evaluated, then only 14 meets visible high risk', () => {
    expect(maracCriteria({ dashYesCount: 14 })).toEqual(['visible high risk']);
    expect(maracCriteria({ dashYesCount: 13 })).toEqual([]);
  });

  it('given professional judgement High, when evaluated, then it is a criterion on its own', () => {
    expect(maracCriteria({ dashYesCount: 13, professionalJudgement: 'High' })).toEqual(['professional judgement']);
  });

  it('given 2 vs 3 incidents in 12 months, when evaluated, then 3 is potential escalation (default threshold)', () => {
    expect(maracCriteria({ dashYesCount: 9, incidentsLast12Months: 3 })).toEqual(['potential escalation']);
    expect(maracCriteria({ dashYesCount: 10, incidentsLast12Months: 2 })).toEqual([]);
  });

  it('given a configured escalation threshold of 4, when 3 incidents are known, then it is not escalation', () => {
    expect(maracCriteria({ dashYesCount: 9, incidentsLast12Months: 3, escalationThreshold: 4 })).toEqual([]);
    expect(maracCriteria({ dashYesCount: 9, incidentsLast12Months: 4, escalationThreshold: 4 })).toEqual(['potential escalation']);
  });

  it('given a previous referral 8 vs 13 months ago and a further incident, when evaluated, then only the recent one is a repeat', () => {
    const repeat = { dashYesCount: 5, incidentsLast12Months: 1, furtherIncidentSinceLastMarac: 'yes' };
    expect(maracCriteria({ ...repeat, previousMaracReferralDate: '2025-10-15' })).toEqual(['repeat']);
    expect(maracCriteria({ ...repeat, previousMaracReferralDate: '2025-05-15' })).toEqual([]);
  });

  it('given a previous referral exactly 12 months before, when evaluated, then it still counts as a repeat', () => {
    const repeat = { dashYesCount: 5, furtherIncidentSinceLastMarac: 'yes' };
    expect(maracCriteria({ ...repeat, previousMaracReferralDate: '2025-06-15' })).toEqual(['repeat']);
    expect(maracCriteria({ ...repeat, previousMaracReferralDate: '2025-06-14' })).toEqual([]);
  });

  it('given a recent previous referral without a further incident, or no previous referral, when evaluated, then no repeat', () => {
    expect(maracCriteria({ dashYesCount: 5, previousMaracReferralDate: '2025-10-15', furtherIncidentSinceLastMarac: 'no' })).toEqual([]);
    expect(maracCriteria({ dashYesCount: 5, previousMaracReferralDate: null, furtherIncidentSinceLastMarac: 'yes' })).toEqual([]);
  });

  it('given several criteria at once, when evaluated, then all are collected in table order', () => {
    const all = { dashYesCount: 16, professionalJudgement: 'High', incidentsLast12Months: 5, previousMaracReferralDate: '2026-01-10', furtherIncidentSinceLastMarac: 'yes' };
    expect(maracCriteria(all)).toEqual(['visible high risk', 'professional judgement', 'potential escalation', 'repeat']);
  });
});

describe('the specification test vectors', () => {
  it.each([
    [14, 'No change', 0, null, 'high', ['visible high risk']],
    [13, 'No change', 0, null, 'medium', []],
    [13, 'High', 0, null, 'high', ['professional judgement']],
    [15, 'Medium', 0, null, 'high', ['visible high risk']],
    [9, 'No change', 3, null, 'standard', ['potential escalation']],
    [5, 'No change', 1, '2025-10-15', 'standard', ['repeat']],
    [5, 'No change', 1, '2025-05-15', 'standard', []],
    [0, 'No change', 0, null, 'standard', []],
    [10, 'No change', 2, null, 'medium', []],
  ])('given %d yes, judgement %s, %d incidents, previous MARAC %s, then %s and %j', (yes, judgement, incidents, previous, level, criteria) => {
    expect(riskLevel(yes, judgement).riskLevel).toBe(level);
    const further = previous ? { previousMaracReferralDate: previous, furtherIncidentSinceLastMarac: 'yes' } : {};
    expect(maracCriteria({ dashYesCount: yes, professionalJudgement: judgement, incidentsLast12Months: incidents, ...further })).toEqual(criteria);
  });
});
