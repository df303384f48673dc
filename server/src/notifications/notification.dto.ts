/** Query of `/api/notifications`. */
import { OptBool, OptInt, OptList, OptString } from '../engine-rest/validation';

export class NotificationQueryDto {
  /** The user whose notifications to list. */
  @OptString('The user whose notifications to list') userId?: string;
  /** The groups the user belongs to (comma-separated): group notifications are listed too. */
  @OptList('Groups of the user') groups?: string[];
  @OptBool('Only unread ones') unread?: boolean;
  @OptString('Only this organisation') tenantId?: string;
  @OptInt('Paging: skip this many', 0) firstResult?: number;
  @OptInt('Paging: at most this many (default 100, at most 1000)', 1) maxResults?: number;
}
