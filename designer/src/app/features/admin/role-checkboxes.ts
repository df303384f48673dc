import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import type { RoleOption } from './admin-api';

/**
 * A group of checkboxes, one per role, each with what the role lets its holder do; used for a
 * person's roles and for an API token's.
 */
@Component({
  selector: 'sp-role-checkboxes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset [attr.aria-describedby]="hint() ? id() + '-hint' : null" [class.invalid]="invalid()">
      <legend>{{ legend() }}</legend>
      @if (hint()) {
        <p class="sp-hint" [id]="id() + '-hint'">{{ hint() }}</p>
      }
      @for (option of options(); track option.value) {
        <div class="choice">
          <input type="checkbox" [id]="id() + '-' + option.value" [value]="option.value" [checked]="value().includes(option.value)"
            (change)="toggle(option.value, $any($event.target).checked)" [attr.aria-describedby]="id() + '-' + option.value + '-what'" />
          <label [for]="id() + '-' + option.value">{{ option.label }}</label>
          <span class="what" [id]="id() + '-' + option.value + '-what'">{{ option.description }}</span>
        </div>
      }
    </fieldset>
  `,
  styles: `
    :host { display: block; margin-bottom: 1.25rem; }
    fieldset { margin: 0; padding: 0.5rem 1rem 0.75rem; border: 1px solid var(--sp-line); border-radius: 0.25rem; }
    fieldset.invalid { border: 2px solid var(--sp-danger); }
    legend { font-weight: 600; padding: 0 0.25rem; }
    .sp-hint { margin-bottom: 0.5rem; }
    .choice { display: grid; grid-template-columns: 1.5rem 1fr; column-gap: 0.5rem; padding: 0.25rem 0; }
    input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; accent-color: var(--sp-brand); }
    label { font-weight: 600; }
    .what { grid-column: 2; color: var(--sp-muted); font-size: 0.9375rem; }
  `,
})
export class RoleCheckboxes {
  /** Prefix of the checkboxes' ids (unique on the page). */
  readonly id = input.required<string>();
  readonly legend = input.required<string>();
  readonly hint = input('');
  readonly options = input.required<readonly RoleOption[]>();
  /** Whether the page's error message is about this choice (a red border; the message itself is announced). */
  readonly invalid = input(false);
  /** The roles ticked, in the options' order. */
  readonly value = model.required<string[]>();

  protected toggle(role: string, checked: boolean): void {
    const chosen = new Set(this.value());
    if (checked) chosen.add(role);
    else chosen.delete(role);
    this.value.set(this.options().map((o) => o.value).filter((r) => chosen.has(r)));
  }
}
