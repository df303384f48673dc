import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar, CalendarConfigError } from '../../engine/calendar';
import { invalidRequest } from '../../engine/engine-error';
import type { CalendarDto } from './calendar.dto';

type Settings = Omit<CalendarDto, 'tenantId' | 'configured'>;

/** The calendar of an organisation that has none of its own: England & Wales, Mon–Fri 09:00–17:00, London. */
export const DEFAULT_CALENDAR: Settings = { timeZone: 'Europe/London', region: 'ENG', officeHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, closures: [] };

/** How often every server reloads the calendars others may have changed (ms). */
const REFRESH_MS = 60_000;

/**
 * Per-organisation business calendars: stored in `business_calendar`, kept in memory so the
 * engine's `calendarFor(tenantId)` is synchronous. Loaded at boot, refreshed on every change
 * made here and every minute (for changes made by other servers).
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnApplicationShutdown {
  private readonly calendars = new Map<string, { settings: Settings; calendar: BusinessCalendar }>();
  private readonly fallback = new BusinessCalendar(toConfig(DEFAULT_CALENDAR));
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The engine's calendar of a tenant (the default calendar when it has none). */
  calendarFor(tenantId: string | null): BusinessCalendar {
    return (tenantId !== null && this.calendars.get(tenantId)?.calendar) || this.fallback;
  }

  get(tenantId: string): CalendarDto {
    const own = this.calendars.get(tenantId);
    return { tenantId, ...(own?.settings ?? DEFAULT_CALENDAR), configured: !!own };
  }

  /** Replaces a tenant's calendar; rejects settings the calendar cannot work with (400). */
  async put(tenantId: string, input: Partial<Settings>): Promise<CalendarDto> {
    const settings: Settings = {
      timeZone: input.timeZone ?? DEFAULT_CALENDAR.timeZone,
      region: input.region ?? DEFAULT_CALENDAR.region,
      officeHours: input.officeHours ?? DEFAULT_CALENDAR.officeHours,
      closures: [...new Set(input.closures ?? [])].sort(),
    };
    const calendar = build(settings);
    await this.db.query(
      `INSERT INTO business_calendar (tenant_id, time_zone, region, office_days, office_start, office_end, closures, updated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (tenant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, region = EXCLUDED.region, office_days = EXCLUDED.office_days,
         office_start = EXCLUDED.office_start, office_end = EXCLUDED.office_end, closures = EXCLUDED.closures, updated = now()`,
      [tenantId, settings.timeZone, settings.region, settings.officeHours.days, settings.officeHours.start, settings.officeHours.end, settings.closures],
    );
    this.calendars.set(tenantId, { settings, calendar });
    return this.get(tenantId);
  }

  async addClosure(tenantId: string, day: string): Promise<CalendarDto> {
    const current = this.get(tenantId);
    return this.put(tenantId, { ...current, closures: [...current.closures, day] });
  }

  async removeClosure(tenantId: string, day: string): Promise<CalendarDto> {
    const current = this.get(tenantId);
    return this.put(tenantId, { ...current, closures: current.closures.filter((d) => d !== day) });
  }

  /** Reads every stored calendar into the cache. */
  async reload(): Promise<void> {
    const rows: Record<string, unknown>[] = await this.db.query('SELECT * FROM business_calendar');
    const fresh = new Map<string, { settings: Settings; calendar: BusinessCalendar }>();
    for (const r of rows) {
      const settings: Settings = {
        timeZone: String(r.time_zone),
        region: r.region as Settings['region'],
        officeHours: { days: (r.office_days as number[]).map(Number), start: String(r.office_start), end: String(r.office_end) },
        closures: (r.closures as string[]) ?? [],
      };
      try {
        fresh.set(String(r.tenant_id), { settings, calendar: build(settings) });
      } catch {
        // A row no longer valid (e.g. a time zone the runtime dropped): that tenant falls back to the defaults.
      }
    }
    this.calendars.clear();
    for (const [tenantId, entry] of fresh) this.calendars.set(tenantId, entry);
  }
}

function toConfig(settings: Settings) {
  return { region: settings.region, timeZone: settings.timeZone, officeHours: { ...settings.officeHours }, closures: settings.closures };
}

function build(settings: Settings): BusinessCalendar {
  try {
    return new BusinessCalendar(toConfig(settings));
  } catch (error) {
    if (error instanceof CalendarConfigError || error instanceof RangeError) throw invalidRequest(error.message);
    throw error;
  }
}
