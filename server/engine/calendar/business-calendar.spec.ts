import { BusinessCalendar } from './business-calendar';
import { london, inLondon } from './test-helpers';

const HOUR = 3_600_000;
const england = new BusinessCalendar({ region: 'ENG' });
const scotland = new BusinessCalendar({ region: 'SCT' });
const northernIreland = new BusinessCalendar({ region: 'NIR' });

describe('BusinessCalendar: working days', () => {
  it('given Mon–Fri office hours, when asking about a weekend, then it is not a working day', () => {
    expect(england.isWorkingDay('2026-05-22')).toBe(true); // Friday
    expect(england.isWorkingDay('2026-05-23')).toBe(false); // Saturday
    expect(england.isWorkingDay('2026-05-24')).toBe(false); // Sunday
    expect(england.isWorkingDay(london('2026-05-24 23:30'))).toBe(false); // Sunday night, 22:30 UTC
  });

  it('given Christmas 2026 (Friday), when checking days, then 25 Dec and the Boxing Day substitute Mon 28 Dec are closed', () => {
    expect(england.isWorkingDay('2026-12-24')).toBe(true);
    expect(england.isWorkingDay('2026-12-25')).toBe(false);
    expect(england.isWorkingDay('2026-12-28')).toBe(false);
    expect(england.isWorkingDay('2026-12-29')).toBe(true);
  });

  it('given Christmas 2027 (Saturday/Sunday), when checking days, then the substitutes Mon 27 and Tue 28 Dec are closed', () => {
    expect(england.isWorkingDay('2027-12-24')).toBe(true);
    expect(england.isWorkingDay('2027-12-27')).toBe(false);
    expect(england.isWorkingDay('2027-12-28')).toBe(false);
    expect(england.isWorkingDay('2027-12-29')).toBe(true);
  });

  it('given a summer Monday bank holiday, when the Date is 00:30 London (23:30 UTC on Sunday), then the London day counts', () => {
    expect(england.isWorkingDay(london('2026-05-25 00:30'))).toBe(false);
    expect(england.isWorkingDay(london('2026-05-26 00:30'))).toBe(true);
  });

  it('given a malformed date string, when checking it, then it is rejected', () => {
    expect(() => england.isWorkingDay('2026-02-30')).toThrow("date must be written YYYY-MM-DD, got '2026-02-30'");
  });
});

describe('BusinessCalendar: working time', () => {
  it('given office hours 09:00–17:00, when checking instants, then opening is inside and closing is outside', () => {
    expect(england.isWorkingTime(london('2026-05-22 09:00'))).toBe(true);
    expect(england.isWorkingTime(london('2026-05-22 16:59:59'))).toBe(true);
    expect(england.isWorkingTime(london('2026-05-22 17:00'))).toBe(false);
    expect(england.isWorkingTime(london('2026-05-22 08:59'))).toBe(false);
    expect(england.isWorkingTime(london('2026-05-23 11:00'))).toBe(false); // Saturday
    expect(england.isWorkingTime(london('2026-05-25 11:00'))).toBe(false); // Spring bank holiday
  });

  it('given a disclosure outside hours, when the clock starts, then it starts at the next opening time', () => {
    expect(inLondon(england.nextWorkingMoment(london('2026-05-22 16:59')))).toBe('Fri 2026-05-22 16:59 +01:00');
    expect(inLondon(england.nextWorkingMoment(london('2026-05-22 17:00')))).toBe('Tue 2026-05-26 09:00 +01:00');
    expect(inLondon(england.nextWorkingMoment(london('2026-05-19 07:30')))).toBe('Tue 2026-05-19 09:00 +01:00');
  });
});

describe('BusinessCalendar: "within n working days"', () => {
  it('given a disclosure at 16:59 on Friday 24 Dec 2027, when 1 working day is added, then it is due Wed 29 Dec 16:59', () => {
    // One working minute on Friday; Sat 25, Sun 26, Mon 27 and Tue 28 are closed.
    expect(inLondon(england.addWorkingDays(london('2027-12-24 16:59'), 1))).toBe('Wed 2027-12-29 16:59 +00:00');
  });

  it('given 16:59 on Friday before a bank-holiday Monday, when 1 working day is added, then it is due Tuesday 16:59', () => {
    expect(inLondon(england.addWorkingDays(london('2026-05-22 16:59'), 1))).toBe('Tue 2026-05-26 16:59 +01:00');
  });

  it('given 16:59 on Thursday 24 Dec 2026, when 1 working day is added, then it is due Tue 29 Dec 16:59', () => {
    expect(inLondon(england.addWorkingDays(london('2026-12-24 16:59'), 1))).toBe('Tue 2026-12-29 16:59 +00:00');
  });

  it('given a disclosure on a Saturday, when 1 working day is added, then it is due at close of business on Monday', () => {
    expect(inLondon(england.addWorkingDays(london('2026-05-16 14:00'), 1))).toBe('Mon 2026-05-18 17:00 +01:00');
  });

  it('given a disclosure on a bank holiday, when 1 working day is added, then it is due at close of business the next working day', () => {
    expect(inLondon(england.addWorkingDays(london('2026-05-25 11:00'), 1))).toBe('Tue 2026-05-26 17:00 +01:00');
  });

  it('given a disclosure at exactly 09:00, when 1 working day is added, then it is due 17:00 that day (same working time as 09:00 next day)', () => {
    expect(inLondon(england.addWorkingDays(london('2026-05-18 09:00'), 1))).toBe('Mon 2026-05-18 17:00 +01:00');
    expect(inLondon(england.addWorkingDays(london('2026-05-18 09:00'), 2))).toBe('Tue 2026-05-19 17:00 +01:00');
  });

  it('given Wed 23 Dec 2026 10:00, when 3 working days are added, then Christmas and the Boxing Day substitute are skipped', () => {
    expect(inLondon(england.addWorkingDays(london('2026-12-23 10:00'), 3))).toBe('Wed 2026-12-30 10:00 +00:00');
  });

  it('given any start, when n working days are added, then exactly n × 8 working hours have passed', () => {
    for (const start of ['2026-05-22 16:59', '2026-05-16 14:00', '2027-12-24 10:15', '2026-03-27 16:30', '2026-10-23 12:00']) {
      for (const n of [1, 2, 5]) {
        const due = england.addWorkingDays(london(start), n);
        expect(england.workingMillisBetween(london(start), due)).toBe(n * 8 * HOUR);
        expect(england.addWorkingHours(london(start), n * 8).getTime()).toBe(due.getTime());
      }
    }
  });

  it('given 0 or a fraction of a working day, when adding, then 0 gives the next working moment and a fraction is rejected', () => {
    expect(inLondon(england.addWorkingDays(london('2026-05-23 14:00'), 0))).toBe('Tue 2026-05-26 09:00 +01:00');
    expect(() => england.addWorkingDays(london('2026-05-23 14:00'), 1.5)).toThrow('working days must be a whole number ≥ 0, got 1.5');
    expect(() => england.addWorkingDays(new Date(Number.NaN), 1)).toThrow('from must be a valid Date');
  });
});

describe('BusinessCalendar: clock changes', () => {
  it('given Fri 27 Mar 2026 16:00 GMT, when 2 working hours are added across the spring change, then it is Mon 30 Mar 10:00 BST', () => {
    const due = england.addWorkingHours(london('2026-03-27 16:00'), 2);
    expect(inLondon(due)).toBe('Mon 2026-03-30 10:00 +01:00');
    expect(due.toISOString()).toBe('2026-03-30T09:00:00.000Z');
    expect(england.workingMillisBetween(london('2026-03-27 16:00'), due)).toBe(2 * HOUR);
  });

  it('given Fri 23 Oct 2026 16:30 BST, when 1 working hour is added across the autumn change, then it is Mon 26 Oct 09:30 GMT', () => {
    expect(inLondon(england.addWorkingHours(london('2026-10-23 16:30'), 1))).toBe('Mon 2026-10-26 09:30 +00:00');
  });

  it('given Fri 23 Oct 2026 12:00 BST, when 1 working day is added, then it is Mon 26 Oct 12:00 GMT (the same local time)', () => {
    const due = england.addWorkingDays(london('2026-10-23 12:00'), 1);
    expect(inLondon(due)).toBe('Mon 2026-10-26 12:00 +00:00');
    expect(due.toISOString()).toBe('2026-10-26T12:00:00.000Z');
  });

  it('given Fri 27 Mar 2026 12:00 GMT, when 1 working day is added, then it is Mon 30 Mar 12:00 BST', () => {
    expect(england.addWorkingDays(london('2026-03-27 12:00'), 1).toISOString()).toBe('2026-03-30T11:00:00.000Z');
  });
});

describe('BusinessCalendar: regions', () => {
  it('given 2 Jan 2026, when checking England and Scotland, then only Scotland is closed', () => {
    expect(inLondon(england.addWorkingDays(london('2026-01-01 10:00'), 1))).toBe('Fri 2026-01-02 17:00 +00:00');
    expect(inLondon(scotland.addWorkingDays(london('2026-01-01 10:00'), 1))).toBe('Mon 2026-01-05 17:00 +00:00');
  });

  it('given Scotland 2027, when 2 Jan falls on a Saturday, then Mon 4 Jan is the substitute and closed', () => {
    expect(scotland.isWorkingDay('2027-01-04')).toBe(false);
    expect(england.isWorkingDay('2027-01-04')).toBe(true);
    expect(inLondon(scotland.addWorkingDays(london('2026-12-31 16:00'), 1))).toBe('Tue 2027-01-05 16:00 +00:00');
  });

  it('given Good Friday 2026, when 1 working day is added, then Scotland (no Easter Monday) is due a day earlier', () => {
    expect(inLondon(england.addWorkingDays(london('2026-04-03 10:00'), 1))).toBe('Tue 2026-04-07 17:00 +01:00');
    expect(inLondon(scotland.addWorkingDays(london('2026-04-03 10:00'), 1))).toBe('Mon 2026-04-06 17:00 +01:00');
  });

  it("given St Andrew's Day and Scotland's August holiday, when checking, then only Scotland is closed", () => {
    expect(scotland.isWorkingDay('2026-11-30')).toBe(false);
    expect(england.isWorkingDay('2026-11-30')).toBe(true);
    expect(scotland.isWorkingDay('2026-08-03')).toBe(false);
    expect(scotland.isWorkingDay('2026-08-31')).toBe(true);
  });

  it("given St Patrick's Day and the Boyne substitute 2026, when 1 working day is added, then Northern Ireland skips them", () => {
    expect(inLondon(northernIreland.addWorkingDays(london('2026-03-16 16:59'), 1))).toBe('Wed 2026-03-18 16:59 +00:00');
    expect(inLondon(england.addWorkingDays(london('2026-03-16 16:59'), 1))).toBe('Tue 2026-03-17 16:59 +00:00');
    expect(inLondon(northernIreland.addWorkingDays(london('2026-07-10 12:00'), 1))).toBe('Tue 2026-07-14 12:00 +01:00');
  });
});

describe('BusinessCalendar: administrator closures', () => {
  const closedOverChristmas = new BusinessCalendar({
    region: 'ENG',
    closures: ['2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31'],
  });

  it('given the office closes between Christmas and New Year, when 1 working day is added on 23 Dec, then it is due on 4 Jan', () => {
    expect(closedOverChristmas.isWorkingDay('2026-12-24')).toBe(false);
    expect(inLondon(closedOverChristmas.addWorkingDays(london('2026-12-23 15:00'), 1))).toBe('Mon 2027-01-04 15:00 +00:00');
  });

  it('given a closure day, when asking for bank holidays, then closures are not reported as bank holidays', () => {
    expect(closedOverChristmas.bankHolidays(2026).map((holiday) => holiday.date)).not.toContain('2026-12-24');
  });
});

describe('BusinessCalendar: end of working day', () => {
  it('given a referral in hours, when asking for the end of the working day, then it is 17:00 that day', () => {
    expect(inLondon(england.endOfWorkingDay(london('2026-05-20 10:00')))).toBe('Wed 2026-05-20 17:00 +01:00');
  });

  it('given a referral before opening on a working day, when asking, then it is 17:00 that day', () => {
    expect(inLondon(england.endOfWorkingDay(london('2026-05-20 07:30')))).toBe('Wed 2026-05-20 17:00 +01:00');
  });

  it('given a referral at or after closing, when asking, then it is 17:00 the next working day', () => {
    expect(inLondon(england.endOfWorkingDay(london('2026-05-20 17:00')))).toBe('Thu 2026-05-21 17:00 +01:00');
    expect(inLondon(england.endOfWorkingDay(london('2027-12-24 18:00')))).toBe('Wed 2027-12-29 17:00 +00:00');
  });

  it('given a referral at the weekend or on a bank holiday, when asking, then it is 17:00 the next working day', () => {
    expect(inLondon(england.endOfWorkingDay(london('2026-05-23 12:00')))).toBe('Tue 2026-05-26 17:00 +01:00');
    expect(inLondon(england.endOfWorkingDay(london('2026-12-28 09:30')))).toBe('Tue 2026-12-29 17:00 +00:00');
  });

  it('given Fri 22 May 2026 10:00, when asking for the end of the next working day, then it is Tue 26 May 17:00', () => {
    expect(inLondon(england.endOfWorkingDay(london('2026-05-22 10:00'), 1))).toBe('Tue 2026-05-26 17:00 +01:00');
  });
});

describe('BusinessCalendar: working hours', () => {
  it('given Mon 18 May 2026 15:00, when 20 working hours are added, then they span four days and end Thu 11:00', () => {
    expect(inLondon(england.addWorkingHours(london('2026-05-18 15:00'), 20))).toBe('Thu 2026-05-21 11:00 +01:00');
  });

  it('given Fri 22 May 2026 13:00, when 12 working hours are added, then it ends at close of business Tuesday, not Wednesday 09:00', () => {
    expect(inLondon(england.addWorkingHours(london('2026-05-22 13:00'), 12))).toBe('Tue 2026-05-26 17:00 +01:00');
  });

  it('given fractional hours, when added, then they count in minutes and carry over the weekend', () => {
    expect(inLondon(england.addWorkingHours(london('2026-05-20 10:00'), 1.25))).toBe('Wed 2026-05-20 11:15 +01:00');
    expect(inLondon(england.addWorkingHours(london('2026-05-15 16:45'), 0.5))).toBe('Mon 2026-05-18 09:15 +01:00');
    expect(inLondon(england.addWorkingHours(london('2026-05-15 16:59'), 1 / 60))).toBe('Fri 2026-05-15 17:00 +01:00');
  });

  it('given a negative or infinite number of hours, when added, then it is rejected', () => {
    expect(() => england.addWorkingHours(london('2026-05-15 16:45'), -1)).toThrow('working hours must be a finite number ≥ 0, got -1');
    expect(() => england.addWorkingHours(london('2026-05-15 16:45'), Infinity)).toThrow('finite');
  });
});

describe('BusinessCalendar: working time between instants', () => {
  it('given a deadline after a bank-holiday weekend, when measuring time left, then only office hours count', () => {
    expect(england.workingMillisBetween(london('2026-05-22 16:00'), london('2026-05-26 10:00'))).toBe(2 * HOUR);
  });

  it('given a deadline already passed, when measuring, then the result is negative', () => {
    expect(england.workingMillisBetween(london('2026-05-26 10:00'), london('2026-05-22 16:00'))).toBe(-2 * HOUR);
  });

  it('given two instants outside hours on the same evening, when measuring, then no working time passes', () => {
    expect(england.workingMillisBetween(london('2026-05-20 17:30'), london('2026-05-20 23:00'))).toBe(0);
  });
});

describe('BusinessCalendar: other office patterns', () => {
  it('given a seven-day 08:00–20:00 helpline, when adding over a weekend, then Saturday counts but bank holidays do not', () => {
    const helpline = new BusinessCalendar({ region: 'ENG', officeHours: { days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '20:00' } });
    expect(inLondon(helpline.addWorkingHours(london('2026-05-22 19:00'), 2))).toBe('Sat 2026-05-23 09:00 +01:00');
    expect(inLondon(helpline.addWorkingHours(london('2026-05-24 19:00'), 2))).toBe('Tue 2026-05-26 09:00 +01:00');
  });

  it('given a 24-hour service, when 1 working day is added on a Friday, then the weekend counts', () => {
    const always = new BusinessCalendar({ region: 'ENG', officeHours: { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' } });
    expect(inLondon(always.addWorkingDays(london('2026-05-22 16:59'), 1))).toBe('Sat 2026-05-23 16:59 +01:00');
    expect(inLondon(always.addWorkingHours(london('2026-03-28 12:00'), 24))).toBe('Sun 2026-03-29 13:00 +01:00');
  });
});

describe('BusinessCalendar: configuration', () => {
  it.each([
    [{ region: 'WAL' }, "region must be one of ENG, SCT, NIR (England & Wales, Scotland, Northern Ireland), got 'WAL'"],
    [{ region: 'ENG', timeZone: 'Europe/Londres' }, "timeZone must be an IANA time zone such as 'Europe/London', got 'Europe/Londres'"],
    [{ region: 'ENG', officeHours: { days: [] } }, 'officeHours.days must list at least one ISO weekday'],
    [{ region: 'ENG', officeHours: { days: [0, 1] } }, 'officeHours.days must hold ISO weekdays 1 (Monday) … 7 (Sunday), got 0'],
    [{ region: 'ENG', officeHours: { days: [1, 1] } }, 'officeHours.days lists a weekday twice: [1, 1]'],
    [{ region: 'ENG', officeHours: { start: '9am' } }, "officeHours.start must be a 24-hour time 'HH:mm' such as '09:00', got '9am'"],
    [{ region: 'ENG', officeHours: { start: '17:00', end: '09:00' } }, 'officeHours.end (09:00) must be after officeHours.start (17:00); overnight hours are not supported'],
    [{ region: 'ENG', closures: ['2026-13-01'] }, "closures must hold real dates written YYYY-MM-DD, got '2026-13-01'"],
  ])('given config %j, when building a calendar, then it fails with a clear message', (config, message) => {
    expect(() => new BusinessCalendar(config as never)).toThrow(message);
  });

  it('given only a region, when building, then the defaults are Europe/London Mon–Fri 09:00–17:00', () => {
    expect(england.timeZone).toBe('Europe/London');
    expect([...england.config.days]).toEqual([1, 2, 3, 4, 5]);
    expect([england.config.startMinute, england.config.endMinute]).toEqual([9 * 60, 17 * 60]);
  });
});
