/** `/api/dashboard`: the manager dashboard, its CSV exports and the heat map of a process. */
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../security/decorators';
import { toCsv } from './csv';
import { DashboardService, type Dashboard } from './dashboard.service';

const HOUR_MS = 3_600_000;

function hours(ms: number): string {
  return (ms / HOUR_MS).toFixed(1);
}

/**
 * Managers only: the routes need `task:assign` (what managers and organisation tokens hold) and
 * the service refuses callers who do not see the whole organisation.
 */
@ApiTags('api: dashboard')
@Controller('api/dashboard')
@RequirePermission('task:assign')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: 'Open and overdue work by process, step, team and person; deadline compliance; longest waiting' })
  get(): Promise<Dashboard> {
    return this.dashboard.dashboard();
  }

  @Get('overdue.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="overdue.csv"')
  @ApiOperation({ summary: 'The overdue list as CSV' })
  async overdueCsv(): Promise<string> {
    const tasks = await this.dashboard.overdueExport();
    return toCsv(
      ['Case', 'Business key', 'Process', 'Step', 'Groups', 'Assignee', 'Due', 'Overdue for (hours)', 'Working hours overdue'],
      tasks.map((t) => [t.caseId, t.businessKey, t.processName ?? t.processKey, t.name ?? t.taskKey, t.candidateGroups.join(' '), t.assignee, t.due, hours(t.overdueForMs), t.workingHoursLeft === null ? null : (-t.workingHoursLeft).toFixed(1)]),
    );
  }

  @Get('compliance.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="compliance.csv"')
  @ApiOperation({ summary: 'Deadline compliance of each timed step, per month, as CSV' })
  async complianceCsv(): Promise<string> {
    const rows = await this.dashboard.complianceExport();
    return toCsv(
      ['Process', 'Step', 'Deadline', 'Month', 'Met', 'Missed', 'Rate (%)'],
      rows.flatMap((r) => r.trend.map((m) => [r.processName ?? r.processKey, r.stepName ?? r.stepKey, r.deadline, m.month, m.met, m.missed, m.rate === null ? null : (m.rate * 100).toFixed(1)])),
    );
  }

  @Get('heatmap/:processKey')
  @ApiOperation({ summary: 'The latest diagram of a process with the active and overdue cases at each step' })
  heatmap(@Param('processKey') processKey: string) {
    return this.dashboard.heatmap(processKey);
  }

  @Get('heatmap/:processKey/steps/:activityId')
  @ApiOperation({ summary: 'The cases at one step of a process, most overdue first' })
  casesAtStep(@Param('processKey') processKey: string, @Param('activityId') activityId: string) {
    return this.dashboard.casesAtStep(processKey, activityId);
  }
}
