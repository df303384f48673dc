/**
 * The official gov.uk bank-holiday lists for 2026 and 2027 (https://www.gov.uk/bank-holidays),
 * copied by hand. Used as the test oracle for what `date-holidays` computes: if a package upgrade
 * or a one-off holiday changes the lists, the specs fail and this file is updated from gov.uk.
 */
import type { UkRegion } from './bank-holidays';

export const GOV_UK_BANK_HOLIDAYS: Readonly<Record<UkRegion, Readonly<Record<number, readonly string[]>>>> = {
  // England and Wales
  ENG: {
    2026: [
      '2026-01-01', // New Year's Day
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-04', // Early May bank holiday
      '2026-05-25', // Spring bank holiday
      '2026-08-31', // Summer bank holiday
      '2026-12-25', // Christmas Day (Friday)
      '2026-12-28', // Boxing Day (substitute day: 26 Dec is a Saturday)
    ],
    2027: [
      '2027-01-01', // New Year's Day
      '2027-03-26', // Good Friday
      '2027-03-29', // Easter Monday
      '2027-05-03', // Early May bank holiday
      '2027-05-31', // Spring bank holiday
      '2027-08-30', // Summer bank holiday
      '2027-12-27', // Christmas Day (substitute day: 25 Dec is a Saturday)
      '2027-12-28', // Boxing Day (substitute day: 26 Dec is a Sunday)
    ],
  },
  // Scotland
  SCT: {
    2026: [
      '2026-01-01', // New Year's Day
      '2026-01-02', // 2nd January
      '2026-04-03', // Good Friday
      '2026-05-04', // Early May bank holiday
      '2026-05-25', // Spring bank holiday
      '2026-08-03', // Summer bank holiday
      '2026-11-30', // St Andrew's Day
      '2026-12-25', // Christmas Day
      '2026-12-28', // Boxing Day (substitute day)
    ],
    2027: [
      '2027-01-01', // New Year's Day
      '2027-01-04', // 2nd January (substitute day: 2 Jan is a Saturday)
      '2027-03-26', // Good Friday
      '2027-05-03', // Early May bank holiday
      '2027-05-31', // Spring bank holiday
      '2027-08-02', // Summer bank holiday
      '2027-11-30', // St Andrew's Day
      '2027-12-27', // Christmas Day (substitute day)
      '2027-12-28', // Boxing Day (substitute day)
    ],
  },
  // Northern Ireland
  NIR: {
    2026: [
      '2026-01-01', // New Year's Day
      '2026-03-17', // St Patrick's Day
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-04', // Early May bank holiday
      '2026-05-25', // Spring bank holiday
      '2026-07-13', // Battle of the Boyne (substitute day: 12 Jul is a Sunday)
      '2026-08-31', // Summer bank holiday
      '2026-12-25', // Christmas Day
      '2026-12-28', // Boxing Day (substitute day)
    ],
    2027: [
      '2027-01-01', // New Year's Day
      '2027-03-17', // St Patrick's Day
      '2027-03-26', // Good Friday
      '2027-03-29', // Easter Monday
      '2027-05-03', // Early May bank holiday
      '2027-05-31', // Spring bank holiday
      '2027-07-12', // Battle of the Boyne
      '2027-08-30', // Summer bank holiday
      '2027-12-27', // Christmas Day (substitute day)
      '2027-12-28', // Boxing Day (substitute day)
    ],
  },
};
