import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBpmn } from '../../../server/engine';
import { PROCESSES_DIR, Scenario } from '../../support/scenario';

/**
 * The shared DASH risk checklist (`processes/_shared/dash_risk_assessment.bpmn`), driven over the
 * REST API in one organisation's tenant: the assessor's role comes in as `assessorGroup`, the
 * checklist counts the "Yes" answers, and the DMN decisions give the risk level and the MARAC
 * criteria (test vectors from `shared/procedures/dash-risk-checklist.md`).
 */

interface Answers {
  yes: number;
  judgement?: 'No change' | 'Medium' | 'High';
  incidentsLast12Months?: number;
  safeToTalk?: 'yes' | 'no';
}

function questionKeys(): string[] {
  const form = JSON.parse(readFileSync(join(PROCESSES_DIR, '_shared', 'dash_ask_questions.form'), 'utf8')) as { components: { key?: string; type: string }[] };
  return form.components.filter((c) => c.type === 'radio' && /^q\d{2}_[a-z0-9_]+$/.test(c.key ?? '')).map((c) => c.key!);
}

function taskAnswers(a: Answers): Record<string, Record<string, unknown>> {
  const keys = questionKeys();
  return {
    dash_prepare: { safeToTalk: a.safeToTalk ?? 'yes', perpetratorWhereabouts: 'Not at the address', purposeExplained: true, sharingExplained: true, versionUsed: 'Adult (24 questions)' },
    dash_ask_questions: Object.fromEntries(keys.map((k, i) => [k, i < a.yes ? 'Yes' : i % 2 ? 'No' : "Don't know"])),
    dash_professional_judgement: { professionalJudgement: a.judgement ?? 'No change', professionalJudgementReason: a.judgement && a.judgement !== 'No change' ? 'Concerns from the interview' : undefined },
    dash_escalation_and_history: { incidentsLast12Months: a.incidentsLast12Months ?? 0 },
    dash_share_result: { resultExplained: true, victimViewOnMarac: 'Agrees' },
  };
}

describe('shared DASH models', () => {
  for (const folder of ['_shared', 'tai-calon', 'central-bedfordshire']) {
    const dir = join(PROCESSES_DIR, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
      it(`${folder}/${file} parses without problems`, async () => {
        const parsed = await parseBpmn(readFileSync(join(dir, file), 'utf8'), file);
        expect(parsed.problems).toEqual([]);
      });
    }
  }

  it('asks the 24 checklist questions, each Yes / No / Don\'t know and required', () => {
    const form = JSON.parse(readFileSync(join(PROCESSES_DIR, '_shared', 'dash_ask_questions.form'), 'utf8'));
    const questions = form.components.filter((c: { key: string; type: string }) => c.type === 'radio' && /^q\d{2}_/.test(c.key));
    expect(questions).toHaveLength(24);
    for (const q of questions) {
      expect(q.values.map((v: { value: string }) => v.value)).toEqual(['Yes', 'No', "Don't know"]);
      expect(q.validate).toEqual({ required: true });
    }
  });
});

describe('dash_risk_assessment — the DMN test vectors, run through the called process', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await Scenario.open('tai-calon', '2026-06-01T09:00:00Z');
    await s.app.host.scheduler.queue.pause();
  });
  afterAll(() => s.close());

  async function assess(a: Answers): Promise<string> {
    const id = await s.start('dash_risk_assessment', { assessorGroup: 'tc_cho' });
    const answers = taskAnswers(a);
    for (let step = 0; step < 10; step++) {
      const [task] = await s.openTasks(id);
      if (!task) return id;
      expect(task.candidateGroups).toEqual(['tc_cho']);
      const values = Object.fromEntries(Object.entries(answers[task.taskDefinitionKey] ?? {}).filter(([, v]) => v !== undefined));
      await s.complete(id, task.taskDefinitionKey, values);
      s.clock.set(new Date(s.clock.now().getTime() + 1000));
    }
    throw new Error('the checklist did not finish');
  }

  it.each([
    [14, 'No change', 0, 'high', ['visible high risk']],
    [13, 'No change', 0, 'medium', []],
    [13, 'High', 0, 'high', ['professional judgement']],
    [15, 'Medium', 0, 'high', ['visible high risk']],
    [9, 'No change', 3, 'standard', ['potential escalation']],
    [0, 'No change', 0, 'standard', []],
    [10, 'No change', 2, 'medium', []],
  ] as const)('%i yes, judgement %s, %i incidents → %s, criteria %j', async (yes, judgement, incidents, level, criteria) => {
    const id = await assess({ yes, judgement, incidentsLast12Months: incidents });
    expect((await s.state(id)).state).toBe('COMPLETED');
    expect(await s.path(id)).toContain('end_dash_completed');
    expect(await s.variable(id, 'dashYesCount')).toBe(yes);
    expect(await s.variable(id, 'riskLevel')).toBe(level);
    expect(await s.variable(id, 'maracCriteria')).toEqual(criteria);
    expect(await s.variable(id, 'maracEligible')).toBe(criteria.length > 0);
    expect(await s.variable(id, 'dashStatus')).toBe('completed');
  });

  it('stops as "deferred" when it is not safe to talk, without asking the questions', async () => {
    const id = await assess({ yes: 0, safeToTalk: 'no' });
    expect((await s.state(id)).state).toBe('COMPLETED');
    expect(await s.path(id)).toContain('end_dash_deferred');
    expect(await s.variable(id, 'dashStatus')).toBe('deferred');
    expect(await s.visited(id)).not.toContain('dash_ask_questions');
  });
});
