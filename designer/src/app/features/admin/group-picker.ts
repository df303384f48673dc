import { ChangeDetectionStrategy, Component, ElementRef, computed, input, model, signal, viewChild } from '@angular/core';
import { groupLabel } from '../inbox/time-format';
import type { GroupOption } from './admin-api';

/** The server's rule for a candidate group id (server/src/security/admin.controller.ts). */
const GROUP = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A person's teams (candidate groups): a checkbox for each group the organisation's processes and
 * people use, and a field to add a group id that is not listed yet (a process about to be
 * published may name a new one).
 */
@Component({
  selector: 'sp-group-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset [attr.aria-describedby]="id() + '-hint'">
      <legend>Teams (candidate groups)</legend>
      <p class="sp-hint" [id]="id() + '-hint'">
        The tasks of these teams appear in their Inbox. Listed are the groups your organisation's processes and people use.
      </p>
      @if (choices().length === 0) {
        <p class="none">No groups are in use yet: add one below.</p>
      } @else {
        <div class="choices">
          @for (group of choices(); track group.id) {
            <div class="choice">
              <input type="checkbox" [id]="id() + '-' + group.id" [checked]="value().includes(group.id)" (change)="toggle(group.id, $any($event.target).checked)" />
              <label [for]="id() + '-' + group.id">{{ group.label }} <code>{{ group.id }}</code></label>
            </div>
          }
        </div>
      }
      <div class="other">
        <label [for]="id() + '-other'">Another group id</label>
        <p class="sp-hint" [id]="id() + '-other-hint'">Lower-case letters, digits and _, as the process model names it, e.g. tc_cho.</p>
        @if (problem(); as problem) {
          <p class="problem" [id]="id() + '-other-error'">{{ problem }}</p>
        }
        <div class="row">
          <input #other type="text" [id]="id() + '-other'" autocomplete="off" spellcheck="false" (keydown.enter)="add($event)"
            [attr.aria-describedby]="id() + '-other-hint' + (problem() ? ' ' + id() + '-other-error' : '')" [attr.aria-invalid]="problem() ? true : null" />
          <button type="button" class="sp-button sp-button-secondary" (click)="add($event)">Add group</button>
        </div>
      </div>
    </fieldset>
  `,
  styles: `
    :host { display: block; margin-bottom: 1.25rem; }
    fieldset { margin: 0; padding: 0.5rem 1rem 0.75rem; border: 1px solid var(--sp-line); border-radius: 0.25rem; }
    legend { font-weight: 600; padding: 0 0.25rem; }
    .sp-hint { margin-bottom: 0.5rem; }
    .choices { margin-bottom: 0.75rem; }
    .choice { display: flex; gap: 0.5rem; align-items: flex-start; padding: 0.2rem 0; }
    .choice input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; accent-color: var(--sp-brand); }
    code { font-size: 0.875rem; color: var(--sp-muted); }
    .none { margin: 0 0 0.75rem; color: var(--sp-muted); }
    .other label { font-weight: 600; }
    .other .sp-hint { margin: 0 0 0.25rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .row input { font: inherit; padding: 0.375rem 0.625rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; min-width: 14rem; }
    .row input[aria-invalid='true'] { border-color: var(--sp-danger); }
    .row .sp-button { padding: 0.375rem 1rem; }
    .problem { margin: 0 0 0.25rem; color: var(--sp-danger); font-weight: 600; }
  `,
})
export class GroupPicker {
  /** Prefix of the picker's element ids (unique on the page). */
  readonly id = input.required<string>();
  readonly options = input<readonly GroupOption[]>([]);
  /** The group ids chosen. */
  readonly value = model.required<string[]>();

  protected readonly problem = signal<string | null>(null);
  private readonly other = viewChild.required<ElementRef<HTMLInputElement>>('other');

  /** The listed groups and any chosen group not among them, by name. */
  protected readonly choices = computed(() => {
    const listed = new Map(this.options().map((o) => [o.id, o.label]));
    for (const id of this.value()) if (!listed.has(id)) listed.set(id, groupLabel(id));
    return [...listed].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  });

  protected toggle(group: string, checked: boolean): void {
    this.value.update((groups) => (checked ? [...groups.filter((g) => g !== group), group] : groups.filter((g) => g !== group)));
  }

  /** Adds the typed group id, ticked; Enter in the field adds rather than submitting the form. */
  protected add(event: Event): void {
    event.preventDefault();
    const field = this.other().nativeElement;
    const group = field.value.trim();
    if (group === '') return;
    if (!GROUP.test(group)) {
      this.problem.set('A group id is lower-case letters, digits and _ and starts with a letter, e.g. tc_cho.');
      field.focus();
      return;
    }
    this.problem.set(null);
    if (!this.value().includes(group)) this.value.update((groups) => [...groups, group]);
    field.value = '';
  }
}
