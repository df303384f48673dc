import fc from 'fast-check';
import { UK_REGIONS, ukBankHolidays } from './bank-holidays';
import { BusinessCalendar } from './business-calendar';
import { GOV_UK_BANK_HOLIDAYS } from './uk-bank-holidays.fixture';

describe('UK bank holidays against the gov.uk lists', () => {
  for (const region of UK_REGIONS) {
    for (const year of [2026, 2027]) {
      it(`given ${region} ${year}, when date-holidays is filtered, then it matches gov.uk exactly`, () => {
        expect(ukBankHolidays(region, year).map((holiday) => holiday.date)).toEqual(GOV_UK_BANK_HOLIDAYS[region][year]);
      });
    }
  }

  it('given a weekend Christmas, when listing, then the weekend days are not listed but the substitutes carry names', () => {
    expect(ukBankHolidays('ENG', 2027).slice(-2)).toEqual([
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('given a calendar, when asking for its bank holidays, then it returns its region list', () => {
    const scotland = new BusinessCalendar({ region: 'SCT' });
    expect(scotland.bankHolidays(2027).map((holiday) => holiday.date)).toEqual(GOV_UK_BANK_HOLIDAYS.SCT[2027]);
  });
});

describe('BusinessCalendar invariants', () => {
  const england = new BusinessCalendar({ region: 'ENG' });
  const from = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });

  it('given any instant and amount, when working time is added, then exactly that much working time lies between', () => {
    fc.assert(
      fc.property(from, fc.integer({ min: 0, max: 200 * 3_600_000 }), (start, millis) => {
        const due = england.addWorkingMillis(start, millis);
        expect(england.workingMillisBetween(start, due)).toBe(millis);
        // A due time is in working time or exactly a closing time, never in a closed period.
        const closing = england.endOfWorkingDay(new Date(due.getTime() - 1));
        expect(england.isWorkingTime(due) || due.getTime() === closing.getTime()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('given any instant, when n working days are added, then it equals n × 8 working hours', () => {
    fc.assert(
      fc.property(from, fc.integer({ min: 1, max: 15 }), (start, n) => {
        expect(england.addWorkingDays(start, n).getTime()).toBe(england.addWorkingHours(start, n * 8).getTime());
      }),
      { numRuns: 300 },
    );
  });
});
