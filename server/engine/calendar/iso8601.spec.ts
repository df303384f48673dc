import {
  addIsoDuration,
  nextOccurrence,
  parseIsoCycle,
  parseIsoDateTime,
  parseIsoDuration,
  TimerSyntaxError,
} from './iso8601';
import { london, inLondon } from './test-helpers';

const ZONE = 'Europe/London';

describe('ISO 8601 durations', () => {
  it.each([
    ['P1D', { years: 0, months: 0, weeks: 0, days: 1, millis: 0 }],
    ['P2W', { years: 0, months: 0, weeks: 2, days: 0, millis: 0 }],
    ['PT1.5H', { years: 0, months: 0, weeks: 0, days: 0, millis: 5_400_000 }],
    ['pt30m', { years: 0, months: 0, weeks: 0, days: 0, millis: 1_800_000 }],
    ['P1Y2M3DT4H5M6,5S', { years: 1, months: 2, weeks: 0, days: 3, millis: 4 * 3_600_000 + 5 * 60_000 + 6_500 }],
  ])('given %j, when parsed, then its parts are read', (text, parts) => {
    expect(parseIsoDuration(text)).toEqual({ ...parts, text });
  });

  it.each([
    ['P', 'expected P, then amounts'],
    ['PT', 'expected P, then amounts'],
    ['P1DT', 'expected P, then amounts'],
    ['1D', 'expected P, then amounts'],
    ['-P1D', 'negative durations are not allowed'],
    ['P1.5D', 'years, months, weeks and days must be whole numbers'],
    ['PT1.5H30M', 'only the last part may have a fraction'],
  ])('given the invalid %j, when parsed, then a TimerSyntaxError explains it', (text, problem) => {
    expect(() => parseIsoDuration(text)).toThrow(TimerSyntaxError);
    expect(() => parseIsoDuration(text)).toThrow(`'${text}' is not a valid ISO 8601 duration: ${problem}`);
  });

  it('given Sat 28 Mar 2026 12:00 GMT, when P1D and PT24H are added, then P1D keeps 12:00 and PT24H gives 13:00 BST', () => {
    const from = london('2026-03-28 12:00');
    expect(inLondon(addIsoDuration(from, parseIsoDuration('P1D'), ZONE))).toBe('Sun 2026-03-29 12:00 +01:00');
    expect(inLondon(addIsoDuration(from, parseIsoDuration('PT24H'), ZONE))).toBe('Sun 2026-03-29 13:00 +01:00');
  });

  it('given Sat 24 Oct 2026 12:00 BST, when P1D and PT24H are added, then P1D keeps 12:00 and PT24H gives 11:00 GMT', () => {
    const from = london('2026-10-24 12:00');
    expect(inLondon(addIsoDuration(from, parseIsoDuration('P1D'), ZONE))).toBe('Sun 2026-10-25 12:00 +00:00');
    expect(inLondon(addIsoDuration(from, parseIsoDuration('PT24H'), ZONE))).toBe('Sun 2026-10-25 11:00 +00:00');
  });

  it('given 31 Jan 2027, when P1M is added, then it is the last day of February', () => {
    expect(inLondon(addIsoDuration(london('2027-01-31 10:00'), parseIsoDuration('P1M'), ZONE))).toBe('Sun 2027-02-28 10:00 +00:00');
  });
});

describe('ISO 8601 date-times', () => {
  it.each([
    ['2027-01-06T10:00:00Z', 'Wed 2027-01-06 10:00 +00:00'],
    ['2026-07-01T10:00', 'Wed 2026-07-01 10:00 +01:00'],
    ['2026-07-01T10:00:00+02:00', 'Wed 2026-07-01 09:00 +01:00'],
    ['2026-07-01T10:00:00.000+0000', 'Wed 2026-07-01 11:00 +01:00'],
    ['2026-07-01', 'Wed 2026-07-01 00:00 +01:00'],
    ['2026-03-29T01:30', 'Sun 2026-03-29 02:30 +01:00'], // skipped by the spring change: moves forward
    ['2026-10-25T01:30', 'Sun 2026-10-25 01:30 +01:00'], // repeated by the autumn change: the first one
  ])('given %j, when parsed in Europe/London, then it is %s', (text, local) => {
    expect(inLondon(parseIsoDateTime(text, ZONE))).toBe(local);
  });

  it('given the repeated 01:30 on 25 Oct 2026, when parsed, then it is the earlier instant 00:30 UTC', () => {
    expect(parseIsoDateTime('2026-10-25T01:30', ZONE).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it.each(['2026-02-30T10:00', '06/01/2027', '2027-01-06 10:00', '2027-01-06T25:00', 'next tuesday'])(
    'given the invalid %j, when parsed, then a TimerSyntaxError is thrown',
    (text) => {
      expect(() => parseIsoDateTime(text, ZONE)).toThrow(TimerSyntaxError);
      expect(() => parseIsoDateTime(text, ZONE)).toThrow(`'${text}' is not a valid ISO 8601 date-time`);
    },
  );
});

describe('ISO 8601 time cycles', () => {
  const marac = parseIsoCycle('R/2027-01-06T10:00:00Z/P14D', ZONE);

  it('given the fortnightly MARAC cycle, when asked before it starts, then the first meeting is Wed 6 Jan 2027 10:00', () => {
    const next = nextOccurrence(marac, london('2027-01-01 09:00'));
    expect(next && inLondon(next.at)).toBe('Wed 2027-01-06 10:00 +00:00');
    expect(next?.index).toBe(0);
    expect(next?.remaining).toBeNull();
  });

  it('given the MARAC cycle, when asked at exactly a meeting time, then the next one is a fortnight later', () => {
    const next = nextOccurrence(marac, london('2027-01-06 10:00'));
    expect(next && inLondon(next.at)).toBe('Wed 2027-01-20 10:00 +00:00');
  });

  it('given the MARAC cycle started in GMT, when asked after the spring change, then meetings stay at 10:00 London time', () => {
    const next = nextOccurrence(marac, london('2027-04-01 09:00'));
    expect(next && inLondon(next.at)).toBe('Wed 2027-04-14 10:00 +01:00');
    expect(next?.index).toBe(7);
  });

  it('given R3 daily from Mon 5 Jan 2026, when asked on Tuesday afternoon, then Wednesday is the last occurrence', () => {
    const cycle = parseIsoCycle('R3/2026-01-05T10:00/P1D', ZONE);
    const next = nextOccurrence(cycle, london('2026-01-06 12:00'));
    expect(next && inLondon(next.at)).toBe('Wed 2026-01-07 10:00 +00:00');
    expect(next?.remaining).toBe(0);
    expect(nextOccurrence(cycle, london('2026-01-07 10:00'))).toBeNull();
  });

  it('given a monthly cycle from 31 Jan, when asked after February, then it comes back to 31 March', () => {
    const cycle = parseIsoCycle('R/2027-01-31T10:00/P1M', ZONE);
    const next = nextOccurrence(cycle, london('2027-02-28 10:00'));
    expect(next && inLondon(next.at)).toBe('Wed 2027-03-31 10:00 +01:00');
  });

  it('given a cycle without a start, when asked, then it counts from the given instant', () => {
    const cycle = parseIsoCycle('R5/PT1H', ZONE);
    expect(cycle.repetitions).toBe(5);
    const next = nextOccurrence(cycle, london('2026-05-20 10:15'));
    expect(next && inLondon(next.at)).toBe('Wed 2026-05-20 11:15 +01:00');
    expect(next?.remaining).toBe(4);
  });

  it.each([
    ['R/P0D', 'the duration must be longer than zero'],
    ['R0/PT1H', 'R0 never fires'],
    ['0 0 9 * * ?', 'cron expressions are not supported'],
    ['R/2027-01-01T00:00Z/2027-02-01T00:00Z', 'the last part must be a duration'],
    ['R/PT1H/2027-02-01T00:00Z', 'the last part must be a duration'],
    ['R5', 'expected R or Rn'],
    ['P1D', 'expected R or Rn'],
  ])('given the invalid cycle %j, when parsed, then a TimerSyntaxError explains it', (text, problem) => {
    expect(() => parseIsoCycle(text, ZONE)).toThrow(`'${text}' is not a valid ISO 8601 time cycle: ${problem}`);
  });

  it('given a cycle with a bad duration, when parsed, then the duration error is reported', () => {
    expect(() => parseIsoCycle('R/P1X', ZONE)).toThrow("'P1X' is not a valid ISO 8601 duration");
  });
});
