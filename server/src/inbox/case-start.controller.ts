/** `/api/startable` and `POST /api/cases`: starting a new case from a process's start form. */
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../security/decorators';
import { StartCaseDto } from './inbox.dto';
import { CaseStartService, type StartableProcess } from './case-start.service';

@ApiTags('api: inbox')
@Controller('api')
@RequirePermission('case:start')
export class CaseStartController {
  constructor(private readonly starts: CaseStartService) {}

  @Get('startable')
  @ApiOperation({ summary: 'The processes you may start, with their start forms' })
  startable(): Promise<StartableProcess[]> {
    return this.starts.startable();
  }

  @Post('cases')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a case of a process (latest version) with the start form\'s answers' })
  start(@Body() body: StartCaseDto): Promise<{ caseId: string; nextTaskId: string | null }> {
    return this.starts.start(body.processKey, body.variables ?? {}, body.businessKey, body.startEventId);
  }
}
