/** `/api/calendars/{tenantId}`: an organisation's business calendar (working days, office hours, closures). */
import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { invalidRequest } from '../../engine/engine-error';
import { ClosureDayDto, PutCalendarDto, type CalendarDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('api: calendars')
@Controller('api/calendars')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get(':tenantId')
  @ApiOperation({ summary: "An organisation's calendar (the defaults when it has none)" })
  get(@Param('tenantId') tenantId: string): CalendarDto {
    return this.calendars.get(tenantId);
  }

  @Put(':tenantId')
  @ApiOperation({ summary: "Replace an organisation's calendar; deadlines computed from now on use it" })
  put(@Param('tenantId') tenantId: string, @Body() body: PutCalendarDto): Promise<CalendarDto> {
    return this.calendars.put(tenantId, body);
  }

  @Post(':tenantId/closures')
  @ApiOperation({ summary: 'Add a closure day' })
  addClosure(@Param('tenantId') tenantId: string, @Body() body: ClosureDayDto): Promise<CalendarDto> {
    return this.calendars.addClosure(tenantId, body.date);
  }

  @Delete(':tenantId/closures/:date')
  @ApiOperation({ summary: 'Remove a closure day' })
  removeClosure(@Param('tenantId') tenantId: string, @Param('date') date: string): Promise<CalendarDto> {
    if (!ISO_DAY.test(date)) throw invalidRequest('date must be a date YYYY-MM-DD');
    return this.calendars.removeClosure(tenantId, date);
  }
}
