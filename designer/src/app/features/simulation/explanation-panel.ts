import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type Explanation, formatSimulatedTime } from './simulation-api';
import { formatVariable } from './step-words';

type Decision = Explanation['decisions'][number];
type Way = Explanation['next'][number]['leadsTo'][number];

/**
 * "What happens next and why": the decisions the case passed and the condition that held at each
 * (with the values it read), where each current step can lead and on what condition, and the
 * deadlines running with their due times in simulated time and what happens when they pass.
 */
@Component({
  selector: 'sp-explanation-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let e = explanation();
    <section aria-labelledby="why-heading" class="why">
      <h2 id="why-heading">What happens next and why</h2>

      <h3>Decisions so far</h3>
      @if (e.decisions.length === 0) {
        <p class="muted">The case has not passed a decision point yet.</p>
      } @else {
        <ul data-testid="explanation-decisions">
          @for (d of e.decisions; track $index) {
            <li>
              At ‘{{ d.gatewayName || d.gatewayId }}’ the path went ‘{{ branchOf(d) }}’
              @if (d.condition) {
                because <code>{{ d.condition }}</code>
                @if (valuesOf(d).length > 0) {
                  <span class="values">({{ valuesOf(d).join('; ') }})</span>
                }
              } @else if (d.isDefault) {
                because no other way’s condition held (the default way)
              } @else {
                (the only way on)
              }
            </li>
          }
        </ul>
      }

      <h3>Where each step leads next</h3>
      @if (e.next.length === 0) {
        <p class="muted">Nothing: the case has ended.</p>
      }
      @for (n of e.next; track n.activityId) {
        <div class="next" data-testid="explanation-next">
          <p class="from">After ‘{{ n.name || n.activityId }}’:</p>
          @if (n.leadsTo.length === 0) {
            <p class="muted">The case ends here.</p>
          } @else {
            <ul>
              @for (way of n.leadsTo; track $index) {
                <li>
                  to ‘{{ way.targetName || way.targetId }}’@if (way.flowName) { (‘{{ way.flowName }}’)}@if (way.viaGatewayName) { at ‘{{ way.viaGatewayName }}’}
                  @if (way.condition) {
                    if <code>{{ way.condition }}</code>
                  } @else if (way.isDefault) {
                    otherwise (the default way)
                  } @else if (isOnlyWay(n.leadsTo, way)) {
                    always
                  }
                </li>
              }
            </ul>
          }
        </div>
      }

      <h3>Deadlines running</h3>
      @if (e.deadlines.length === 0) {
        <p class="muted">No deadline is running.</p>
      } @else {
        <ul data-testid="explanation-deadlines">
          @for (d of e.deadlines; track d.timerId) {
            <li>
              <strong>{{ d.timerName || 'A deadline' }}</strong>@if (d.attachedToName) { on ‘{{ d.attachedToName }}’}:
              due {{ d.due ? formatSimulatedTime(d.due) : 'at no set time' }}.
              When it passes, {{ d.interrupting ? 'the step is stopped' : 'the step stays open' }}@if (d.leadsToName) { and the case goes to ‘{{ d.leadsToName }}’}.
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
    ul { margin: 0; padding-left: 1.25rem; }
    li { margin-bottom: 0.375rem; }
    code { font-family: ui-monospace, monospace; font-size: 0.875em; padding: 0 0.25rem; background: #f5f7fa; border: 1px solid var(--sp-line); border-radius: 0.25rem; overflow-wrap: anywhere; }
    .values { color: var(--sp-muted); }
    .muted { color: var(--sp-muted); margin: 0; }
    .next + .next { margin-top: 0.5rem; }
    .from { margin: 0 0 0.25rem; font-weight: 600; }
  `,
})
export class ExplanationPanel {
  readonly explanation = input.required<Explanation>();

  protected readonly formatSimulatedTime = formatSimulatedTime;

  protected branchOf(decision: Decision): string {
    return decision.flowName || decision.targetName || decision.targetId;
  }

  /** The variables the condition read, as they were: `areYouSafe = "Not safe"`. */
  protected valuesOf(decision: Decision): string[] {
    return Object.entries(decision.values ?? {}).map(([name, value]) => formatVariable(name, value));
  }

  protected isOnlyWay(ways: Way[], way: Way): boolean {
    return ways.length === 1 && ways[0] === way;
  }
}
