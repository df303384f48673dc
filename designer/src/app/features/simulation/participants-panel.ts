import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { problemMessage } from '../inbox/inbox-api';
import { type Person, SimulationApi, type SimulationState, type SimulationTask } from './simulation-api';

/**
 * The owner's participants: colleagues invited to the simulation (chosen from the organisation's
 * people), and for each open step who does it. A step handed to a participant shows on their own
 * screen and only they (or the owner) may complete it; "Nobody" takes it back.
 */
@Component({
  selector: 'sp-participants-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = sim();
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants</h2>
      @if (s.participants.length === 0) {
        <p class="muted">Nobody else is taking part yet.</p>
      } @else {
        <ul class="people" data-testid="participants">
          @for (person of s.participants; track person.id) {
            <li>{{ person.name }}</li>
          }
        </ul>
      }

      <form class="invite" (submit)="$event.preventDefault(); invite(person.value)">
        <div class="sp-field">
          <label for="invite-person">Invite a colleague</label>
          @if (peopleMessage(); as message) {
            <p class="sp-hint">{{ message }}</p>
          }
          <select id="invite-person" #person [attr.aria-invalid]="inviteProblem() ? 'true' : null" [attr.aria-describedby]="inviteProblem() ? 'invite-problem' : null">
            <option value="">Choose a colleague</option>
            @for (p of invitable(); track p.id) {
              <option [value]="p.id">{{ p.name }}</option>
            }
          </select>
          @if (inviteProblem(); as problem) {
            <p id="invite-problem" class="problem">{{ problem }}</p>
          }
        </div>
        <button type="submit" class="sp-button sp-button-secondary" [attr.aria-disabled]="busy()">Invite</button>
      </form>

      @if (s.tasks.length > 0) {
        <h3>Who does each open step</h3>
        @if (s.participants.length === 0) {
          <p class="muted">Invite a colleague to hand them a step.</p>
        } @else {
          <ul class="hand">
            @for (task of s.tasks; track task.id) {
              <li data-testid="hand-step" [attr.data-task-key]="task.taskKey">
                <label [for]="'hand-' + task.id">Hand “{{ task.name || task.taskKey }}” to</label>
                <div class="row">
                  <select [id]="'hand-' + task.id" #to>
                    <option value="" [selected]="task.handedTo === null">Nobody: you do it</option>
                    @for (p of s.participants; track p.id) {
                      <option [value]="p.id" [selected]="task.handedTo?.id === p.id">{{ p.name }}</option>
                    }
                  </select>
                  <button type="button" class="sp-button sp-button-secondary" (click)="hand(task, to.value)" [attr.aria-disabled]="busy()">Hand to</button>
                </div>
                @if (task.handedTo; as person) {
                  <p class="meta">Handed to {{ person.name }}.</p>
                }
              </li>
            }
          </ul>
        }
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    h3 { font-size: 1rem; margin: 1rem 0 0.5rem; }
    .muted, .meta { color: var(--sp-muted); }
    .meta { margin: 0.25rem 0 0; font-size: 0.875rem; }
    .people { margin: 0 0 0.75rem; padding-left: 1.25rem; }
    .invite .sp-field { margin-bottom: 0.5rem; }
    select { font: inherit; padding: 0.375rem 0.5rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; background: var(--sp-paper); color: var(--sp-ink); max-width: 100%; }
    select[aria-invalid='true'] { border-color: var(--sp-danger); }
    .problem { margin: 0; color: var(--sp-danger); font-weight: 600; }
    .hand { list-style: none; margin: 0; padding: 0; }
    .hand li { padding: 0.5rem 0; border-top: 1px solid var(--sp-line); }
    .hand label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  `,
})
export class ParticipantsPanel {
  private readonly api = inject(SimulationApi);

  readonly sim = input.required<SimulationState>();
  /** The simulation after an invitation or a hand-over. */
  readonly updated = output<SimulationState>();
  /** A result in words for the page's status message. */
  readonly announce = output<string>();

  protected readonly people = signal<Person[]>([]);
  protected readonly peopleMessage = signal<string | null>('Loading your colleagues…');
  protected readonly inviteProblem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly invitable = computed(() => {
    const taking = new Set(this.sim().participants.map((p) => p.id));
    return this.people().filter((p) => !taking.has(p.id));
  });

  constructor() {
    void this.loadPeople();
  }

  private async loadPeople(): Promise<void> {
    try {
      const people = await this.api.people();
      this.people.set([...people].sort((a, b) => a.name.localeCompare(b.name)));
      this.peopleMessage.set(people.length === 0 ? 'Nobody else in your organisation can be invited.' : null);
    } catch (error) {
      this.peopleMessage.set(problemMessage(error, 'Your colleagues could not be loaded. Reload the page to try again.'));
    }
  }

  protected async invite(userId: string): Promise<void> {
    if (this.busy()) return;
    if (userId === '') {
      this.inviteProblem.set('Choose a colleague to invite.');
      return;
    }
    this.inviteProblem.set(null);
    this.busy.set(true);
    try {
      const next = await this.api.invite(this.sim().id, userId);
      this.updated.emit(next);
      const name = next.participants.find((p) => p.id === userId)?.name ?? 'The colleague';
      this.announce.emit(`${name} is taking part. Hand them a step and it shows on their screen.`);
    } catch (error) {
      this.inviteProblem.set(problemMessage(error, 'The colleague could not be invited.'));
    } finally {
      this.busy.set(false);
    }
  }

  protected async hand(task: SimulationTask, userId: string): Promise<void> {
    if (this.busy()) return;
    const to = userId === '' ? null : userId;
    if ((task.handedTo?.id ?? null) === to) {
      this.announce.emit(to === null ? `“${this.nameOf(task)}” is already yours.` : `“${this.nameOf(task)}” is already handed to ${task.handedTo?.name}.`);
      return;
    }
    this.busy.set(true);
    try {
      const next = await this.api.hand(this.sim().id, task.id, to);
      this.updated.emit(next);
      const person = next.participants.find((p) => p.id === to);
      this.announce.emit(to === null ? `You took “${this.nameOf(task)}” back.` : `“${this.nameOf(task)}” is handed to ${person?.name ?? 'the colleague'}.`);
    } catch (error) {
      this.announce.emit(problemMessage(error, 'The step could not be handed over.'));
    } finally {
      this.busy.set(false);
    }
  }

  private nameOf(task: SimulationTask): string {
    return task.name || task.taskKey;
  }
}
