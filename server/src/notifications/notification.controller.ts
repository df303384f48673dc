/** `/api/notifications`: overdue, escalation and assignment notices for a user and their groups. */
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '../../engine';
import { notFound } from '../../engine/engine-error';
import { CLOCK } from '../engine-host/tokens';
import { CamundaRestError } from '../engine-rest/camunda-rest-error';
import { NotificationQueryDto } from './notification.dto';
import { NotificationRepository, type NotificationDto, type RecipientFilter } from './notification.repository';
import { RequirePermission } from '../security/decorators';
import { currentCaller, currentDataScope } from '../security/request-context';

/**
 * Whose notifications the caller may read: an organisation's user or token only its own and
 * its groups' within its organisation (naming anybody else is a 403); the platform
 * administrator whatever the query names.
 */
function recipientsOf(query: Pick<NotificationQueryDto, 'userId' | 'groups' | 'tenantId'> = {}): RecipientFilter | undefined {
  const caller = currentCaller();
  const { tenantId } = currentDataScope();
  if (caller === null || tenantId === null) return undefined;
  const otherUser = query.userId !== undefined && query.userId !== caller.userId;
  const otherGroup = (query.groups ?? []).some((group) => !caller.groups.includes(group));
  const otherOrganisation = query.tenantId !== undefined && query.tenantId !== tenantId;
  if (otherUser || otherGroup || otherOrganisation) {
    throw new CamundaRestError(403, 'AuthorizationException', 'You may read only your own notifications and your groups\'');
  }
  return { userId: caller.userId, groups: query.groups ?? [...caller.groups], tenantId };
}

@ApiTags('api: notifications')
@Controller('api/notifications')
@RequirePermission('self')
export class NotificationController {
  constructor(
    private readonly notifications: NotificationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "A user's notifications and their groups', newest first" })
  list(@Query() query: NotificationQueryDto): Promise<NotificationDto[]> {
    const recipients = recipientsOf(query) ?? { userId: query.userId, groups: query.groups, tenantId: query.tenantId };
    return this.notifications.list({ ...recipients, unreadOnly: query.unread }, query);
  }

  @Get('count')
  @ApiOperation({ summary: 'How many are unread' })
  async count(@Query() query: NotificationQueryDto): Promise<{ count: number }> {
    const recipients = recipientsOf(query) ?? { userId: query.userId, groups: query.groups, tenantId: query.tenantId };
    return { count: await this.notifications.countUnread(recipients) };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notification read (one of your own or your groups\')' })
  async markRead(@Param('id') id: string): Promise<void> {
    if (!(await this.notifications.markRead(id, this.clock.now(), recipientsOf()))) throw notFound(`Notification ${id} does not exist`);
  }
}
