import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { problemMessage, statusOf } from '../inbox/inbox-api';
import { formatDateTime, overdueText } from '../inbox/time-format';
import { BpmnCanvas, type DiagramNames } from './bpmn-canvas';
import { DashboardApi, type Heatmap, type StepCase } from './dashboard-api';

/**
 * A process's heat map: its diagram with the number of active and overdue cases on each step
 * (overdue in a distinct style, with the word "overdue"), the same numbers as a table, and the
 * cases at the step the manager picks.
 */
@Component({
  selector: 'sp-heatmap-page',
  imports: [RouterLink, BpmnCanvas],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back"><a routerLink="/dashboard"><span aria-hidden="true">← </span>Back to the dashboard</a></p>
    <h1>Heat map: {{ processName() }}</h1>
    @if (problem(); as problem) {
      <p class="sp-error" role="alert">{{ problem }}</p>
    }
    @if (heatmap(); as heatmap) {
      <p class="lead">Each step shows how many cases are waiting there now, and how many of them are overdue. Choose a step to see its cases.</p>
      <sp-bpmn-canvas [xml]="heatmap.xml" [badges]="heatmap.steps" [selected]="selected()" [label]="'Diagram of ' + processName()" focusLabel="Busy steps"
        (stepChosen)="choose($event)" (loaded)="names.set($event)" />

      <div class="columns">
        <section aria-labelledby="steps-heading">
          <h2 id="steps-heading">Steps with cases</h2>
          @if (busySteps().length === 0) {
            <p class="muted">No cases are waiting in this process.</p>
          } @else {
            <table>
              <thead><tr><th scope="col">Step</th><th scope="col" class="num">Active</th><th scope="col" class="num">Overdue</th><th scope="col"><span class="sp-visually-hidden">Cases</span></th></tr></thead>
              <tbody>
                @for (step of busySteps(); track step.activityId) {
                  <tr [class.chosen]="step.activityId === selected()">
                    <th scope="row">{{ nameOf(step.activityId) }}</th>
                    <td class="num">{{ step.active }}</td>
                    <td class="num">@if (step.overdue > 0) {<strong class="bad">{{ step.overdue }} overdue</strong>} @else {0}</td>
                    <td><button type="button" class="link" (click)="choose(step.activityId)" [attr.aria-pressed]="step.activityId === selected()">Show cases<span class="sp-visually-hidden"> at {{ nameOf(step.activityId) }}</span></button></td>
                  </tr>
                }
              </tbody>
            </table>
          }
        </section>

        <section aria-labelledby="cases-heading" #cases tabindex="-1" class="cases">
          <h2 id="cases-heading">{{ selected() ? 'Cases at “' + nameOf(selected()!) + '”' : 'Cases' }}</h2>
          @if (selected() === null) {
            <p class="muted">Choose a step on the diagram or in the table.</p>
          } @else if (casesProblem(); as casesProblem) {
            <p class="sp-error">{{ casesProblem }}</p>
          } @else if (stepCases() === null) {
            <p>Loading cases…</p>
          } @else if (stepCases()!.length === 0) {
            <p class="muted">No cases are waiting at this step.</p>
          } @else {
            <ul class="case-list">
              @for (item of stepCases(); track item.caseId + (item.taskId ?? '')) {
                <li>
                  <a [routerLink]="['/cases', item.caseId]">{{ item.businessKey || 'Case ' + item.caseId.slice(0, 8) }}</a>
                  @if (item.overdue) {
                    <strong class="bad"><span aria-hidden="true">⚠ </span>{{ overdueText(item.overdueForMs ?? 0) }}</strong>
                  } @else if (item.due) {
                    <span class="muted">due {{ formatDateTime(item.due) }}</span>
                  }
                  @if (item.assignee) {<span class="muted">· {{ item.assignee }}</span>}
                </li>
              }
            </ul>
          }
        </section>
      </div>
    } @else if (!problem()) {
      <p>Loading the heat map…</p>
    }
  `,
  styles: `
    .back { margin: 0 0 0.75rem; }
    h1 { margin: 0 0 0.5rem; }
    .lead { margin: 0 0 0.75rem; color: var(--sp-muted); }
    .columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2rem; margin-top: 1.5rem; }
    @media (max-width: 56rem) { .columns { grid-template-columns: minmax(0, 1fr); } }
    h2 { font-size: 1.125rem; margin: 0 0 0.5rem; }
    table { width: 100%; border-collapse: collapse; }
    th, td { padding: 0.375rem 0.5rem; text-align: left; border-bottom: 1px solid var(--sp-line); }
    thead th { color: var(--sp-muted); font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 600; }
    tr.chosen { background: #eef2ff; }
    .num { text-align: right; }
    .bad { color: var(--sp-danger); }
    .muted { color: var(--sp-muted); }
    .link { font: inherit; padding: 0.25rem; background: none; border: none; color: var(--sp-focus); text-decoration: underline; cursor: pointer; }
    .cases:focus { outline: none; }
    .case-list { list-style: none; margin: 0; padding: 0; }
    .case-list li { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0.375rem 0; border-bottom: 1px solid var(--sp-line); }
  `,
})
export class HeatmapPage {
  private readonly api = inject(DashboardApi);
  private readonly title = inject(Title);

  /** The process key (route parameter). */
  readonly key = input.required<string>();

  protected readonly heatmap = signal<Heatmap | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly names = signal<DiagramNames>(new Map());
  protected readonly selected = signal<string | null>(null);
  protected readonly stepCases = signal<StepCase[] | null>(null);
  protected readonly casesProblem = signal<string | null>(null);
  protected readonly formatDateTime = formatDateTime;
  protected readonly overdueText = overdueText;
  protected readonly busySteps = computed(() =>
    (this.heatmap()?.steps ?? []).filter((s) => s.active > 0 || s.overdue > 0).sort((a, b) => b.overdue - a.overdue || b.active - a.active),
  );
  protected readonly processName = computed(() => {
    const named = this.heatmap()?.name;
    if (named) return named;
    const xml = this.heatmap()?.xml ?? '';
    const match = /<(?:bpmn:)?process\b[^>]*\bname="([^"]*)"/.exec(xml);
    return match ? decodeXml(match[1]) : this.key();
  });
  private readonly casesSection = viewChild<ElementRef<HTMLElement>>('cases');

  constructor() {
    effect(() => {
      const key = this.key();
      untracked(() => void this.load(key));
    });
  }

  private async load(key: string): Promise<void> {
    this.heatmap.set(null);
    this.selected.set(null);
    try {
      this.heatmap.set(await this.api.heatmap(key));
      this.problem.set(null);
      this.title.setTitle(`Heat map: ${this.processName()} · Safepath`);
    } catch (error) {
      this.problem.set(statusOf(error) === 404 ? 'This process is not deployed for your organisation.' : problemMessage(error, 'The heat map could not be loaded.'));
    }
  }

  protected nameOf(activityId: string): string {
    return this.names().get(activityId) ?? activityId;
  }

  protected async choose(activityId: string): Promise<void> {
    this.selected.set(activityId);
    this.stepCases.set(null);
    this.casesProblem.set(null);
    try {
      const cases = await this.api.stepCases(this.key(), activityId);
      if (this.selected() === activityId) this.stepCases.set(cases);
    } catch (error) {
      this.casesProblem.set(problemMessage(error, 'The cases could not be loaded.'));
    }
    this.casesSection()?.nativeElement.focus({ preventScroll: false });
  }
}

function decodeXml(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
