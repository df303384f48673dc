import { BusinessCalendar } from './business-calendar';
import { DeadlineSpec, formatDeadline, parseDeadline, resolveDeadline } from './deadline-notation';
import { london, inLondon } from './test-helpers';
import { TimerSyntaxError } from './timer-syntax-error';

const england = new BusinessCalendar({ region: 'ENG' });

describe('Safepath deadline notation: parsing', () => {
  it.each<[string, DeadlineSpec]>([
    ['1 working day', { kind: 'workingDays', days: 1 }],
    ['3 Working Days', { kind: 'workingDays', days: 3 }],
    ['3 working day', { kind: 'workingDays', days: 3 }],
    ['  within   1 working day ', { kind: 'workingDays', days: 1 }],
    ['4 working hours', { kind: 'workingTime', millis: 4 * 3_600_000 }],
    ['1.5 working hours', { kind: 'workingTime', millis: 90 * 60_000 }],
    ['30 working minutes', { kind: 'workingTime', millis: 30 * 60_000 }],
    ['1 working minute', { kind: 'workingTime', millis: 60_000 }],
    ['End of Working Day', { kind: 'endOfWorkingDay', workingDaysAfter: 0 }],
    ['same working day', { kind: 'endOfWorkingDay', workingDaysAfter: 0 }],
    ['by the end of the working day', { kind: 'endOfWorkingDay', workingDaysAfter: 0 }],
    ['end of next working day', { kind: 'endOfWorkingDay', workingDaysAfter: 1 }],
  ])('given %j, when parsed, then it is read as Safepath notation', (text, spec) => {
    expect(parseDeadline(text)).toEqual(spec);
  });

  it.each(['P1D', 'PT4H', '2027-01-06T10:00:00Z', 'R/2027-01-06T10:00:00Z/P14D', 'tomorrow'])(
    'given %j (not Safepath notation), when parsed, then the result is null so ISO 8601 can be tried',
    (text) => {
      expect(parseDeadline(text)).toBeNull();
    },
  );

  it.each([
    ['1.5 working days', 'working days must be whole; write part of a day in working hours'],
    ['0 working days', 'the amount must be more than 0'],
    ['three working days', 'write a number then a working-time unit'],
    ['2 working weeks', 'write a number then a working-time unit'],
    ['end of working week', 'write a number then a working-time unit'],
    ['5000 working days', 'at most 1000 working days'],
  ])('given the malformed %j, when parsed, then a TimerSyntaxError explains it', (text, problem) => {
    expect(() => parseDeadline(text)).toThrow(TimerSyntaxError);
    expect(() => parseDeadline(text)).toThrow(`'${text}' is not a valid Safepath deadline: ${problem}`);
  });

  it.each([
    ['1 working day', '1 working day'],
    ['within 3 Working Day', '3 working days'],
    ['4 working hours', '4 working hours'],
    ['1.5 working hours', '90 working minutes'],
    ['30 working minutes', '30 working minutes'],
    ['same working day', 'end of working day'],
    ['end of the next working day', 'end of next working day'],
  ])('given %j, when formatted, then it reads %j and parses back to the same deadline', (text, canonical) => {
    const spec = parseDeadline(text) as DeadlineSpec;
    expect(formatDeadline(spec)).toBe(canonical);
    expect(parseDeadline(canonical)).toEqual(spec);
  });
});

describe('Safepath deadline notation: resolving against the calendar', () => {
  const due = (text: string, from: string): string => inLondon(resolveDeadline(parseDeadline(text) as DeadlineSpec, london(from), england));

  it('given a disclosure at 16:59 before a bank-holiday Monday, when safe contact is due "within 1 working day", then it is Tuesday 16:59', () => {
    expect(due('within 1 working day', '2026-05-22 16:59')).toBe('Tue 2026-05-26 16:59 +01:00');
  });

  it('given a disclosure at 16:59 on Fri 24 Dec 2027, when ReACT entry is due "1 working day" later, then it is Wed 29 Dec 16:59', () => {
    expect(due('1 working day', '2027-12-24 16:59')).toBe('Wed 2027-12-29 16:59 +00:00');
  });

  it('given a children referral on a Saturday, when it is due the "same working day", then it is Monday 17:00', () => {
    expect(due('same working day', '2026-05-23 11:00')).toBe('Tue 2026-05-26 17:00 +01:00'); // Monday is a bank holiday
    expect(due('same working day', '2026-05-16 11:00')).toBe('Mon 2026-05-18 17:00 +01:00');
  });

  it('given a referral at 10:00 on a working day, when it is due by "end of working day", then it is 17:00 that day', () => {
    expect(due('end of working day', '2026-05-20 10:00')).toBe('Wed 2026-05-20 17:00 +01:00');
    expect(due('end of next working day', '2026-05-20 10:00')).toBe('Thu 2026-05-21 17:00 +01:00');
  });

  it('given working hours and minutes, when resolved over Christmas 2026, then closed days are skipped', () => {
    expect(due('4 working hours', '2026-12-24 15:00')).toBe('Tue 2026-12-29 11:00 +00:00');
    expect(due('30 working minutes', '2026-05-15 16:45')).toBe('Mon 2026-05-18 09:15 +01:00');
  });
});

describe('calendar-day deadlines ("referrals should be made the same day")', () => {
  const calendar = new BusinessCalendar({ region: 'ENG' });

  it('given a need found at 10:15 on Saturday 5 Dec 2026, when the deadline is "end of day", then it is 23:59 London that Saturday', () => {
    const due = resolveDeadline(parseDeadline('end of day')!, new Date('2026-12-05T10:15:00Z'), calendar);
    expect(due.toISOString()).toBe('2026-12-05T23:59:00.000Z');
  });

  it('given a need found at 09:30 BST on Wed 3 Jun 2026, when the reminder is "same day at 16:00", then it is 16:00 London (15:00 UTC)', () => {
    const due = resolveDeadline(parseDeadline('Same day at 16:00')!, new Date('2026-06-03T08:30:00Z'), calendar);
    expect(due.toISOString()).toBe('2026-06-03T15:00:00.000Z');
  });

  it('given a need found at 16:30, when the reminder is "today at 16:00", then it is due at once', () => {
    const from = new Date('2026-11-25T16:30:00Z');
    expect(resolveDeadline(parseDeadline('today at 16:00')!, from, calendar).toISOString()).toBe(from.toISOString());
  });

  it('rejects an impossible time', () => {
    expect(() => parseDeadline('same day at 25:00')).toThrow(/between 00:00 and 23:59/);
  });

  it('formats calendar-day deadlines back to their canonical text', () => {
    expect(formatDeadline(parseDeadline('by the end of the day')!)).toBe('end of day');
    expect(formatDeadline(parseDeadline('today at 9:05')!)).toBe('same day at 09:05');
  });
});
