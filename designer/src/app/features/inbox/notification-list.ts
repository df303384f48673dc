import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { type AppNotification, InboxApi, problemMessage } from './inbox-api';
import { formatDateTime } from './time-format';

const KIND_LABEL: Record<AppNotification['kind'], string> = {
  escalation: 'Escalation',
  overdue: 'Overdue',
  assignment: 'Assigned to you',
};

/**
 * Escalations, overdue notices and assignments for the person and their teams, newest first,
 * each linking to its task; unread ones can be marked read.
 */
@Component({
  selector: 'sp-notification-list',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="notifications-heading" class="notifications">
      <h2 id="notifications-heading">Notifications @if (unread() > 0) {<span class="count">({{ unread() }} unread)</span>}</h2>
      @if (problem(); as problem) {
        <p class="sp-error">{{ problem }}</p>
      } @else if (items().length === 0) {
        <p class="empty">No notifications. Escalations, overdue tasks and tasks given to you appear here.</p>
      } @else {
        <ul>
          @for (item of items(); track item.id) {
            <li [class.unread]="item.readAt === null">
              <span class="kind" [class.escalation]="item.kind !== 'assignment'">{{ kindLabel[item.kind] }}</span>
              <a [routerLink]="['/tasks', item.taskId]">{{ item.title }}</a>
              <span class="meta">
                @if (item.businessKey) {<span>Case {{ item.businessKey }} · </span>}
                <time [attr.datetime]="item.created">{{ format(item.created) }}</time>
                @if (item.readAt === null) {<span class="sp-visually-hidden"> (unread)</span>}
              </span>
              @if (item.readAt === null) {
                <button type="button" class="link" (click)="markRead(item)">Mark as read<span class="sp-visually-hidden">: {{ item.title }}</span></button>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    .count { font-weight: 400; font-size: 1rem; margin-left: 0.25rem; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: grid; grid-template-columns: auto 1fr auto; gap: 0.125rem 0.75rem; align-items: baseline; padding: 0.5rem 0; border-bottom: 1px solid var(--sp-line); }
    li.unread { font-weight: 600; }
    .kind { font-size: 0.8125rem; padding: 0.0625rem 0.375rem; border: 1px solid var(--sp-muted); border-radius: 0.25rem; font-weight: 600; }
    .kind.escalation { border-color: var(--sp-danger); color: var(--sp-danger); }
    .meta { grid-column: 2; font-size: 0.875rem; color: var(--sp-muted); font-weight: 400; }
    .link { grid-column: 3; grid-row: 1; font: inherit; font-size: 0.875rem; font-weight: 400; background: none; border: none; color: var(--sp-focus); text-decoration: underline; cursor: pointer; padding: 0.25rem; }
    .empty { color: var(--sp-muted); }
  `,
})
export class NotificationList {
  private readonly api = inject(InboxApi);
  protected readonly items = signal<AppNotification[]>([]);
  protected readonly problem = signal<string | null>(null);
  protected readonly unread = computed(() => this.items().filter((n) => n.readAt === null).length);
  protected readonly kindLabel = KIND_LABEL;
  protected readonly format = formatDateTime;

  constructor() {
    void this.reload();
  }

  /** Fetches the list again (after a live `notification` event). */
  async reload(): Promise<void> {
    try {
      this.items.set(await this.api.notifications());
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemMessage(error, 'Notifications could not be loaded.'));
    }
  }

  protected async markRead(item: AppNotification): Promise<void> {
    try {
      await this.api.markRead(item.id);
      this.items.update((items) => items.map((n) => (n.id === item.id ? { ...n, readAt: new Date().toISOString() } : n)));
    } catch (error) {
      this.problem.set(problemMessage(error, 'The notification could not be marked as read.'));
    }
  }
}
