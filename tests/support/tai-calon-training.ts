/**
 * The Tai Calon disclosure walk-through that the training tests share (unit specs of
 * server/src/simulation and the integration tests of tests/integration/simulation): its process,
 * a live clock, the answers of its first steps, and (for sandbox specs) its resources and the
 * England & Wales office calendar. Fictional throughout.
 */
import { join } from 'node:path';
import { BusinessCalendar } from '../../server/engine';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';

export const TENANT = 'tai-calon';
export const PROCESS = 'tai_calon_da_disclosure';
export const START_EVENT = 'start_direct_report_victim';
/** Tuesday 2 March 2027, 10:00 London time (GMT). */
export const T0 = '2027-03-02T10:00:00.000Z';
export const ONE_WORKING_DAY_LATER = '2027-03-03T10:00:00.000Z';

/** A direct report from the victim, logged at T0 (`over` changes answers). */
export function disclosureAnswers(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    disclosureRoute: 'Direct report from the victim',
    receivedAt: T0,
    receivedBy: 'Reception',
    victimName: 'A. Trainee Victim',
    victimAddress: '1 Example Terrace',
    victimStatus: 'Tenant',
    preferredContactArrangement: 'no preference',
    safeNumber: '07700 900123',
    safeToLeaveMessage: 'no',
    immediateDanger: 'no',
    ...over,
  };
}

export const REACT_ANSWERS = { reactReference: 'R-0302', reactAddedAt: T0 };
export const RISK_FACTOR_ANSWERS = { cohabitsWithPerpetrator: 'no', vulnerabilitiesOrBarriers: 'no', healthAndSafetyIssues: 'no', ongoingTenancyAction: 'no' };
export const NOT_REACHED_ANSWERS = { contactAttemptAt: T0, contactOutcome: 'Not reached', attemptNotes: 'No answer; no message left' };

/** Tai Calon's process files (its folder and `_shared`), as the organisation deploys them. */
export function taiCalonResources(): { name: string; content: string }[] {
  const organisation = readProcessDirectory(join(__dirname, '../../processes')).find((o) => o.tenantId === TENANT);
  if (!organisation) throw new Error('processes/tai-calon is missing');
  return organisation.resources;
}

/** England & Wales, Monday–Friday 09:00–17:00 London time. */
export function officeCalendar(): BusinessCalendar {
  return new BusinessCalendar({ region: 'ENG', timeZone: 'Europe/London', officeHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, closures: [] });
}
