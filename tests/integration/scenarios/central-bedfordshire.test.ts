import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESSES_DIR, Scenario } from '../../support/scenario';

/**
 * Central Bedfordshire Council's DA Service (`processes/central-bedfordshire/`, every model
 * "derived from a situation report"), driven over the REST API as walk-through scenario S12 in
 * `shared/procedures/scenarios.md` reads. Times are Europe/London (BST in July 2026: UTC+1).
 */

const TENANT = 'central-bedfordshire';

function bst(local: string): string {
  return new Date(`${local}:00+01:00`).toISOString();
}

async function answer(s: Scenario, root: string, taskKey: string, offeredTo: string[], answers: Record<string, unknown>): Promise<void> {
  expect((await s.task(root, taskKey)).candidateGroups).toEqual(offeredTo);
  await s.complete(root, taskKey, answers);
  s.clock.set(new Date(s.clock.now().getTime() + 1000));
}

describe('Central Bedfordshire models', () => {
  it.each(['cb_da_coaching_referral', 'cb_weekly_partner_meeting', 'cb_regional_network_meeting', 'cb_monthly_marac', 'cb_weekly_summary', 'cb_weekly_newsletter_article'])(
    '%s says it is derived from a situation report',
    (key) => {
      const xml = readFileSync(join(PROCESSES_DIR, TENANT, `${key}.bpmn`), 'utf8');
      expect(xml).toMatch(/<bpmn:process id="[a-z_]+"[^>]*>\s*<bpmn:documentation>Derived from a situation report/);
    },
  );
});

describe('S12 — Central Bedfordshire: DA coaching referral from a Children\'s Services social worker; weekly summary issued', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await Scenario.open(TENANT, bst('2026-07-06T09:30'));
    await s.app.host.scheduler.queue.pause();
  });
  afterAll(() => s.close());

  it('Part A: referral, triage within the proposed deadline, two one-to-one sessions, coaching closed with the case kept by the referrer', async () => {
    await s.correlate('cb_coaching_referral', { businessKey: 'CB-S12' });
    const [row] = await s.app.dataSource.query(`SELECT id FROM hi_process_instance WHERE business_key = $1`, ['CB-S12']);
    const root: string = row.id;
    await answer(s, root, 'submit_coaching_referral', ['cb_referring_professional'], {
      professionalName: 'Social worker', councilService: "Children's Services", isCouncilProfessional: true, referralReason: 'Dealing with a complex case of DA',
      caseSummary: 'Complex case', helpWanted: 'Advice on safety planning', urgency: 'Routine',
    });
    const triage = await s.task(root, 'triage_and_allocate');
    expect(triage.due).toBe(bst('2026-07-08T09:30'));
    s.clock.set(new Date(bst('2026-07-06T14:00')));
    await answer(s, root, 'triage_and_allocate', ['cb_da_service_lead'], { offer: "Children's Services DA Coaching", allocatedOfficer: 'jo' });
    expect(await s.visited(root)).not.toContain('escalate_triage_overdue');

    const session = await s.task(root, 'provide_one_to_one_support');
    expect(session.assignee).toBe('jo');
    await answer(s, root, 'provide_one_to_one_support', ['cb_da_service_officer'], {
      sessionAt: bst('2026-07-07T10:00'), sessionMode: 'Microsoft Teams / phone', adviceGiven: 'Safety planning advice', furtherSessionNeeded: 'yes', nextSessionAt: bst('2026-07-13T10:00'),
    });
    await s.fireTimer(root, 't_next_session');
    expect(s.clock.now().toISOString()).toBe(bst('2026-07-13T10:00'));
    await answer(s, root, 'provide_one_to_one_support', ['cb_da_service_officer'], {
      sessionAt: bst('2026-07-13T10:00'), sessionMode: 'Microsoft Teams / phone', adviceGiven: 'Follow-up', furtherSessionNeeded: 'no',
    });
    await answer(s, root, 'close_coaching', ['cb_da_service_officer'], { outcomeForProfessional: 'Confident to proceed', caseRemainsWithReferrer: true });

    expect((await s.state(root)).state).toBe('COMPLETED');
    const path = await s.path(root);
    expect(path.filter((a) => a === 'provide_one_to_one_support')).toHaveLength(2);
    expect(path).toEqual(expect.arrayContaining(['g_eligible', 'g_more_support', 't_next_session', 'end_coaching_complete']));
    expect(path).not.toContain('signpost_non_council');
  });

  it('Part B: the Friday timer starts the weekly summary; incomplete "at a glance" and "changes needed" send it back; approved, shared and the website updated', async () => {
    // Part B happens on Friday 10 July, before Part A's second session: a scenario of its own.
    await s.close();
    s = await Scenario.open(TENANT, bst('2026-07-10T08:00'));
    await s.app.host.scheduler.queue.pause();
    const jobs = await s.app.http.get('/engine-rest/job').query({ processDefinitionKey: 'cb_weekly_summary' });
    expect(jobs.status).toBe(200);
    const startJob = jobs.body.find((j: { processInstanceId: string | null }) => j.processInstanceId === null);
    expect(startJob).toBeDefined();
    expect(new Date(startJob.duedate ?? startJob.dueDate).toISOString()).toBe(bst('2026-07-10T09:00'));
    s.clock.set(new Date(startJob.duedate ?? startJob.dueDate));
    expect((await s.app.http.post(`/engine-rest/job/${startJob.id}/execute`)).status).toBe(204);

    const [row] = await s.app.dataSource.query(
      `SELECT p.id FROM hi_process_instance p JOIN process_definition d ON d.id = p.definition_id WHERE d.key = 'cb_weekly_summary' ORDER BY p.start_time DESC LIMIT 1`,
    );
    const root: string = row.id;
    const collate = { linksAndContacts: true, newGuidance: 'New Home Office guidance' };
    await answer(s, root, 'collate_weekly_summary', ['cb_da_service_officer'], { ...collate, atAGlanceServices: ['Victims', 'Children'] });
    // Not all three 'at a glance' groups: back to collating, not to approval.
    await answer(s, root, 'collate_weekly_summary', ['cb_da_service_officer'], { ...collate, atAGlanceServices: ['Victims', 'Perpetrators', 'Children'] });
    await answer(s, root, 'approve_weekly_summary', ['cb_da_service_lead'], { approved: 'changes needed', changesRequested: 'Add the helpline' });
    await answer(s, root, 'collate_weekly_summary', ['cb_da_service_officer'], { ...collate, atAGlanceServices: ['Victims', 'Perpetrators', 'Children'] });
    s.clock.set(new Date(bst('2026-07-10T14:00')));
    await answer(s, root, 'approve_weekly_summary', ['cb_da_service_lead'], { approved: 'yes' });
    expect(await s.variable(root, 'distributionLists')).toBe('cb_workforce cb_partner_agencies bedfordshire_other_las');
    await answer(s, root, 'update_website_and_social_media', ['cb_da_service_officer'], { websiteUpdated: ['Articles', 'Get help', 'News'] });

    expect((await s.state(root)).state).toBe('COMPLETED');
    const path = await s.path(root);
    expect(path.filter((a) => a === 'collate_weekly_summary')).toHaveLength(3);
    expect(path).toEqual(expect.arrayContaining(['start_weekly_summary', 'distribute_weekly_summary', 'end_weekly_summary_sent']));
    expect(path.indexOf('distribute_weekly_summary')).toBeGreaterThan(path.lastIndexOf('approve_weekly_summary'));
    expect(await s.visited(root)).not.toContain('escalate_weekly_summary_overdue');
  });
});
