import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { groupLabel } from '../inbox/time-format';
import type { AdminUser, GroupOption } from './admin-api';

/** "Community Housing Officer, Community Safety Officer": a person's teams by name, or "None". */
export function groupsText(groups: readonly string[], options: readonly GroupOption[]): string {
  if (groups.length === 0) return 'None';
  const names = new Map(options.map((o) => [o.id, o.label]));
  return groups.map((g) => names.get(g) ?? groupLabel(g)).join(', ');
}

/** Whether a person can sign in, in words and not by colour alone: Active or Disabled, Locked, Single sign-on. */
@Component({
  selector: 'sp-person-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (person().disabled) {
      <span class="tag disabled">Disabled</span>
    } @else {
      <span class="tag active">Active</span>
    }
    @if (person().locked) {
      <span class="tag locked">Locked<span class="sp-visually-hidden">:</span> <span class="why">after wrong passwords</span></span>
    }
    @if (person().singleSignOn) {
      <span class="tag sso">Single sign-on</span>
    }
  `,
  styles: `
    :host { display: inline-flex; flex-wrap: wrap; gap: 0.25rem 0.375rem; }
    .tag { display: inline-block; padding: 0 0.5rem; border-radius: 1rem; border: 1px solid currentColor; font-size: 0.875rem; font-weight: 600; white-space: nowrap; }
    .active { color: var(--sp-success); background: var(--sp-tint); }
    .disabled { color: var(--sp-danger); background: #fdf2f2; }
    .locked { color: #7a4a00; background: #fff7e6; }
    .why { font-weight: 400; }
    .sso { color: var(--sp-muted); }
  `,
})
export class PersonStatus {
  readonly person = input.required<Pick<AdminUser, 'disabled' | 'locked' | 'singleSignOn'>>();
}
