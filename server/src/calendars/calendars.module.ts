import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/**
 * Per-organisation business calendars and their admin API (`/api/calendars`). Exports
 * `CalendarService`, whose `calendarFor(tenantId)` the engine uses. Needs the global DataSource.
 */
@Module({
  controllers: [CalendarController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarsModule {}
