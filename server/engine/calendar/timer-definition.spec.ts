import { BusinessCalendar } from './business-calendar';
import { london, inLondon } from './test-helpers';
import { computeDueDate, validateTimerText } from './timer-definition';
import { TimerExhaustedError, TimerSyntaxError } from './timer-syntax-error';

const england = new BusinessCalendar({ region: 'ENG' });

describe('computeDueDate: durations', () => {
  it('given "1 working day" at 16:59 on Fri 24 Dec 2027, when computed, then it is due Wed 29 Dec 16:59', () => {
    expect(inLondon(computeDueDate('duration', '1 working day', london('2027-12-24 16:59'), england).due)).toBe('Wed 2027-12-29 16:59 +00:00');
  });

  it('given P1D and PT24H on Sat 28 Mar 2026 12:00, when computed, then P1D is a calendar day and PT24H is 24 hours', () => {
    const now = london('2026-03-28 12:00');
    expect(inLondon(computeDueDate('duration', 'P1D', now, england).due)).toBe('Sun 2026-03-29 12:00 +01:00');
    expect(inLondon(computeDueDate('duration', ' PT24H ', now, england).due)).toBe('Sun 2026-03-29 13:00 +01:00');
  });

  it('given "4 working hours" on Sat 24 Oct 2026, when computed, then the clock starts Monday 09:00 GMT', () => {
    expect(inLondon(computeDueDate('duration', '4 working hours', london('2026-10-24 10:00'), england).due)).toBe('Mon 2026-10-26 13:00 +00:00');
  });
});

describe('computeDueDate: dates', () => {
  it('given an ISO date-time with Z, when computed, then it is that instant', () => {
    expect(inLondon(computeDueDate('date', '2027-01-06T10:00:00Z', london('2026-12-01 09:00'), england).due)).toBe('Wed 2027-01-06 10:00 +00:00');
  });

  it('given a local date-time without offset in summer, when computed, then it is London local time', () => {
    expect(computeDueDate('date', '2026-07-01T10:00', london('2026-06-01 09:00'), england).due.toISOString()).toBe('2026-07-01T09:00:00.000Z');
  });

  it('given a task due "end of working day" created at 18:00 on Friday, when computed, then it is due Monday 17:00', () => {
    expect(inLondon(computeDueDate('date', 'end of working day', london('2026-05-15 18:00'), england).due)).toBe('Mon 2026-05-18 17:00 +01:00');
  });

  it('given a task due date written as an ISO duration, when computed, then it counts from now like Camunda', () => {
    expect(inLondon(computeDueDate('date', 'P3D', london('2026-05-15 18:00'), england).due)).toBe('Mon 2026-05-18 18:00 +01:00');
  });
});

describe('computeDueDate: cycles', () => {
  it('given the fortnightly MARAC cycle, when computed on 1 Jan 2027, then the first meeting is due and the cycle repeats unchanged', () => {
    const result = computeDueDate('cycle', 'R/2027-01-06T10:00:00Z/P14D', london('2027-01-01 09:00'), england);
    expect(inLondon(result.due)).toBe('Wed 2027-01-06 10:00 +00:00');
    expect(result.repeat).toEqual({ cycle: 'R/2027-01-06T10:00:00Z/P14D', remaining: null });
  });

  it('given R3/PT10M, when the timer fires each time it is due, then it fires exactly three times ten minutes apart', () => {
    const first = computeDueDate('cycle', 'R3/PT10M', london('2026-05-20 10:00'), england);
    expect(inLondon(first.due)).toBe('Wed 2026-05-20 10:10 +01:00');
    expect(first.repeat).toEqual({ cycle: 'R2/2026-05-20T10:20:00.000+01:00/PT10M', remaining: 2 });

    const second = computeDueDate('cycle', first.repeat!.cycle, first.due, england);
    expect(inLondon(second.due)).toBe('Wed 2026-05-20 10:20 +01:00');
    expect(second.repeat).toEqual({ cycle: 'R2/2026-05-20T10:20:00.000+01:00/PT10M', remaining: 1 });

    const third = computeDueDate('cycle', second.repeat!.cycle, second.due, england);
    expect(inLondon(third.due)).toBe('Wed 2026-05-20 10:30 +01:00');
    expect(third.repeat).toBeUndefined();
  });

  it('given R/P1D without a start on Sat 28 Mar 2026 12:00 GMT, when computed, then the next firing keeps 12:00 across the change', () => {
    const result = computeDueDate('cycle', 'R/P1D', london('2026-03-28 12:00'), england);
    expect(inLondon(result.due)).toBe('Sun 2026-03-29 12:00 +01:00');
    expect(result.repeat).toEqual({ cycle: 'R/2026-03-30T12:00:00.000+01:00/P1D', remaining: null });
  });

  it('given a limited cycle whose occurrences are all past, when computed, then TimerExhaustedError is thrown', () => {
    expect(() => computeDueDate('cycle', 'R3/2026-01-05T10:00:00Z/P1D', london('2026-02-01 09:00'), england)).toThrow(TimerExhaustedError);
  });

  it('given working-time notation as a cycle, when computed, then it is rejected', () => {
    expect(() => computeDueDate('cycle', '1 working day', london('2026-02-01 09:00'), england)).toThrow(
      "'1 working day' is working-time notation, which cannot repeat",
    );
  });
});

describe('computeDueDate: unreadable text', () => {
  it.each([
    ['duration', '', 'the timer definition is empty'],
    ['duration', '${reminder}', "'${reminder}' still contains an expression"],
    ['duration', 'P1DT', "'P1DT' is not a valid ISO 8601 duration"],
    ['date', '24/12/2027', "'24/12/2027' is neither Safepath notation"],
    ['date', '2027-12-24 10:00', "'2027-12-24 10:00' is not a valid ISO 8601 date-time"],
    ['duration', '1.5 working days', "'1.5 working days' is not a valid Safepath deadline"],
  ] as const)('given kind %s and %j, when computed, then a TimerSyntaxError says %j', (kind, text, message) => {
    expect(() => computeDueDate(kind, text, london('2026-02-01 09:00'), england)).toThrow(TimerSyntaxError);
    expect(() => computeDueDate(kind, text, london('2026-02-01 09:00'), england)).toThrow(message);
  });
});

describe('validateTimerText', () => {
  it.each([
    ['duration', '1 working day'],
    ['duration', 'PT4H'],
    ['date', 'end of working day'],
    ['date', '2027-01-06T10:00:00Z'],
    ['date', 'P3D'],
    ['cycle', 'R/2027-01-06T10:00:00Z/P14D'],
    ['cycle', 'R3/PT10M'],
    ['duration', '${followUpDelay}'],
    ['date', '#{dueDate}'],
  ] as const)('given kind %s and %j, when validated, then there is no error', (kind, text) => {
    expect(validateTimerText(kind, text)).toBeNull();
  });

  it.each([
    ['duration', 'P1DT', "'P1DT' is not a valid ISO 8601 duration: expected P, then amounts with units Y M W D, then T and H M S. Examples: 'P1D', 'PT4H', 'P2W', 'P1DT12H'"],
    ['duration', '2027-01-06T10:00:00Z', "'2027-01-06T10:00:00Z' is neither Safepath notation (e.g. '1 working day', '4 working hours', 'end of working day') nor an ISO 8601 duration (e.g. 'P1D', 'PT4H')"],
    ['duration', '3 workng days', "'3 workng days' is neither Safepath notation (e.g. '1 working day', '4 working hours', 'end of working day') nor an ISO 8601 duration (e.g. 'P1D', 'PT4H')"],
    ['date', 'tomorrow', "'tomorrow' is neither Safepath notation (e.g. '1 working day', '4 working hours', 'end of working day') nor an ISO 8601 date-time or duration (e.g. '2027-01-06T10:00:00Z', 'P3D')"],
    ['duration', '0 working hours', "'0 working hours' is not a valid Safepath deadline: the amount must be more than 0. Examples: '1 working day', '4 working hours', '30 working minutes', 'end of working day', 'end of next working day'"],
    ['cycle', 'R/P14D/2027-01-06', "'R/P14D/2027-01-06' is not a valid ISO 8601 time cycle: the last part must be a duration (end dates are not supported). Examples: 'R/2027-01-06T10:00:00Z/P14D', 'R3/PT1H'"],
    ['cycle', 'same working day', "'same working day' is working-time notation, which cannot repeat; write an ISO 8601 cycle such as 'R/P1D'"],
    ['date', '   ', 'the timer definition is empty'],
  ] as const)('given kind %s and %j, when validated, then the message is exact', (kind, text, message) => {
    expect(validateTimerText(kind, text)).toBe(message);
  });
});
