/** `/api/notifications`: overdue, escalation and assignment notices for a user and their groups. */
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '../../engine';
import { notFound } from '../../engine/engine-error';
import { CLOCK } from '../engine-host/tokens';
import { NotificationQueryDto } from './notification.dto';
import { NotificationRepository, type NotificationDto } from './notification.repository';

@ApiTags('api: notifications')
@Controller('api/notifications')
export class NotificationController {
  constructor(
    private readonly notifications: NotificationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "A user's notifications and their groups', newest first" })
  list(@Query() query: NotificationQueryDto): Promise<NotificationDto[]> {
    return this.notifications.list({ userId: query.userId, groups: query.groups, unreadOnly: query.unread, tenantId: query.tenantId }, query);
  }

  @Get('count')
  @ApiOperation({ summary: 'How many are unread' })
  async count(@Query() query: NotificationQueryDto): Promise<{ count: number }> {
    return { count: await this.notifications.countUnread({ userId: query.userId, groups: query.groups, tenantId: query.tenantId }) };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notification read' })
  async markRead(@Param('id') id: string): Promise<void> {
    if (!(await this.notifications.markRead(id, this.clock.now()))) throw notFound(`Notification ${id} does not exist`);
  }
}
