import { formatCamundaDate, isCamundaDate, parseCamundaDate } from './camunda-date';

describe('camunda dates', () => {
  it('formats in UTC with milliseconds and a +0000 offset', () => {
    // given / when
    const text = formatCamundaDate(new Date('2026-11-23T09:30:00Z'));
    // then
    expect(text).toBe('2026-11-23T09:30:00.000+0000');
  });

  it('formats ISO strings and keeps null', () => {
    expect(formatCamundaDate('2026-01-02T03:04:05.678+01:00')).toBe('2026-01-02T02:04:05.678+0000');
    expect(formatCamundaDate(null)).toBeNull();
  });

  it('parses Camunda offsets, ISO offsets, Z and zone-less text', () => {
    expect(parseCamundaDate('2013-01-23T14:42:45.000+0200')?.toISOString()).toBe('2013-01-23T12:42:45.000Z');
    expect(parseCamundaDate('2013-01-23T14:42:45.000-02:30')?.toISOString()).toBe('2013-01-23T17:12:45.000Z');
    expect(parseCamundaDate('2013-01-23T14:42:45Z')?.toISOString()).toBe('2013-01-23T14:42:45.000Z');
    expect(parseCamundaDate('2013-01-23T14:42:45')?.toISOString()).toBe('2013-01-23T14:42:45.000Z');
  });

  it('rejects impossible or malformed dates', () => {
    expect(parseCamundaDate('2026-02-30T00:00:00.000+0000')).toBeNull();
    expect(parseCamundaDate('2026-13-01T00:00:00')).toBeNull();
    expect(parseCamundaDate('yesterday')).toBeNull();
    expect(isCamundaDate('2026-11-23')).toBe(false);
    expect(isCamundaDate(42)).toBe(false);
  });

  it('round-trips what it formats', () => {
    const date = new Date('2030-06-15T23:59:59.999Z');
    expect(parseCamundaDate(formatCamundaDate(date)!)?.getTime()).toBe(date.getTime());
  });
});
