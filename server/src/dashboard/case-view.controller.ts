/** `/api/cases/:id` (the case view) and managers' actions on cases and tasks, each with a reason. */
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { parseCamundaDate } from '../engine-rest/camunda-date';
import { RequirePermission } from '../security/decorators';
import { CaseViewService, type CaseView } from './case-view.service';
import { ChangeDueDto, OptionalReasonDto, ReasonDto, ReassignDto } from './dashboard.dto';

@ApiTags('api: cases')
@Controller('api/cases')
export class CaseViewController {
  constructor(private readonly cases: CaseViewService) {}

  @Get(':id')
  @RequirePermission('case:read')
  @ApiOperation({ summary: 'A case: diagram, current position, timeline, variables (sensitive ones only for its organisation), incidents' })
  view(@Param('id') id: string, @Req() request: Request): Promise<CaseView> {
    return this.cases.view(id, request);
  }

  @Post(':id/incidents/:incidentId/retry')
  @RequirePermission('job:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Retry the failed job of an incident' })
  async retry(@Param('id') id: string, @Param('incidentId') incidentId: string, @Body() body: OptionalReasonDto, @Req() request: Request): Promise<void> {
    await this.cases.retryIncident(id, incidentId, body.reason ?? null, request);
  }

  @Post(':id/cancel')
  @RequirePermission('case:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a case, with a reason' })
  async cancel(@Param('id') id: string, @Body() body: ReasonDto, @Req() request: Request): Promise<void> {
    await this.cases.cancel(id, body.reason, request);
  }
}

@ApiTags('api: cases')
@Controller('api/tasks')
@RequirePermission('task:assign')
export class ManagerTaskController {
  constructor(private readonly cases: CaseViewService) {}

  @Put(':id/due')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change a task\'s due date (null: none), with a reason' })
  async changeDue(@Param('id') id: string, @Body() body: ChangeDueDto, @Req() request: Request): Promise<void> {
    await this.cases.changeDue(id, body.due === null ? null : parseCamundaDate(body.due), body.reason, request);
  }

  @Post(':id/reassign')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reassign a task to a colleague, with a reason' })
  async reassign(@Param('id') id: string, @Body() body: ReassignDto, @Req() request: Request): Promise<void> {
    await this.cases.reassign(id, body.userId, body.reason, request);
  }
}
