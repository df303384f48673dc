import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESSES_DIR, Scenario } from '../../support/scenario';

/**
 * CMG call handling (`processes/cmg/`), driven over the REST API as the walk-through scenarios
 * S01–S04 in `shared/procedures/scenarios.md` read. Scenario clocks are Europe/London (BST in
 * June 2026, so UTC + 1).
 */

const TENANT = 'cmg';
const CMG_DIR = join(PROCESSES_DIR, 'cmg');

interface FormComponent {
  key?: string;
  type: string;
  values?: { label: string; value: string }[];
  validate?: { required?: boolean };
  conditional?: { hide?: string };
  expression?: string;
}

function formComponents(formId: string): FormComponent[] {
  return JSON.parse(readFileSync(join(CMG_DIR, `${formId}.form`), 'utf8')).components;
}

function field(formId: string, key: string): FormComponent {
  const found = formComponents(formId).find((c) => c.key === key);
  if (!found) throw new Error(`${formId} has no field ${key}`);
  return found;
}

function signpostingKeysOf(bpmnFile: string, taskId: string): string[] {
  const xml = readFileSync(join(CMG_DIR, bpmnFile), 'utf8');
  const task = xml.slice(xml.indexOf(`id="${taskId}"`));
  const match = /name="safepath\.signposting" value="([^"]*)"/.exec(task.slice(0, task.indexOf('</bpmn:userTask>')));
  return match ? match[1].split(' ') : [];
}

function signposting(key: string): { name: string; contacts: { kind: string; value: string }[] } {
  const data = JSON.parse(readFileSync(join(CMG_DIR, 'signposting.json'), 'utf8')) as { entries: { key: string; name: string; contacts: { kind: string; value: string }[] }[] };
  const entry = data.entries.find((e) => e.key === key);
  if (!entry) throw new Error(`no signposting entry ${key}`);
  return entry;
}

async function offeredTo(s: Scenario, root: string, taskKey: string): Promise<string[]> {
  return (await s.task(root, taskKey)).candidateGroups;
}

async function openKeys(s: Scenario, root: string): Promise<string[]> {
  return (await s.openTasks(root)).map((t) => t.taskDefinitionKey);
}

/**
 * How a case ended: its state and every end event it reached (the engine records
 * `endActivityId` only for terminate end events, so the end events are read from history).
 */
async function ending(s: Scenario, instanceId: string): Promise<{ state: string; endEvents: string[] }> {
  const rows: { activity_id: string }[] = await s.app.dataSource.query(
    `SELECT activity_id FROM hi_activity_instance WHERE instance_id = $1 AND activity_type LIKE '%EndEvent' AND end_time IS NOT NULL ORDER BY activity_id`,
    [instanceId],
  );
  return { state: (await s.state(instanceId)).state, endEvents: rows.map((r) => r.activity_id) };
}

/**
 * Opens the scenario with the BullMQ wake-ups paused: the scenario clock is in the past of the
 * real clock, so the worker would otherwise fire every deadline at once. Deadlines pass only
 * when a test executes their timer job (`fireTimer`).
 */
async function openScenario(startsAt: string): Promise<Scenario> {
  const s = await Scenario.open(TENANT, startsAt);
  await s.app.host.scheduler.queue.pause();
  return s;
}

/**
 * Completes a task with the form's answers, then lets a second pass on the scenario clock so
 * that history orders the steps as they happened.
 */
async function answer(s: Scenario, root: string, taskKey: string, answers: Record<string, unknown>): Promise<void> {
  await s.complete(root, taskKey, answers);
  s.clock.set(new Date(s.clock.now().getTime() + 1000));
}

/** Every candidate group any task of the case tree was ever offered to. */
async function everyGroupOffered(s: Scenario, root: string): Promise<string[]> {
  const rows: { g: string }[] = await s.app.dataSource.query(
    `SELECT DISTINCT unnest(t.candidate_groups) AS g FROM hi_task t JOIN hi_process_instance p ON p.id = t.instance_id WHERE p.root_instance_id = $1 ORDER BY g`,
    [root],
  );
  return rows.map((r) => r.g);
}

/** The order in which activities of interest finished, ignoring everything else. */
function inOrder(path: string[], ids: string[]): string[] {
  return path.filter((id) => ids.includes(id));
}

const NO_ANSWER_FIELDS = { ongoingConcernsAboutDA: null, caseworkerConcernedImmediateSafety: null };

describe('CMG forms and signposting', () => {
  it('never offers "on hold" when summoning help, and requires every Section A question', () => {
    expect(field('cmg_summon_help_office', 'customerPutOnHold').values!.map((v) => v.value)).toEqual(['no – used mute', 'no – not needed']);
    for (const key of ['whereAreYou', 'whyImmediateDanger', 'childrenWithYou', 'whoThreatened', 'whatThreatened', 'intendToGoAnywhere']) {
      expect([key, field('cmg_gather_risk_information', key).validate?.required]).toEqual([key, true]);
    }
  });

  it('requires the police to be told not to divulge, and agreement with the supporting colleague when the customer consented', () => {
    expect(field('cmg_dial_emergency_services', 'policeToldNotToDivulge').validate?.required).toBe(true);
    const agreed = field('cmg_dial_emergency_services', 'agreedWithSupportingColleague');
    expect(agreed.validate?.required).toBe(true);
    expect(agreed.conditional?.hide).toBe('=callBasis != "Customer consent"');
  });

  it('lists every Section C organisation exactly as the source gives it', () => {
    expect(signpostingKeysOf('cmg_section_c_signposting.bpmn', 'provide_section_c_signposting')).toEqual([
      'police_uk', 'police_scotland', 'gov_uk', 'safe_spaces', 'ndvh', 'galop', 'mens_advice_line', 'rape_crisis_ew', 'scotland_dafmh', 'scottish_womens_aid', 'live_fear_free', 'womens_aid_ni',
    ]);
    expect(signposting('ndvh').contacts).toEqual([{ kind: 'phone', value: '0808 200 0247' }, { kind: 'web', value: 'www.nationaldomesticviolencehelpline.org.uk' }]);
    expect(signposting('live_fear_free').contacts).toEqual([{ kind: 'phone', value: '0808 80 10 800' }, { kind: 'web', value: 'https://gov.wales/live-fear-free' }]);
    expect(signposting('safe_spaces').contacts[0].value).toBe('https://uksaysnomore.org/where-is-my-nearest-safe-space/');
    const website = field('cmg_provide_section_c_signposting', 'neighbourhoodPolicingWebsite');
    expect(website.expression).toBe('=if customerCountry = "Scotland" then "www.scotland.police.uk" else "www.police.uk"');
  });
});

describe('S01 — CMG: customer not safe, refuses consent, team leader decides to call police, ACSSL takes over', () => {
  let s: Scenario;
  let root: string;
  let acsslInstance: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-09T09:00:00Z'); // Tue 9 June 2026 10:00 BST
    root = await s.start('cmg_da_call_handling', {}, 'CMG-S01');
  });
  afterAll(() => s.close());

  it('steps 1–6: Section A, office-based, help summoned, Tom assists in parallel', async () => {
    expect(await offeredTo(s, root, 'ask_are_you_safe')).toEqual(['cmg_caseworker']);
    await answer(s, root, 'ask_are_you_safe', { areYouSafe: 'Not safe', ...NO_ANSWER_FIELDS, caseworkerLocation: 'Office-based', shift: 'Standard', contactType: 'Inbound call' });
    await answer(s, root, 'take_statement_seriously', { fullAttentionGiven: true });
    expect(await offeredTo(s, root, 'summon_help_office')).toEqual(['cmg_caseworker']);
    await answer(s, root, 'summon_help_office', { helpSummonedBy: 'Raising an arm', customerPutOnHold: 'no – used mute', supportingColleagueName: 'Tom', supportingColleagueRole: 'Team leader on my workgroup' });
    expect((await openKeys(s, root)).sort()).toEqual(['gather_risk_information', 'supporting_colleague_assists']);
    expect(await offeredTo(s, root, 'supporting_colleague_assists')).toEqual(['cmg_supporting_colleague']);
    expect(await s.visited(root)).not.toContain('contact_real_time_support_group');
  });

  it('steps 7–14: immediate danger, customer unable to phone, consent refused, the team leader decides to call', async () => {
    await answer(s, root, 'gather_risk_information', {
      whereAreYou: 'At home with my two children, no other adult', whyImmediateDanger: 'My ex has texted that he is on his way', childrenWithYou: 'yes', childrenDetails: '2, aged 4 and 7',
      whoThreatened: 'Ex-partner', whatThreatened: 'To kick the door in', intendToGoAnywhere: 'No', customerLocation: 'address on file', immediateDangerOrRiskOfAttack: 'yes', abuserWithOrOnRoute: 'yes',
    });
    const phone = await s.task(root, 'ask_customer_to_phone_999');
    expect(phone.candidateGroups).toEqual(['cmg_caseworker']);
    await answer(s, root, 'ask_customer_to_phone_999', { customerWillPhone999: 'Customer is unable or unwilling', reassuredAboutCmConversation: true });
    await answer(s, root, 'ask_consent_to_call', { consentToCall: 'Refused' });
    const decision = await s.task(root, 'team_leader_decides_emergency_call');
    expect(decision.candidateGroups).toEqual(['cmg_team_leader']);
    expect(decision.candidateGroups).not.toContain('cmg_caseworker');
    await answer(s, root, 'team_leader_decides_emergency_call', {
      tlDecision: 'Call the emergency services', tlDecisionReason: 'Abuser on route, two young children present – clear and significant risk', decidedByRole: 'Team leader', decidedByName: 'Tom',
      decidedAt: '2026-06-09T10:06', clearAndSignificantRisk: 'both',
    });
    const dial = await s.task(root, 'dial_emergency_services');
    expect(dial.candidateGroups).toEqual(['cmg_supporting_colleague', 'cmg_caseworker']);
    expect(await s.variable(dial.processInstanceId, 'callBasis')).toBe('Team leader / deputy manager decision');
    expect(inOrder(await s.path(root), ['g_immediate_danger', 'g_customer_will_phone', 'g_consent', 'g_tl_decision'])).toEqual(['g_immediate_danger', 'g_customer_will_phone', 'g_consent', 'g_tl_decision']);
  });

  it('steps 15–22: police called, signposting for England, ACSSL referral taken over by the ACSSL', async () => {
    await answer(s, root, 'dial_emergency_services', {
      callBasis: 'Team leader / deputy manager decision', calledAt: '2026-06-09T10:07', calledBy: 'Tom', deviceUsed: "Team leader's phone", customerInformed: 'Yes', customerLocationGiven: 'Yes',
      informationGiven: 'Name, address, children present, ex-partner on route, threat to kick door in', reasonsExplained: true, policeToldNotToDivulge: true, policeReference: 'CAD 1234',
    });
    expect(await offeredTo(s, root, 'provide_section_c_signposting')).toEqual(['cmg_caseworker']);
    await answer(s, root, 'provide_section_c_signposting', {
      signpostingPossible: 'Yes', customerCountry: 'England', neighbourhoodPolicingWebsite: 'www.police.uk', neighbourhoodPolicingAdvised: true, customerHasInternet: 'yes', govUkSignposted: true,
      safeSpacesAdvised: true, organisationsGiven: ['ndvh', 'rape_crisis_ew'],
    });
    await answer(s, root, 'consider_acssl_referral', { stillConcernedAboutWellbeing: 'yes', acsslReferralDecision: 'Refer' });
    s.clock.set(new Date('2026-06-09T09:40:00Z')); // 10:40 BST
    await answer(s, root, 'complete_acssl_referral_form', { customerReference: 'CMG-S01', concernSummary: 'Ex-partner on route, police called', emergencyServicesContacted: 'yes', signpostingGiven: 'NDVH, Rape Crisis', referredAt: '2026-06-09T10:40' });
    const assess = await s.task(root, 'acssl_assess_situation');
    acsslInstance = assess.processInstanceId;
    expect(assess.candidateGroups).toEqual(['cmg_acssl']);
    expect(assess.due).toBe('2026-06-10T09:40:00.000Z'); // [proposed] 1 working day: Wed 10 June 10:40 BST
    expect((await s.timers(root)).map((t) => [t.activityId, t.dueDate])).toContainEqual(['t_acssl_overdue', '2026-06-10T09:40:00.000Z']);
    await answer(s, root, 'acssl_assess_situation', { acsslOutcome: 'ACSSL takes over the case', caseComplex: 'yes', acsslAdvice: 'ACSSL will contact customer and local IDVA service' });
    expect((await s.timers(root)).map((t) => t.activityId)).not.toContain('t_acssl_overdue');
    expect(await s.visited(root)).not.toContain('notify_referrer_team_leader');
    await s.correlate('cmg_acssl_advice', { processInstanceId: acsslInstance });
    await answer(s, root, 'record_acssl_outcome_in_contact_notes', { contactNotesUpdated: true });
    expect(await ending(s, acsslInstance)).toEqual({ state: 'COMPLETED', endEvents: ['end_acssl_took_over'] });
  });

  it('steps 23–26: decision recorded (pre-filled from the team leader), call discussed, manager reviews wellbeing', async () => {
    await answer(s, root, 'supporting_colleague_assists', { witnessedCall: true });
    const record = await s.task(root, 'record_decision_and_incident');
    expect(await s.variable(root, 'emergencyDecisionReason')).toBe('Abuser on route, two young children present – clear and significant risk');
    expect(field('cmg_record_decision_and_incident', 'emergencyDecisionReason').validate?.required).toBe(true);
    expect(record.candidateGroups).toEqual(['cmg_caseworker']);
    await answer(s, root, 'record_decision_and_incident', {
      emergencyDecisionSummary: 'Team leader Tom decided to call the police', emergencyDecisionReason: 'Abuser on route, two young children present – clear and significant risk',
      activitiesAppletDescription: 'DA: cust not safe, TL called police CAD 1234', recordedInActivitiesApplet: true, caseNotesAdded: true,
    });
    await answer(s, root, 'discuss_call_with_team_leader', { discussedWith: 'Team leader', discussedAt: '2026-06-09T11:00' });
    await answer(s, root, 'consider_follow_up', { followUpRequired: 'no' });
    expect(await openKeys(s, root)).toEqual(['staff_wellbeing_review']);
    expect(await offeredTo(s, root, 'staff_wellbeing_review')).toEqual(['cmg_manager']);
    await answer(s, root, 'staff_wellbeing_review', { callImpact: 'Shaken', breakOrTimeOut: 'yes – taken', mhfaConversation: 'offered and declined', pamAssistContact: 'signposted' });
  });

  it('ends Section A with the decision stored, and nothing that must not happen', async () => {
    expect(await ending(s, root)).toEqual({ state: 'COMPLETED', endEvents: ['end_section_a_complete'] });
    expect(await s.variable(root, 'tlDecision')).toBe('Call the emergency services');
    expect(await s.variable(root, 'calledAt')).toBe('2026-06-09T10:07');
    expect(await s.variable(root, 'policeReference')).toBe('CAD 1234');
    const visited = await s.visited(root);
    for (const never of ['video_call_wellbeing_check', 'b_signpost', 'b_team_leader_decision', 'c_signpost', 'c_record_contact']) expect(visited).not.toContain(never);
    expect(visited.filter((id) => id === 'team_leader_decides_emergency_call')).toHaveLength(1);
    expect(inOrder(await s.path(root), ['ask_are_you_safe', 'take_statement_seriously', 'summon_help_office', 'gather_risk_information', 'ask_customer_to_phone_999', 'ask_consent_to_call', 'team_leader_decides_emergency_call', 'dial_emergency_services', 'provide_section_c_signposting', 'consider_acssl_referral', 'complete_acssl_referral_form', 'acssl_assess_situation', 'wait_for_acssl_advice', 'record_acssl_outcome_in_contact_notes', 'supporting_colleague_assists', 'record_decision_and_incident', 'discuss_call_with_team_leader', 'consider_follow_up', 'staff_wellbeing_review', 'end_section_a_complete'])).toEqual([
      'ask_are_you_safe', 'take_statement_seriously', 'summon_help_office', 'gather_risk_information', 'ask_customer_to_phone_999', 'ask_consent_to_call', 'team_leader_decides_emergency_call', 'dial_emergency_services', 'provide_section_c_signposting', 'consider_acssl_referral', 'complete_acssl_referral_form', 'acssl_assess_situation', 'wait_for_acssl_advice', 'record_acssl_outcome_in_contact_notes', 'supporting_colleague_assists', 'record_decision_and_incident', 'discuss_call_with_team_leader', 'consider_follow_up', 'staff_wellbeing_review', 'end_section_a_complete',
    ]);
  });
});

describe('S02 — CMG: home-based caseworker on a twilight shift, customer consents, caseworker phones police, call-back next day', () => {
  let s: Scenario;
  let root: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-11T17:30:00Z'); // Thu 11 June 2026 18:30 BST
    root = await s.start('cmg_da_call_handling', {}, 'CMG-S02');
  });
  afterAll(() => s.close());

  it('steps 1–8: home branch notifies the real time support group; consent means no team-leader task', async () => {
    await answer(s, root, 'ask_are_you_safe', { areYouSafe: 'Not safe', ...NO_ANSWER_FIELDS, caseworkerLocation: 'Home-based', shift: 'Twilight', contactType: 'Inbound call' });
    await answer(s, root, 'take_statement_seriously', { fullAttentionGiven: true });
    await answer(s, root, 'contact_real_time_support_group', { supportRequestedAt: '2026-06-11T18:31', supportPartnerName: 'Priya' });
    expect(await s.path(root)).toContain('notify_real_time_support_group');
    expect(await s.variable(root, 'supportRequested')).toBe(true);
    expect(await offeredTo(s, root, 'supporting_colleague_assists')).toEqual(['cmg_supporting_colleague']);
    await answer(s, root, 'supporting_colleague_assists', { witnessedCall: true });
    await answer(s, root, 'gather_risk_information', {
      whereAreYou: 'Bedroom, alone', whyImmediateDanger: 'He is downstairs and has been drinking', childrenWithYou: 'no', whoThreatened: 'Partner', whatThreatened: 'To hurt me',
      intendToGoAnywhere: 'No', immediateDangerOrRiskOfAttack: 'yes', abuserWithOrOnRoute: 'unknown',
    });
    await answer(s, root, 'ask_customer_to_phone_999', { customerWillPhone999: 'Customer is unable or unwilling', reassuredAboutCmConversation: true });
    await answer(s, root, 'ask_consent_to_call', { consentToCall: 'Yes' });
    const dial = await s.task(root, 'dial_emergency_services');
    expect(dial.candidateGroups).toContain('cmg_caseworker');
    expect(await s.variable(dial.processInstanceId, 'callBasis')).toBe('Customer consent');
    await answer(s, root, 'dial_emergency_services', {
      callBasis: 'Customer consent', agreedWithSupportingColleague: true, calledAt: '2026-06-11T18:36', calledBy: 'Ben', deviceUsed: 'Mobile', customerInformed: 'Yes', customerLocationGiven: 'Yes',
      informationGiven: 'Address, partner downstairs drinking, threat to hurt her', reasonsExplained: true, policeToldNotToDivulge: true,
    });
  });

  it('steps 9–13: signposting not possible, no ACSSL referral, call-back timer set for Friday 10:00', async () => {
    await answer(s, root, 'provide_section_c_signposting', { signpostingPossible: "No – call ended for the customer's safety" });
    await answer(s, root, 'consider_acssl_referral', { stillConcernedAboutWellbeing: 'no', acsslReferralDecision: 'Do not refer' });
    await answer(s, root, 'record_decision_and_incident', {
      emergencyDecisionSummary: 'Customer consented; police called 18:36', emergencyDecisionReason: 'Customer in immediate danger and unable to phone', activitiesAppletDescription: 'DA: consent, police called 18:36',
      recordedInActivitiesApplet: true, caseNotesAdded: true,
    });
    await answer(s, root, 'discuss_call_with_team_leader', { discussedWith: 'Duty manager', discussedAt: '2026-06-11T18:50' });
    s.clock.set(new Date('2026-06-11T17:55:00Z')); // 18:55 BST
    await answer(s, root, 'consider_follow_up', { followUpRequired: 'yes', followUpType: 'Phone the customer back', followUpAt: '2026-06-12T10:00' });
    const timers = (await s.timers(root)).map((t) => [t.activityId, t.dueDate]);
    expect(timers).toContainEqual(['t_follow_up_due', '2026-06-12T09:00:00.000Z']);
    expect(timers).toContainEqual(['t_video_call_overdue', '2026-06-11T18:55:00.000Z']); // [proposed] 1 hour
  });

  it('steps 14–16: both wellbeing branches; the video call notifies the line manager', async () => {
    expect((await openKeys(s, root)).sort()).toEqual(['staff_wellbeing_review', 'video_call_wellbeing_check']);
    expect(await offeredTo(s, root, 'video_call_wellbeing_check')).toEqual(['cmg_real_time_support_group']);
    expect(await offeredTo(s, root, 'staff_wellbeing_review')).toEqual(['cmg_manager']);
    s.clock.set(new Date('2026-06-11T18:05:00Z')); // 19:05 BST
    await answer(s, root, 'video_call_wellbeing_check', { videoCallAt: '2026-06-11T19:05', impactDiscussed: 'Upset but coping', additionalSupportSignposted: true, lineManagerSupportiveCareArranged: true });
    expect(await s.path(root)).toContain('notify_line_manager_supportive_care');
    expect(await s.visited(root)).not.toContain('escalate_video_call_overdue');
    s.clock.set(new Date('2026-06-11T18:30:00Z')); // 19:30 BST
    await answer(s, root, 'staff_wellbeing_review', { callImpact: 'Tired', breakOrTimeOut: 'yes – taken', mhfaConversation: 'not needed', pamAssistContact: 'not required' });
    expect(await ending(s, root)).toEqual({ state: 'ACTIVE', endEvents: [] });
  });

  it('steps 17–18: the call-back falls due on Friday 12 June 10:00 and the case ends after it', async () => {
    await s.fireTimer(root, 't_follow_up_due');
    expect(await offeredTo(s, root, 'carry_out_follow_up')).toEqual(['cmg_caseworker']);
    await answer(s, root, 'carry_out_follow_up', { followUpDoneAt: '2026-06-12T10:05', followUpOutcome: 'Customer safe, staying with sister' });
    expect(await ending(s, root)).toEqual({ state: 'COMPLETED', endEvents: ['end_section_a_complete'] });
    const visited = await s.visited(root);
    expect(visited).not.toContain('team_leader_decides_emergency_call');
    expect(visited).not.toContain('summon_help_office');
    expect(visited).not.toContain('acssl_referral');
  });
});

describe('S03 — CMG Section B (customer in Scotland): requested action could increase risk, team leader decides to call, ACSSL advises further action', () => {
  let s: Scenario;
  let root: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-10T10:00:00Z'); // Wed 10 June 2026 11:00 BST
    root = await s.start('cmg_da_call_handling', {}, 'CMG-S03');
  });
  afterAll(() => s.close());

  it('steps 1–5: Section B, Scottish signposting, team leader decides within 15 minutes', async () => {
    await answer(s, root, 'ask_are_you_safe', { areYouSafe: 'Safe', ongoingConcernsAboutDA: 'yes', caseworkerConcernedImmediateSafety: 'yes', caseworkerLocation: 'Office-based', shift: 'Standard', contactType: 'Inbound call' });
    expect(await s.path(root)).toContain('g_safety_answer');
    expect(await offeredTo(s, root, 'provide_section_c_signposting')).toEqual(['cmg_caseworker']);
    await answer(s, root, 'provide_section_c_signposting', {
      signpostingPossible: 'Yes', customerCountry: 'Scotland', neighbourhoodPolicingWebsite: 'www.scotland.police.uk', neighbourhoodPolicingAdvised: true, organisationsGiven: ['scotland_dafmh', 'scottish_womens_aid'],
      safeSpacesAdvised: true, customerHasInternet: 'no',
    });
    s.clock.set(new Date('2026-06-10T10:12:00Z')); // call ended 11:12 BST
    await answer(s, root, 'b_consider_requested_actions', { requestedActions: 'Chase the paying parent today about missed payments', actionsCouldIncreaseRisk: 'yes', actionsHeldForDiscussion: true, callEndedAt: '2026-06-10T11:12' });
    const decision = await s.task(root, 'b_team_leader_decision');
    expect(decision.candidateGroups).toEqual(['cmg_team_leader']);
    expect(decision.due).toBe('2026-06-10T10:27:00.000Z'); // [proposed] 11:27 BST
    expect((await s.timers(root)).map((t) => [t.activityId, t.dueDate])).toContainEqual(['t_b_tl_overdue', '2026-06-10T10:27:00.000Z']);
    s.clock.set(new Date('2026-06-10T10:18:00Z'));
    await answer(s, root, 'b_team_leader_decision', {
      bTlDecision: 'Call the emergency services', bTlDecisionReason: 'Customer said ex is released today and has threatened her; she is alone', bDecidedByName: 'Tom', bDecidedAt: '2026-06-10T11:18',
      requestedActionsDecision: 'do not go ahead',
    });
    expect((await s.timers(root)).map((t) => t.activityId)).not.toContain('t_b_tl_overdue');
    expect(await s.visited(root)).not.toContain('escalate_b_tl_overdue');
  });

  it('steps 6–11: police called after the call, ACSSL advises further action, decision recorded', async () => {
    const dial = await s.task(root, 'dial_emergency_services');
    expect(dial.candidateGroups).toEqual(['cmg_supporting_colleague', 'cmg_caseworker']);
    expect(await s.variable(dial.processInstanceId, 'callBasis')).toBe('Team leader decision after the call (Section B)');
    await answer(s, root, 'dial_emergency_services', {
      callBasis: 'Team leader decision after the call (Section B)', calledAt: '2026-06-10T11:20', calledBy: 'Tom', deviceUsed: 'Not applicable – call had ended', customerInformed: 'Not on the line',
      customerLocationGiven: 'Yes', informationGiven: 'Address, ex released today, threats', reasonsExplained: true, policeToldNotToDivulge: true,
    });
    await answer(s, root, 'b_consider_acssl_referral', { stillConcernedAboutWellbeing: 'yes', acsslReferralDecision: 'Refer' });
    await answer(s, root, 'complete_acssl_referral_form', { customerReference: 'CMG-S03', concernSummary: 'Ex released today', emergencyServicesContacted: 'yes', signpostingGiven: 'SDAFMH, SWA', referredAt: '2026-06-10T11:30' });
    const assess = await s.task(root, 'acssl_assess_situation');
    expect(assess.candidateGroups).toEqual(['cmg_acssl']);
    await answer(s, root, 'acssl_assess_situation', { acsslOutcome: 'Further action advised', acsslAdvice: 'Phone customer on Monday; explain the chase is on hold' });
    await s.correlate('cmg_acssl_advice', { processInstanceId: assess.processInstanceId });
    expect(await offeredTo(s, root, 'carry_out_advised_action')).toEqual(['cmg_caseworker']);
    await answer(s, root, 'carry_out_advised_action', { actionTaken: 'Called customer Monday 15 June', actionCompletedAt: '2026-06-15T10:00' });
    await answer(s, root, 'record_acssl_outcome_in_contact_notes', { contactNotesUpdated: true });
    expect(await ending(s, assess.processInstanceId)).toEqual({ state: 'COMPLETED', endEvents: ['end_further_action_carried_out'] });
    expect(await s.variable(root, 'emergencyDecisionReason')).toBe('Customer said ex is released today and has threatened her; she is alone');
    await answer(s, root, 'b_record_decision', {
      emergencyDecisionSummary: 'Team leader decided to call the police after the call', emergencyDecisionReason: 'Customer said ex is released today and has threatened her; she is alone',
      activitiesAppletDescription: 'DA: Sect B, TL called police', recordedInActivitiesApplet: true, caseNotesAdded: true,
    });
    expect(await ending(s, root)).toEqual({ state: 'COMPLETED', endEvents: ['end_section_b_complete'] });
    const visited = await s.visited(root);
    for (const never of ['gather_risk_information', 'summon_help_office', 'staff_wellbeing_review', 'take_statement_seriously']) expect(visited).not.toContain(never);
    expect(inOrder(await s.path(root), ['b_signpost', 'b_consider_requested_actions', 'b_team_leader_decision', 'g_b_call_needed', 'b_call_emergency_services', 'b_consider_acssl_referral', 'b_acssl_referral', 'b_record_decision'])).toEqual([
      'b_signpost', 'b_consider_requested_actions', 'b_team_leader_decision', 'g_b_call_needed', 'b_call_emergency_services', 'b_consider_acssl_referral', 'b_acssl_referral', 'b_record_decision',
    ]);
  });
});

describe('S03 variant — the team leader decision is not taken within 15 minutes', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await openScenario('2026-06-10T10:00:00Z');
  });
  afterAll(() => s.close());

  it('escalates to the duty manager at 11:27 and leaves the decision open', async () => {
    const root = await s.start('cmg_da_call_handling', {}, 'CMG-S03V');
    await answer(s, root, 'ask_are_you_safe', { areYouSafe: 'Safe', ongoingConcernsAboutDA: 'yes', caseworkerConcernedImmediateSafety: 'yes', caseworkerLocation: 'Office-based', shift: 'Standard', contactType: 'Inbound call' });
    await answer(s, root, 'provide_section_c_signposting', { signpostingPossible: 'Yes', customerCountry: 'Scotland', neighbourhoodPolicingAdvised: true, organisationsGiven: ['scotland_dafmh'], safeSpacesAdvised: true, customerHasInternet: 'no' });
    s.clock.set(new Date('2026-06-10T10:12:00Z'));
    await answer(s, root, 'b_consider_requested_actions', { requestedActions: 'Chase payments', actionsCouldIncreaseRisk: 'yes', actionsHeldForDiscussion: true, callEndedAt: '2026-06-10T11:12' });
    await s.fireTimer(root, 't_b_tl_overdue');
    expect(s.clock.now().toISOString()).toBe('2026-06-10T10:27:00.000Z');
    expect(await offeredTo(s, root, 'escalate_b_tl_overdue')).toEqual(['cmg_duty_manager']);
    expect(await openKeys(s, root)).toContain('b_team_leader_decision');
    const notices = await s.app.http.get('/api/notifications').query({ groups: 'cmg_duty_manager', tenantId: TENANT });
    expect(notices.status).toBe(200);
    expect(JSON.stringify(notices.body)).toContain('escalation');
  });
});

describe('S04 — CMG Section C only (customer in Wales)', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await openScenario('2026-06-15T13:00:00Z'); // Mon 15 June 2026 14:00 BST
  });
  afterAll(() => s.close());

  it('signposts (Live Fear Free shown exactly), notes it and ends, with no task for leaders, the ACSSL or managers', async () => {
    const root = await s.start('cmg_da_call_handling', {}, 'CMG-S04');
    await answer(s, root, 'ask_are_you_safe', { areYouSafe: 'Safe', ongoingConcernsAboutDA: 'no', caseworkerConcernedImmediateSafety: 'no', caseworkerLocation: 'Office-based', shift: 'Standard', contactType: 'Inbound call' });
    expect(await offeredTo(s, root, 'provide_section_c_signposting')).toEqual(['cmg_caseworker']);
    expect(signpostingKeysOf('cmg_section_c_signposting.bpmn', 'provide_section_c_signposting')).toContain('live_fear_free');
    await answer(s, root, 'provide_section_c_signposting', {
      signpostingPossible: 'Yes', customerCountry: 'Wales', neighbourhoodPolicingWebsite: 'www.police.uk', neighbourhoodPolicingAdvised: true, customerHasInternet: 'yes', govUkSignposted: true,
      safeSpacesAdvised: true, organisationsGiven: ['live_fear_free', 'mens_advice_line'],
    });
    await answer(s, root, 'c_record_contact', { contactNoteAdded: true });
    expect(await ending(s, root)).toEqual({ state: 'COMPLETED', endEvents: ['end_section_c_complete'] });
    expect(inOrder(await s.path(root), ['ask_are_you_safe', 'g_safety_answer', 'provide_section_c_signposting', 'c_record_contact'])).toEqual(['ask_are_you_safe', 'g_safety_answer', 'provide_section_c_signposting', 'c_record_contact']);
    const offeredGroups = await everyGroupOffered(s, root);
    expect(offeredGroups).toEqual(['cmg_caseworker']);
  });
});
