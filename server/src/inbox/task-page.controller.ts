/** `/api/tasks/:id`: the task page, drafts of its form, and completing it. */
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../security/decorators';
import { FormValuesDto } from './inbox.dto';
import { TaskPageService, type NextTask, type TaskPage } from './task-page.service';

@ApiTags('api: tasks')
@Controller('api/tasks')
@RequirePermission('task:work')
export class TaskPageController {
  constructor(private readonly pages: TaskPageService) {}

  @Get(':id/page')
  @ApiOperation({ summary: 'Everything the task page shows: guidance, form, draft, signposting, deadline, case summary and history' })
  page(@Param('id') id: string): Promise<TaskPage> {
    return this.pages.page(id);
  }

  @Put(':id/draft')
  @HttpCode(204)
  @ApiOperation({ summary: 'Save your draft of the form (stored encrypted)' })
  async saveDraft(@Param('id') id: string, @Body() body: FormValuesDto): Promise<void> {
    await this.pages.saveDraft(id, body.values ?? {});
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the task with the form\'s answers; answers the tasks that came next in the case' })
  complete(@Param('id') id: string, @Body() body: FormValuesDto): Promise<{ nextTasks: NextTask[] }> {
    return this.pages.complete(id, body.values ?? {});
  }
}
