/** `/api/inbox`: the views of open tasks, claiming and assigning, and the live event stream. */
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requestCaller } from '../engine-rest/controllers/caller-scope';
import { RequirePermission } from '../security/decorators';
import { AssignDto, InboxQueryDto } from './inbox.dto';
import { InboxService, type InboxPage } from './inbox.service';
import { subscriberOf, TaskEventHub, type InboxEvent } from './task-event-hub';

/** A comment line every 15 s keeps proxies and browsers from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** A stream ends after this long; EventSource reconnects, so the caller's session is checked again. */
export const STREAM_MAX_MS = 15 * 60_000;

@ApiTags('api: inbox')
@Controller('api/inbox')
@RequirePermission('task:work')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly hub: TaskEventHub,
  ) {}

  @Get()
  @ApiOperation({ summary: 'One page of a view (mine, team, all) in inbox order, with the count of each view' })
  list(@Query() query: InboxQueryDto): Promise<InboxPage> {
    const filter = { processKey: query.processKey, taskKey: query.taskKey, dueWithin: query.dueWithin };
    return this.inbox.list(query.view ?? 'mine', filter, { firstResult: query.firstResult ?? 0, maxResults: query.maxResults ?? 50 });
  }

  @Get('events')
  @ApiOperation({ summary: 'Server-sent events: task-created, task-claimed, task-completed, task-overdue, notification' })
  events(@Req() request: Request, @Res() response: Response): void {
    const subscriber = subscriberOf(requestCaller());
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    let sequence = 0;
    const write = (text: string) => {
      if (!response.writableEnded) response.write(text);
    };
    const end = () => {
      if (!response.writableEnded) response.end();
    };
    const unsubscribe = this.hub.subscribe(
      subscriber,
      (event: InboxEvent) => write(`id: ${++sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`),
      end,
    );
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
    const lifetime = setTimeout(end, STREAM_MAX_MS);
    heartbeat.unref();
    lifetime.unref();
    const stop = () => {
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
    };
    request.once('close', stop);
    response.once('close', stop);
    write(`retry: 5000\n: connected\n\n`);
  }

  @Post(':taskId/claim')
  @HttpCode(204)
  @ApiOperation({ summary: 'Claim a task for yourself' })
  async claim(@Param('taskId') taskId: string): Promise<void> {
    await this.inbox.claim(taskId);
  }

  @Post(':taskId/unclaim')
  @HttpCode(204)
  @ApiOperation({ summary: 'Release a task back to its groups' })
  async unclaim(@Param('taskId') taskId: string): Promise<void> {
    await this.inbox.unclaim(taskId);
  }

  @Post(':taskId/assign')
  @RequirePermission('task:assign')
  @HttpCode(204)
  @ApiOperation({ summary: 'Assign a task to a colleague (managers)' })
  async assign(@Param('taskId') taskId: string, @Body() body: AssignDto): Promise<void> {
    await this.inbox.assign(taskId, body.userId);
  }
}
