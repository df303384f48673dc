/** `/api/calendars/{tenantId}`: an organisation's business calendar (working days, office hours, closures). */
import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { invalidRequest } from '../../engine/engine-error';
import { ClosureDayDto, PutCalendarDto, type CalendarDto } from './calendar.dto';
import { CalendarService } from './calendar.service';
import { RequirePermission } from '../security/decorators';
import { currentDataScope } from '../security/request-context';
import { notFoundRest } from '../engine-rest/camunda-rest-error';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The tenant id when the caller may see its calendar: its own organisation's (the platform administrator: any); else 404. */
function visible(tenantId: string): string {
  const scope = currentDataScope();
  if (scope.tenantId !== null && scope.tenantId !== tenantId) throw notFoundRest(`No calendar of organisation '${tenantId}'`);
  return tenantId;
}

@ApiTags('api: calendars')
@Controller('api/calendars')
@RequirePermission('definition:read')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get(':tenantId')
  @ApiOperation({ summary: "An organisation's calendar (the defaults when it has none)" })
  get(@Param('tenantId') tenantId: string): CalendarDto {
    return this.calendars.get(visible(tenantId));
  }

  @Put(':tenantId')
  @RequirePermission('calendar:write')
  @ApiOperation({ summary: "Replace an organisation's calendar; deadlines computed from now on use it" })
  put(@Param('tenantId') tenantId: string, @Body() body: PutCalendarDto): Promise<CalendarDto> {
    return this.calendars.put(visible(tenantId), body);
  }

  @Post(':tenantId/closures')
  @RequirePermission('calendar:write')
  @ApiOperation({ summary: 'Add a closure day' })
  addClosure(@Param('tenantId') tenantId: string, @Body() body: ClosureDayDto): Promise<CalendarDto> {
    return this.calendars.addClosure(visible(tenantId), body.date);
  }

  @Delete(':tenantId/closures/:date')
  @RequirePermission('calendar:write')
  @ApiOperation({ summary: 'Remove a closure day' })
  removeClosure(@Param('tenantId') tenantId: string, @Param('date') date: string): Promise<CalendarDto> {
    visible(tenantId);
    if (!ISO_DAY.test(date)) throw invalidRequest('date must be a date YYYY-MM-DD');
    return this.calendars.removeClosure(tenantId, date);
  }
}
