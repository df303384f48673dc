import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESSES_DIR, Scenario } from '../../support/scenario';

/**
 * Tai Calon's domestic abuse procedure (`processes/tai-calon/`), driven over the REST API as
 * walk-through scenarios S05–S07 in `shared/procedures/scenarios.md` read. Times in the
 * scenarios are Europe/London (BST in May–July 2026: UTC+1); the tenant uses the default
 * calendar (Monday–Friday 09:00–17:00, England & Wales bank holidays; 25 May 2026 is one).
 */

const TENANT = 'tai-calon';

/** A London summer-time clock reading as a UTC instant. */
function bst(local: string): string {
  return new Date(`${local}:00+01:00`).toISOString();
}

async function openScenario(startsAtLocal: string): Promise<Scenario> {
  const s = await Scenario.open(TENANT, bst(startsAtLocal));
  await s.app.host.scheduler.queue.pause();
  return s;
}

async function caseByBusinessKey(s: Scenario, businessKey: string, key: string): Promise<string> {
  const [row] = await s.app.dataSource.query(
    `SELECT p.id FROM hi_process_instance p WHERE p.business_key = $1 AND p.super_instance_id IS NULL ORDER BY p.start_time LIMIT 1`,
    [businessKey],
  );
  if (!row) throw new Error(`no ${key} case ${businessKey}`);
  return row.id;
}

/** Completes a task (checking who it is offered to), then lets a second pass so history keeps the order. */
async function answer(s: Scenario, root: string, taskKey: string, offeredTo: string[], answers: Record<string, unknown>): Promise<void> {
  expect((await s.task(root, taskKey)).candidateGroups).toEqual(offeredTo);
  await s.complete(root, taskKey, answers);
  s.clock.set(new Date(s.clock.now().getTime() + 1000));
}

function dashQuestionKeys(): string[] {
  const form = JSON.parse(readFileSync(join(PROCESSES_DIR, '_shared', 'dash_ask_questions.form'), 'utf8')) as { components: { key?: string; type: string }[] };
  return form.components.filter((c) => c.type === 'radio' && /^q\d{2}_[a-z0-9_]+$/.test(c.key ?? '')).map((c) => c.key!);
}

/** The CHO completes the shared DASHRA RIC: `yes` "Yes" answers, judgement "No change". */
async function completeDash(s: Scenario, root: string, yes: number, incidentsLast12Months: number): Promise<void> {
  const answersFor: Record<string, Record<string, unknown>> = {
    dash_prepare: { safeToTalk: 'yes', perpetratorWhereabouts: 'Not at the address', purposeExplained: true, sharingExplained: true, versionUsed: 'Adult (24 questions)' },
    dash_ask_questions: Object.fromEntries(dashQuestionKeys().map((k, i) => [k, i < yes ? 'Yes' : 'No'])),
    dash_professional_judgement: { professionalJudgement: 'No change' },
    dash_escalation_and_history: { incidentsLast12Months },
    dash_share_result: { resultExplained: true, victimViewOnMarac: 'Agrees' },
  };
  for (const key of Object.keys(answersFor)) await answer(s, root, key, ['tc_cho'], answersFor[key]);
}

async function groupNotifications(s: Scenario, group: string): Promise<{ kind: string; recipientGroup: string | null }[]> {
  const response = await s.app.http.get('/api/notifications').query({ groups: group, tenantId: TENANT });
  expect(response.status).toBe(200);
  return response.body;
}

const DISCLOSURE = (over: Record<string, unknown>): Record<string, unknown> => ({
  receivedBy: 'Reception',
  victimName: 'A. Victim',
  victimAddress: '1 Example Terrace (Cerys\'s patch)',
  victimStatus: 'Tenant',
  preferredContactArrangement: 'no preference',
  safeNumber: '07700 900123',
  safeToLeaveMessage: 'no',
  immediateDanger: 'no',
  ...over,
});

describe('Tai Calon models', () => {
  it('keeps the source\'s signposting as data, exactly as written', () => {
    const data = JSON.parse(readFileSync(join(PROCESSES_DIR, TENANT, 'signposting.json'), 'utf8'));
    const byKey = Object.fromEntries(data.entries.map((e: { key: string; contacts: { value: string }[] }) => [e.key, e.contacts.map((c) => c.value)]));
    expect(byKey).toEqual({ phoenix_das: ['www.phoenixdas.co.uk'], dvds_gwent: ['www.gwent.police.uk'], bgcbc_housing_options: [], bgcbc_duty_referral: [] });
  });

  it('gives the safe-contact task a working-day deadline and a Housing Manager escalation', () => {
    const xml = readFileSync(join(PROCESSES_DIR, TENANT, 'tai_calon_da_disclosure.bpmn'), 'utf8');
    expect(xml).toMatch(/<bpmn:userTask id="make_safe_telephone_contact"[^>]*camunda:candidateGroups="tc_cho"[^>]*camunda:dueDate="[^"]*1 working day/);
    expect(xml).toMatch(/<bpmn:boundaryEvent id="t_safe_contact_due"[^>]*cancelActivity="false"/);
    expect(xml).toMatch(/<bpmn:userTask id="escalate_safe_contact_overdue"[^>]*camunda:candidateGroups="tc_housing_manager"/);
  });
});

describe('S05 — Tai Calon: third-party report late on a Friday before a bank holiday; safe contact missed and escalated; children referred the same day; HIGH risk to MARAC through the CSO', () => {
  let s: Scenario;
  let root: string;

  beforeAll(async () => {
    s = await openScenario('2026-05-22T16:30');
    await s.correlate('tc_third_party_report', { businessKey: 'TC-S05' });
    root = await caseByBusinessKey(s, 'TC-S05', 'tai_calon_da_disclosure');
  });
  afterAll(() => s.close());

  it('steps 1–4: logged Friday 16:30; patch CHO gets ReACT and risk factors; both deadlines Tuesday 16:30 (Monday is a bank holiday)', async () => {
    await answer(s, root, 'log_disclosure', ['tc_receiving_staff'], DISCLOSURE({ disclosureRoute: 'Report from a third party', receivedAt: bst('2026-05-22T16:30'), reporterDetails: 'Neighbour' }));
    expect(await s.path(root)).toEqual(expect.arrayContaining(['start_third_party_report', 'log_disclosure', 'g_in_scope', 'assign_patch_cho', 'pg_initial']));
    const open = await s.openTasks(root);
    expect(open.map((t) => [t.taskDefinitionKey, t.candidateGroups])).toEqual([
      ['add_case_to_react', ['tc_cho']],
      ['consider_risk_factors', ['tc_cho']],
    ]);
    const due = bst('2026-05-26T16:30');
    expect(open.find((t) => t.taskDefinitionKey === 'add_case_to_react')!.due).toBe(due);
    const timers = await s.timers(root);
    expect(timers.find((t) => t.activityId === 't_react_due')!.dueDate).toBe(due);
    expect(timers.find((t) => t.activityId === 't_safe_contact_due')!.dueDate).toBe(due);
  });

  it('steps 5–7: ReACT on time; contact attempt at 15:00 not reached → retry', async () => {
    s.clock.set(new Date(bst('2026-05-26T11:00')));
    await answer(s, root, 'add_case_to_react', ['tc_cho'], { reactReference: 'R-0526', reactAddedAt: bst('2026-05-26T11:00') });
    expect((await s.timers(root)).map((t) => t.activityId)).not.toContain('t_react_due');
    await answer(s, root, 'consider_risk_factors', ['tc_cho'], {
      cohabitsWithPerpetrator: 'no', vulnerabilitiesOrBarriers: 'no', healthAndSafetyIssues: 'no', ongoingTenancyAction: 'yes', ongoingTenancyActionDetails: 'rent arrears',
    });
    s.clock.set(new Date(bst('2026-05-26T15:00')));
    await answer(s, root, 'make_safe_telephone_contact', ['tc_cho'], { contactAttemptAt: bst('2026-05-26T15:00'), contactOutcome: 'Not reached', attemptNotes: 'No answer; no message left' });
    expect(await s.visited(root)).toContain('t_retry_contact');
  });

  it('step 8: the safe-contact deadline passes at Tuesday 16:30 → the Housing Manager is told and gets an escalation task', async () => {
    await s.fireTimer(root, 't_safe_contact_due');
    expect(s.clock.now().toISOString()).toBe(bst('2026-05-26T16:30'));
    expect((await s.task(root, 'escalate_safe_contact_overdue')).candidateGroups).toEqual(['tc_housing_manager']);
    const notices = await groupNotifications(s, 'tc_housing_manager');
    expect(notices.filter((n) => n.kind === 'escalation')).toHaveLength(1);
    // The safe-contact window is still open: the CHO keeps trying.
    expect(await s.visited(root)).not.toContain('end_safe_contact_made');
    await answer(s, root, 'escalate_safe_contact_overdue', ['tc_housing_manager'], { escalationAction: 'Spoke to Cerys; retry first thing', escalationHandledAt: bst('2026-05-26T16:45') });
  });

  it('steps 9–12: safe contact Wednesday 10:00; approach; safe to return; target hardening with extra locks on a sole tenancy', async () => {
    await s.fireTimer(root, 't_retry_contact');
    s.clock.set(new Date(bst('2026-05-27T10:00')));
    await answer(s, root, 'make_safe_telephone_contact', ['tc_cho'], { contactAttemptAt: bst('2026-05-27T10:00'), contactOutcome: 'Safe contact made', attemptNotes: 'Spoke to the victim' });
    await answer(s, root, 'emphasise_approach', ['tc_cho'], { approachExplained: true });
    await answer(s, root, 'discuss_immediate_safety', ['tc_cho'], { safeToReturnHome: 'yes', immediateSafetyNotes: 'Perpetrator not living there' });
    await answer(s, root, 'assess_repairs_security_need', ['tc_cho'], { emergencyRepairsNeeded: ['None'], damagePresent: 'no', securityConcerns: 'Back door lock weak', tenancyType: 'Sole' });
    await answer(s, root, 'liaise_cso_security_measures', ['tc_cso'], { measuresAgreed: ['Extra locks'], victimAgreesMeasures: 'yes' });
    await answer(s, root, 'raise_priority_repair_requests', ['tc_cho'], { repairRequestRefs: ['RR-1'], raisedAt: bst('2026-05-27T10:10') });
    await answer(s, root, 'brief_maintenance_staff', ['tc_cho'], { urgencyExplained: true, sympatheticConductExplained: true, contractorName: 'In-house team' });
    await answer(s, root, 'complete_security_works', ['tc_maintenance'], { worksCompletedAt: bst('2026-05-27T10:15'), worksDone: 'Extra locks fitted' });
    await answer(s, root, 'confirm_measures_with_victim', ['tc_cho'], { victimConfirmedSatisfied: 'yes' });
    const visited = await s.visited(root);
    expect(visited).toContain('end_target_hardening_done');
    expect(visited).not.toContain('photograph_damage');
    expect(visited).not.toContain('discuss_lock_change');
  });

  it('steps 13–16: reported to police; CSO advises no injunction; children affected → Multi Agency Referral due the same day', async () => {
    await answer(s, root, 'ask_if_reported_elsewhere', ['tc_cho'], { reportedElsewhere: 'yes', policeLogNumber: 'GP-778', consentToSpeakToThem: 'yes' });
    await answer(s, root, 'seek_cso_advice_legal_action', ['tc_cho'], { incidentsInPublic: 'no', adviceRequestNote: 'Injunction?' });
    await answer(s, root, 'cso_advise_injunction', ['tc_cso'], { injunctionAppropriate: 'no', csoReason: 'No public incidents', externalLegalOpinionSought: 'no' });
    expect(await s.visited(root)).not.toContain('coordinate_court_application');
    s.clock.set(new Date(bst('2026-05-27T10:20')));
    await answer(s, root, 'ask_children_affected', ['tc_cho'], { childrenAffected: 'yes', childrenPresentAtIncident: 'no', childrenOpenToSocialServices: 'yes' });
    const marf = await s.task(root, 'send_multi_agency_referral');
    expect(marf.due).toBe(new Date('2026-05-27T23:59:00+01:00').toISOString());
    expect(marf.followUp).toBe(bst('2026-05-27T16:00'));
    s.clock.set(new Date(bst('2026-05-27T11:00')));
    await answer(s, root, 'send_multi_agency_referral', ['tc_cho'], { marfSentAt: bst('2026-05-27T11:00') });
    expect((await s.timers(root)).map((t) => t.activityId)).not.toContain('t_marf_same_day');
  });

  it('steps 17–20: no existing assessment; interview in private; DASHRA RIC with 15 "Yes" → HIGH, visible high risk', async () => {
    await answer(s, root, 'check_existing_risk_assessment', ['tc_cho'], { existingRiskAssessment: 'No' });
    await answer(s, root, 'prepare_interview', ['tc_cho'], {
      dashGuidanceRead: true, interviewSetting: 'Office', interviewAt: bst('2026-05-27T14:00'), privateSetting: true, supporterOffered: true, interpreterNeeded: 'no',
    });
    await answer(s, root, 'interview_victim', ['tc_cho'], {
      childrenPresentDuringInterview: 'no', emergencyAgenciesExplained: true, housingSupportIdentified: 'Security measures', victimFearsStayingInHome: 'no',
      victimWantsActionAgainstPerpetrator: 'no', suspectPerpetratorPresentingAsVictim: 'no',
    });
    expect(await s.visited(root)).not.toContain('arrange_interpreter');
    await completeDash(s, root, 15, 2);
    expect(await s.variable(root, 'riskLevel')).toBe('high');
    expect(await s.variable(root, 'maracCriteria')).toEqual(['visible high risk']);
  });

  it('steps 21–26: CSO discussion, consent, MARAC referral through the CSO, action plan, closure', async () => {
    await answer(s, root, 'discuss_case_with_cso', ['tc_cso'], {
      actionPlan: 'MARAC referral; locks fitted', securityMeasuresConsidered: true, emergencyLegalActionDecision: 'not appropriate', multiAgencyDiscussionRequired: 'yes', perpetratorActionProposed: 'no',
    });
    await answer(s, root, 'resolve_consent', ['tc_cho'], { consentToShare: 'Given', safeguardingConcerns: 'yes' });
    await answer(s, root, 'refer_to_marac_via_cso', ['tc_cso'], { maracReferralAt: bst('2026-05-28T09:30'), maracProtocolFollowed: true });
    await answer(s, root, 'agree_action_plan_with_victim', ['tc_cho'], { agreedActions: 'Attend MARAC actions', victimWishesRecorded: 'Stay at home', limitsExplained: true });
    await answer(s, root, 'manage_case', ['tc_cho'], { fileNotes: 'MARAC held; actions done', victimLastUpdatedAt: bst('2026-06-05T10:00'), actionsComplete: true });
    await answer(s, root, 'close_case', ['tc_cho'], { closureReason: 'Actions completed', reactUpdated: true, victimInformedOfClosure: true, managerSignOff: true });

    expect((await s.state(root)).state).toBe('COMPLETED');
    const path = await s.path(root);
    expect(path).toEqual(expect.arrayContaining(['g_risk_grading', 'refer_to_marac_via_cso', 'g_rehousing_requested', 'g_perpetrator_action_proposed', 'end_case_closed']));
    const visited = await s.visited(root);
    for (const never of ['offer_support_people_referral', 'escalate_react_overdue', 'escalate_marf_overdue', 'discuss_perpetrator_action', 'take_perpetrator_action']) {
      expect(visited).not.toContain(never);
    }
    expect((await groupNotifications(s, 'tc_housing_manager')).filter((n) => n.kind === 'escalation')).toHaveLength(1);
  });
});

describe('S06 — Tai Calon: medium risk, victim\'s preferred contact time, "Support People" accepted, target hardening with photographs and a lock change on a joint tenancy', () => {
  let s: Scenario;
  let root: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-08T10:00');
    await s.correlate('tc_direct_report_victim', { businessKey: 'TC-S06' });
    root = await caseByBusinessKey(s, 'TC-S06', 'tai_calon_da_disclosure');
  });
  afterAll(() => s.close());

  it('steps 1–4: safe contact is due at the preferred time (Tue 14:00), ReACT 1 working day later; a contact 5 minutes late is escalated once', async () => {
    await answer(s, root, 'log_disclosure', ['tc_receiving_staff'], DISCLOSURE({ disclosureRoute: 'Direct report from the victim', receivedAt: bst('2026-06-08T10:00'), preferredContactAt: bst('2026-06-09T14:00') }));
    const timers = await s.timers(root);
    expect(timers.find((t) => t.activityId === 't_safe_contact_due')!.dueDate).toBe(bst('2026-06-09T14:00'));
    expect(timers.find((t) => t.activityId === 't_react_due')!.dueDate).toBe(bst('2026-06-09T10:00'));
    s.clock.set(new Date(bst('2026-06-08T15:00')));
    await answer(s, root, 'add_case_to_react', ['tc_cho'], { reactReference: 'R-0608', reactAddedAt: bst('2026-06-08T15:00') });
    await answer(s, root, 'consider_risk_factors', ['tc_cho'], { cohabitsWithPerpetrator: 'no', vulnerabilitiesOrBarriers: 'no', healthAndSafetyIssues: 'no', ongoingTenancyAction: 'no' });
    expect((await s.task(root, 'make_safe_telephone_contact')).due).toBe(bst('2026-06-09T14:00'));
    await s.fireTimer(root, 't_safe_contact_due');
    s.clock.set(new Date(bst('2026-06-09T14:05')));
    await answer(s, root, 'make_safe_telephone_contact', ['tc_cho'], { contactAttemptAt: bst('2026-06-09T14:05'), contactOutcome: 'Safe contact made', attemptNotes: 'Spoke to the victim' });
    expect((await groupNotifications(s, 'tc_housing_manager')).filter((n) => n.kind === 'escalation')).toHaveLength(1);
    await answer(s, root, 'escalate_safe_contact_overdue', ['tc_housing_manager'], { escalationAction: 'Contact made 5 minutes late; noted', escalationHandledAt: bst('2026-06-09T14:30') });
  });

  it('steps 5–11: joint tenancy, damage photographed before repairs, lock change decided by the CSO', async () => {
    await answer(s, root, 'emphasise_approach', ['tc_cho'], { approachExplained: true });
    await answer(s, root, 'discuss_immediate_safety', ['tc_cho'], { safeToReturnHome: 'yes', immediateSafetyNotes: 'Perpetrator has left' });
    await answer(s, root, 'assess_repairs_security_need', ['tc_cho'], {
      emergencyRepairsNeeded: ['Re-glazing'], damagePresent: 'yes', securityConcerns: 'Broken window', tenancyType: 'Joint', victimRemainsInOccupation: 'yes', perpetratorHasLeft: 'yes',
    });
    expect((await s.openTasks(root)).map((t) => t.taskDefinitionKey)).not.toContain('raise_priority_repair_requests');
    await answer(s, root, 'photograph_damage', ['tc_cho'], { damagePhotos: ['window-1.jpg', 'window-2.jpg'], photographedAt: bst('2026-06-09T15:00') });
    await answer(s, root, 'liaise_cso_security_measures', ['tc_cso'], { measuresAgreed: ['Extra locks', 'Window/door alarms'], victimAgreesMeasures: 'yes' });
    await answer(s, root, 'raise_priority_repair_requests', ['tc_cho'], { repairRequestRefs: ['RR-2', 'RR-3'], raisedAt: bst('2026-06-09T15:10') });
    await answer(s, root, 'brief_maintenance_staff', ['tc_cho'], { urgencyExplained: true, sympatheticConductExplained: true, contractorName: 'Glaziers Ltd' });
    expect((await s.timers(root)).map((t) => t.activityId)).toContain('t_priority_repair_due');
    await answer(s, root, 'complete_security_works', ['tc_maintenance'], { worksCompletedAt: bst('2026-06-10T10:00'), worksDone: 'Re-glazed; locks and alarms fitted' });
    await answer(s, root, 'discuss_lock_change', ['tc_line_manager', 'tc_cso'], {
      lockChangeDecision: 'Change the locks', decidedBy: 'Community Safety Officer', decisionReason: 'Perpetrator has left', jointTenancyProcedureConsidered: true,
    });
    await answer(s, root, 'change_locks', ['tc_maintenance'], { locksChangedAt: bst('2026-06-10T12:00') });
    await answer(s, root, 'confirm_measures_with_victim', ['tc_cho'], { victimConfirmedSatisfied: 'yes' });
    const path = await s.path(root);
    expect(path.indexOf('photograph_damage')).toBeLessThan(path.indexOf('raise_priority_repair_requests'));
  });

  it('steps 12–20: no children; DASH 11 "Yes" → medium; Support People accepted and referred within 1 working day; closed', async () => {
    await answer(s, root, 'ask_if_reported_elsewhere', ['tc_cho'], { reportedElsewhere: 'no' });
    await answer(s, root, 'seek_cso_advice_legal_action', ['tc_cho'], { incidentsInPublic: 'no', adviceRequestNote: 'Injunction?' });
    await answer(s, root, 'cso_advise_injunction', ['tc_cso'], { injunctionAppropriate: 'no', csoReason: 'Not needed', externalLegalOpinionSought: 'no' });
    await answer(s, root, 'ask_children_affected', ['tc_cho'], { childrenAffected: 'no' });
    expect(await s.visited(root)).not.toContain('send_multi_agency_referral');
    await answer(s, root, 'check_existing_risk_assessment', ['tc_cho'], { existingRiskAssessment: 'No' });
    await answer(s, root, 'prepare_interview', ['tc_cho'], { dashGuidanceRead: true, interviewSetting: 'Home visit', interviewAt: bst('2026-06-09T14:30'), privateSetting: true, supporterOffered: true, interpreterNeeded: 'no' });
    await answer(s, root, 'interview_victim', ['tc_cho'], {
      childrenPresentDuringInterview: 'no', emergencyAgenciesExplained: true, housingSupportIdentified: 'Support People', victimFearsStayingInHome: 'no', victimWantsActionAgainstPerpetrator: 'no', suspectPerpetratorPresentingAsVictim: 'no',
    });
    await completeDash(s, root, 11, 1);
    expect(await s.variable(root, 'riskLevel')).toBe('medium');
    expect(await s.variable(root, 'maracEligible')).toBe(false);
    await answer(s, root, 'discuss_case_with_cso', ['tc_cso'], { actionPlan: 'Support People', securityMeasuresConsidered: true, emergencyLegalActionDecision: 'not appropriate', multiAgencyDiscussionRequired: 'no', perpetratorActionProposed: 'no' });
    await answer(s, root, 'resolve_consent', ['tc_cho'], { consentToShare: 'Given', safeguardingConcerns: 'no' });
    s.clock.set(new Date(bst('2026-06-09T15:00')));
    await answer(s, root, 'offer_support_people_referral', ['tc_cho'], { supportOffered: true, victimAcceptsSupport: 'yes', acceptedAt: bst('2026-06-09T15:00') });
    expect((await s.timers(root)).find((t) => t.activityId === 't_support_people_due')!.dueDate).toBe(bst('2026-06-10T15:00'));
    s.clock.set(new Date(bst('2026-06-10T11:00')));
    await answer(s, root, 'make_support_people_referral', ['tc_cho'], { referralMadeAt: bst('2026-06-10T11:00'), referralTo: 'Supporting People provider' });
    await answer(s, root, 'agree_action_plan_with_victim', ['tc_cho'], { agreedActions: 'Support People', victimWishesRecorded: 'Stay', limitsExplained: true });
    await answer(s, root, 'manage_case', ['tc_cho'], { fileNotes: 'Done', victimLastUpdatedAt: bst('2026-06-20T10:00'), actionsComplete: true });
    await answer(s, root, 'close_case', ['tc_cho'], { closureReason: 'Actions completed', reactUpdated: true, victimInformedOfClosure: true, managerSignOff: true });
    expect((await s.state(root)).state).toBe('COMPLETED');
    const visited = await s.visited(root);
    expect(visited).not.toContain('refer_to_marac_via_cso');
    expect(visited).not.toContain('rehousing_request');
    expect(visited).not.toContain('escalate_support_people_overdue');
  });
});

describe('S07 — Tai Calon: victim fears staying → management transfer with high priority; victim asks staff to confront the perpetrator (refused by the CSO); later a MARAC action asks for extra security', () => {
  let s: Scenario;
  let root: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-15T09:30');
    await s.correlate('tc_direct_report_victim', { businessKey: 'TC-S07' });
    root = await caseByBusinessKey(s, 'TC-S07', 'tai_calon_da_disclosure');
  });
  afterAll(() => s.close());

  it('Part A steps 1–9: cohabiting victim not safe at home → Housing Options and refuge in parallel; standard risk; Support People declined', async () => {
    await answer(s, root, 'log_disclosure', ['tc_receiving_staff'], DISCLOSURE({ disclosureRoute: 'Direct report from the victim', receivedAt: bst('2026-06-15T09:30') }));
    expect((await s.timers(root)).find((t) => t.activityId === 't_safe_contact_due')!.dueDate).toBe(bst('2026-06-16T09:30'));
    await answer(s, root, 'add_case_to_react', ['tc_cho'], { reactReference: 'R-0615', reactAddedAt: bst('2026-06-15T10:00') });
    await answer(s, root, 'consider_risk_factors', ['tc_cho'], { cohabitsWithPerpetrator: 'yes', vulnerabilitiesOrBarriers: 'no', healthAndSafetyIssues: 'no', ongoingTenancyAction: 'no' });
    expect((await s.task(root, 'make_safe_telephone_contact')).name).toBe("Make 'safe' telephone contact");
    s.clock.set(new Date(bst('2026-06-15T13:00')));
    await answer(s, root, 'make_safe_telephone_contact', ['tc_cho'], { contactAttemptAt: bst('2026-06-15T13:00'), contactOutcome: 'Safe contact made', attemptNotes: 'Checked it was safe to talk' });
    await answer(s, root, 'emphasise_approach', ['tc_cho'], { approachExplained: true });
    await answer(s, root, 'discuss_immediate_safety', ['tc_cho'], { safeToReturnHome: 'no', immediateSafetyNotes: 'Lives with the perpetrator' });
    expect((await s.openTasks(root)).map((t) => t.taskDefinitionKey).sort()).toEqual(['consider_refuge_support', 'contact_housing_options_team']);
    await answer(s, root, 'contact_housing_options_team', ['tc_cho'], { housingOptionsContactedAt: bst('2026-06-15T13:30'), housingOptionsOutcome: 'Advice given', consentToShareWithHousingOptions: 'yes' });
    await answer(s, root, 'consider_refuge_support', ['tc_cho'], { refugeSupportSought: 'not wanted by victim' });
    await answer(s, root, 'assess_repairs_security_need', ['tc_cho'], { emergencyRepairsNeeded: ['None'], damagePresent: 'no', securityConcerns: 'None', tenancyType: 'Sole' });
    await answer(s, root, 'liaise_cso_security_measures', ['tc_cso'], { measuresAgreed: ['None'], victimAgreesMeasures: 'yes' });
    await answer(s, root, 'confirm_measures_with_victim', ['tc_cho'], { victimConfirmedSatisfied: 'yes' });
    expect(await s.visited(root)).not.toContain('raise_priority_repair_requests');
    await answer(s, root, 'ask_if_reported_elsewhere', ['tc_cho'], { reportedElsewhere: 'no' });
    await answer(s, root, 'seek_cso_advice_legal_action', ['tc_cho'], { incidentsInPublic: 'no', adviceRequestNote: 'Injunction?' });
    await answer(s, root, 'cso_advise_injunction', ['tc_cso'], { injunctionAppropriate: 'no', csoReason: 'Not needed', externalLegalOpinionSought: 'no' });
    await answer(s, root, 'ask_children_affected', ['tc_cho'], { childrenAffected: 'no' });
    await answer(s, root, 'check_existing_risk_assessment', ['tc_cho'], { existingRiskAssessment: 'No' });
    await answer(s, root, 'prepare_interview', ['tc_cho'], { dashGuidanceRead: true, interviewSetting: 'Office', interviewAt: bst('2026-06-15T15:00'), privateSetting: true, supporterOffered: true, interpreterNeeded: 'no' });
    await answer(s, root, 'interview_victim', ['tc_cho'], {
      childrenPresentDuringInterview: 'no', emergencyAgenciesExplained: true, housingSupportIdentified: 'Rehousing', victimFearsStayingInHome: 'yes', victimWantsActionAgainstPerpetrator: 'yes', suspectPerpetratorPresentingAsVictim: 'no',
    });
    await completeDash(s, root, 8, 1);
    expect(await s.variable(root, 'riskLevel')).toBe('standard');
    await answer(s, root, 'discuss_case_with_cso', ['tc_cso'], { actionPlan: 'Rehousing', securityMeasuresConsidered: true, emergencyLegalActionDecision: 'not appropriate', multiAgencyDiscussionRequired: 'no', perpetratorActionProposed: 'no' });
    await answer(s, root, 'resolve_consent', ['tc_cho'], { consentToShare: 'Given', safeguardingConcerns: 'no' });
    await answer(s, root, 'offer_support_people_referral', ['tc_cho'], { supportOffered: true, victimAcceptsSupport: 'no' });
    expect(await s.visited(root)).not.toContain('make_support_people_referral');
  });

  it('Part A steps 10–14: management transfer approved and accepted; confronting the perpetrator refused by the CSO; case closed', async () => {
    await answer(s, root, 'record_rehousing_request', ['tc_cho'], { fearsForSafetyIfStays: true, householdComposition: 'Victim and perpetrator', urgency: 'Immediate' });
    await answer(s, root, 'discuss_options_with_victim', ['tc_cho'], { optionChosen: 'Management transfer (direct offer)', victimWishes: 'Move away' });
    await answer(s, root, 'request_management_transfer', ['tc_cho'], { transferRationale: 'Fears for safety' });
    await answer(s, root, 'approve_management_transfer', ['tc_hm_community_safety_lettings'], { transferApproved: 'yes', approvalReason: 'Safety' });
    await answer(s, root, 'make_direct_offer', ['tc_lettings'], { propertyOffered: '2 Other Street', offerAccepted: 'yes' });
    await answer(s, root, 'record_outcome', ['tc_cho'], { rehousingOutcome: 'Management transfer', fileNoteAdded: true });
    expect(await s.variable(root, 'rehousingOutcome')).toBe('Management transfer');
    const discuss = await s.task(root, 'discuss_perpetrator_action');
    expect(discuss.candidateGroups).toEqual(['tc_cso', 'tc_housing_manager']);
    await answer(s, root, 'discuss_perpetrator_action', ['tc_cso', 'tc_housing_manager'], {
      proposedAction: 'Warn him off', decision: 'Not appropriate', decisionBy: 'Community Safety Officer', decisionReason: 'Confronting him may increase risk before the move', perpetratorSupportToOffer: false,
    });
    await answer(s, root, 'agree_action_plan_with_victim', ['tc_cho'], { agreedActions: 'Move', victimWishesRecorded: 'Move', limitsExplained: true });
    await answer(s, root, 'manage_case', ['tc_cho'], { fileNotes: 'Moved', victimLastUpdatedAt: bst('2026-06-25T10:00'), actionsComplete: true });
    await answer(s, root, 'close_case', ['tc_cho'], { closureReason: 'Victim moved', reactUpdated: true, victimInformedOfClosure: true, managerSignOff: true });
    expect((await s.state(root)).state).toBe('COMPLETED');
    expect(await s.visited(root)).not.toContain('take_perpetrator_action');
    expect(await s.path(root)).toEqual(expect.arrayContaining(['rehousing_request', 'end_rehousing_outcome', 'g_perpetrator_action_approved', 'end_case_closed']));
  });

  it('Part B: a MARAC action asks for extra security; deadline MARAC date + 14 days; completion note; agency told', async () => {
    s.clock.set(new Date(bst('2026-06-29T09:00')));
    await s.correlate('tc_agency_request', { businessKey: 'TC-S07-B' });
    const request = await caseByBusinessKey(s, 'TC-S07-B', 'tai_calon_agency_requests');
    await answer(s, request, 'log_agency_request', ['tc_cho'], {
      requestingAgency: 'Gwent MARAC coordinator', requestReceivedAt: bst('2026-06-29T09:00'), maracAction: 'yes', maracDate: '2026-06-25', requestType: 'Providing extra security at the property',
      requestDetails: 'Fireproof letterbox and CCTV', tenantReference: 'T-99', hmsNoteRef: 'HMS-1',
    });
    await answer(s, request, 'check_sharing_basis', ['tc_cho'], { sharingBasis: 'High risk (e.g. MARAC case)' });
    expect((await s.timers(request)).find((t) => t.activityId === 't_request_due')!.dueDate).toBe(bst('2026-07-09T09:00'));
    await answer(s, request, 'assess_repairs_security_need', ['tc_cho'], { emergencyRepairsNeeded: ['None'], damagePresent: 'no', securityConcerns: 'MARAC action', tenancyType: 'Sole' });
    await answer(s, request, 'liaise_cso_security_measures', ['tc_cso'], { measuresAgreed: ['Fireproof letterbox', 'CCTV'], victimAgreesMeasures: 'yes' });
    await answer(s, request, 'raise_priority_repair_requests', ['tc_cho'], { repairRequestRefs: ['RR-9'], priority: 'Priority', raisedAt: bst('2026-06-29T10:00') });
    await answer(s, request, 'brief_maintenance_staff', ['tc_cho'], { urgencyExplained: true, sympatheticConductExplained: true, contractorName: 'Security Co' });
    await answer(s, request, 'complete_security_works', ['tc_maintenance'], { worksCompletedAt: bst('2026-07-03T12:00'), worksDone: 'Letterbox and CCTV fitted' });
    await answer(s, request, 'confirm_measures_with_victim', ['tc_cho'], { victimConfirmedSatisfied: 'yes' });
    await answer(s, request, 'write_completion_note', ['tc_cho'], { completionNote: 'Letterbox and CCTV fitted 3 July', completedAt: bst('2026-07-03T12:30') });
    await answer(s, request, 'inform_requesting_agency', ['tc_cho'], { agencyInformedAt: bst('2026-07-03T13:00') });
    expect((await s.state(request)).state).toBe('COMPLETED');
    expect(await s.path(request)).toEqual(expect.arrayContaining(['g_request_type', 'extra_security', 'end_target_hardening_done', 'end_request_completed']));
    expect(await s.visited(request)).not.toContain('escalate_request_overdue');
  });
});
