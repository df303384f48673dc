/**
 * The explanation a trainee reads next to Tai Calon's disclosure process (processes/tai-calon,
 * England & Wales working days): the safe-contact deadline while it runs, the decision at
 * "Contact made?" once the CHO records 'Not reached', and the escalation when a working day passes.
 * The clock starts on Tuesday 2 March 2027, 10:00 London time (GMT).
 */
import { namesIn } from './explanation';
import { Simulation, type Person } from './simulation';
import { ONE_WORKING_DAY_LATER, T0, TENANT, disclosureAnswers, officeCalendar, taiCalonResources } from '../../../tests/support/tai-calon-training';

const RESOURCES = taiCalonResources();
const CALENDAR = officeCalendar();

const TRAINER: Person = { id: 'u-trainer', name: 'Tia Trainer' };

const DISCLOSURE = disclosureAnswers();

describe('the explanation of a simulation', () => {
  let simulation: Simulation;

  beforeAll(async () => {
    simulation = new Simulation({
      ownerId: TRAINER.id, tenantId: TENANT, processKey: 'tai_calon_da_disclosure', version: 1, resources: RESOURCES,
      start: new Date(T0), calendar: () => CALENDAR, owner: TRAINER, mode: 'free',
    });
    await simulation.begin('start_direct_report_victim', {});
    await simulation.applyStep({ kind: 'complete', taskKey: 'log_disclosure', values: DISCLOSURE }, TRAINER);
    await simulation.applyStep({ kind: 'complete', taskKey: 'consider_risk_factors', values: { cohabitsWithPerpetrator: 'no', vulnerabilitiesOrBarriers: 'no', healthAndSafetyIssues: 'no', ongoingTenancyAction: 'no' } }, TRAINER);
  });

  it('lists the safe-contact deadline while it runs, and where the waiting steps lead', () => {
    const { deadlines, next, decisions } = simulation.explanation();

    expect(deadlines).toContainEqual({
      timerId: 't_safe_contact_due',
      timerName: 'Deadline passed',
      attachedToId: 'safe_contact_window',
      attachedToName: "Make 'safe' telephone contact (within 1 working day or as preferred)",
      due: ONE_WORKING_DAY_LATER,
      interrupting: false,
      leadsToName: 'Safe telephone contact overdue',
    });
    // The safe-contact call leads to "Contact made?", whose three answers are shown with their conditions.
    const call = next.find((n) => n.activityId === 'make_safe_telephone_contact')!;
    expect(call.leadsTo.map((l) => [l.flowName, l.targetId, l.isDefault, l.viaGatewayName])).toEqual([
      ['Safe contact made', 'end_safe_contact_made', false, 'Contact made?'],
      ['Not safe to talk', 't_call_back', false, 'Contact made?'],
      ['Not reached', 't_retry_contact', true, 'Contact made?'],
    ]);
    expect(call.leadsTo[0].condition).toBe('=contactOutcome = "Safe contact made"');
    // So far the one decision: the victim is a tenant.
    expect(decisions).toEqual([
      {
        gatewayId: 'g_in_scope',
        gatewayName: 'Tenant or household member?',
        flowId: 'f_g_in_scope__assign_patch_cho',
        flowName: 'Tenant or household member',
        targetId: 'assign_patch_cho',
        targetName: 'Assign the patch Community Housing Officer',
        condition: '=victimStatus = "Tenant" or victimStatus = "Member of a tenant\'s household"',
        isDefault: false,
        values: { victimStatus: 'Tenant' },
      },
    ]);
  });

  it("explains the 'Not reached' branch by the answer the other branches test", async () => {
    await simulation.applyStep({ kind: 'complete', taskKey: 'make_safe_telephone_contact', values: { contactAttemptAt: T0, contactOutcome: 'Not reached', attemptNotes: 'No answer' } }, TRAINER);

    const { decisions, next } = simulation.explanation();
    expect(decisions.at(-1)).toEqual({
      gatewayId: 'g_safe_contact_made',
      gatewayName: 'Contact made?',
      flowId: 'f_g_safe_contact_made__t_retry_contact',
      flowName: 'Not reached',
      targetId: 't_retry_contact',
      targetName: 'Wait and try again',
      condition: null,
      isDefault: true,
      values: { contactOutcome: 'Not reached' },
    });
    expect(next.find((n) => n.activityId === 't_retry_contact')!.leadsTo).toEqual([
      { flowName: null, targetId: 'make_safe_telephone_contact', targetName: "Make 'safe' telephone contact", condition: null, isDefault: false },
    ]);
  });

  it('after one working day: the deadline has fired into the escalation, and the decisions are kept', async () => {
    const fired = await simulation.applyStep({ kind: 'advance', workingDays: 1 }, TRAINER);

    expect(fired.map((f) => f.activityId)).toEqual(expect.arrayContaining(['t_retry_contact', 't_safe_contact_due']));
    const state = simulation.state(TRAINER);
    expect(state.tasks.find((t) => t.taskKey === 'escalate_safe_contact_overdue')?.candidateGroups).toEqual(['tc_housing_manager']);
    expect(state.explanation.deadlines.map((d) => d.timerId)).not.toContain('t_safe_contact_due');
    expect(state.explanation.decisions.map((d) => [d.gatewayId, d.flowName])).toEqual([
      ['g_in_scope', 'Tenant or household member'],
      ['g_safe_contact_made', 'Not reached'],
    ]);
    // The retried call is open again, with its own due date as a deadline.
    expect(state.explanation.deadlines).toContainEqual(expect.objectContaining({ timerId: 'make_safe_telephone_contact', timerName: 'Due date', attachedToName: "Make 'safe' telephone contact" }));
  });
});

describe('the variables a condition names', () => {
  it('reads identifiers outside string literals, and getVariable arguments', () => {
    expect(namesIn('=contactOutcome = "Not safe to talk – call back arranged" and callBackAt != null')).toEqual(['contactOutcome', 'and', 'callBackAt', 'null']);
    expect(namesIn("${empty execution.getVariable('preferredContactAt') ? 'a' : b}")).toEqual(['preferredContactAt', 'empty', 'execution', 'getVariable', 'b']);
  });
});
