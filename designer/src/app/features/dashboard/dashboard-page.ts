import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { problemMessage } from '../inbox/inbox-api';
import { formatDuration, formatRate, groupLabel, overdueText } from '../inbox/time-format';
import { BreakdownTable } from './breakdown-table';
import { COMPLIANCE_CSV_URL, type Dashboard, DashboardApi, OVERDUE_CSV_URL } from './dashboard-api';
import { TrendChart } from './trend-chart';

/**
 * The manager's dashboard for their organisation: open and overdue tasks by process, step, team
 * and person; how often each timed step met its deadline, with its trend; the cases waiting
 * longest; CSV exports and a heat map per process.
 */
@Component({
  selector: 'sp-dashboard-page',
  imports: [RouterLink, BreakdownTable, TrendChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <div>
        <h1>Dashboard</h1>
        <p class="lead">{{ organisation() }}: open work, deadlines and the cases waiting longest.</p>
      </div>
      <ul class="exports" aria-label="Downloads">
        <li><a [href]="overdueCsv" download>Download the overdue list (CSV)</a></li>
        <li><a [href]="complianceCsv" download>Download the compliance table (CSV)</a></li>
      </ul>
    </div>

    @if (problem(); as problem) {
      <p class="sp-error" role="alert">{{ problem }} <button type="button" (click)="load()">Try again</button></p>
    }
    @if (data(); as data) {
      <dl class="figures">
        <div><dt>Open tasks</dt><dd>{{ totals().open }}</dd></div>
        <div [class.bad]="totals().overdue > 0"><dt>Overdue</dt><dd>{{ totals().overdue }}</dd></div>
        <div><dt>Longest overdue</dt><dd>{{ totals().longest > 0 ? duration(totals().longest) : 'None' }}</dd></div>
      </dl>

      <sp-breakdown-table heading="By process" headingId="by-process" nameHeader="Process" [rows]="data.openByProcess" [heatmapLinks]="true" />

      @if (overdue().length > 0) {
        <section aria-labelledby="overdue-heading" class="block">
          <h2 id="overdue-heading">Most overdue now</h2>
          <table>
            <thead>
              <tr><th scope="col">Task</th><th scope="col">Case</th><th scope="col">Overdue</th><th scope="col">Who</th></tr>
            </thead>
            <tbody>
              @for (task of overdue(); track task.id) {
                <tr>
                  <th scope="row">{{ task.name || task.taskKey }}<span class="process">{{ task.processName || task.processKey }}</span></th>
                  <td><a [routerLink]="['/cases', task.caseId]">{{ task.businessKey || 'Case ' + task.caseId.slice(0, 8) }}</a></td>
                  <td><strong class="bad-text"><span aria-hidden="true">⚠ </span>{{ overdueText(task.overdueForMs) }}</strong></td>
                  <td>{{ task.assignee || 'Not claimed: ' + groups(task.candidateGroups) }}</td>
                </tr>
              }
            </tbody>
          </table>
          @if ((data.overdue?.length ?? 0) > overdue().length) {
            <p class="hint">Showing the {{ overdue().length }} most overdue. <a [href]="overdueCsv" download>Download the whole list (CSV)</a>.</p>
          }
        </section>
      }

      <section aria-labelledby="compliance-heading" class="block">
        <h2 id="compliance-heading">Deadlines met</h2>
        <p class="hint">Each timed step: how often its deadline was met this month, and month by month.</p>
        @if (data.compliance.length === 0) {
          <p class="muted">No timed steps have finished yet.</p>
        } @else {
          <table>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Deadline</th>
                <th scope="col" class="num">Met</th>
                <th scope="col" class="num">Missed</th>
                <th scope="col" class="num">This month</th>
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              @for (row of data.compliance; track row.processKey + row.stepKey) {
                <tr>
                  <th scope="row">{{ row.stepName || row.stepKey }}<span class="process">{{ row.processName || processName(row.processKey) }}</span></th>
                  <td>{{ row.deadline || '—' }}</td>
                  <td class="num">{{ row.met }}</td>
                  <td class="num">@if (row.missed > 0) {<strong class="bad-text">{{ row.missed }}</strong>} @else {0}</td>
                  <td class="num"><strong>{{ rate(row.rate) }}</strong></td>
                  <td><sp-trend-chart [trend]="row.trend" [label]="(row.stepName || row.stepKey) + ' within ' + (row.deadline || 'its deadline')" /></td>
                </tr>
              }
            </tbody>
          </table>
        }
      </section>

      <section aria-labelledby="waiting-heading" class="block">
        <h2 id="waiting-heading">Cases waiting longest</h2>
        @if (data.longestWaiting.length === 0) {
          <p class="muted">No cases are waiting.</p>
        } @else {
          <table>
            <thead>
              <tr><th scope="col">Case</th><th scope="col">Process</th><th scope="col">Waiting at</th><th scope="col">Waiting for</th></tr>
            </thead>
            <tbody>
              @for (row of data.longestWaiting; track row.caseId + row.taskName) {
                <tr>
                  <th scope="row"><a [routerLink]="['/cases', row.caseId]">{{ row.businessKey || 'Case ' + row.caseId.slice(0, 8) }}</a></th>
                  <td>{{ row.processName }}</td>
                  <td>{{ row.taskName }}</td>
                  <td>{{ duration(row.waitingMs) }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      </section>

      <sp-breakdown-table heading="By step" headingId="by-step" nameHeader="Step" [rows]="steps()" />
      <div class="grid">
        <sp-breakdown-table heading="By team" headingId="by-team" nameHeader="Team" [rows]="data.openByTeam" />
        <sp-breakdown-table heading="By person" headingId="by-person" nameHeader="Person" [rows]="data.openByPerson" />
      </div>
    } @else if (!problem()) {
      <p>Loading the dashboard…</p>
    }
  `,
  styles: `
    .heading { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: 0.5rem 2rem; }
    h1 { margin: 0 0 0.25rem; }
    .lead { margin: 0 0 1rem; color: var(--sp-muted); }
    .exports { list-style: none; margin: 0.5rem 0 1rem; padding: 0; display: flex; flex-direction: column; gap: 0.25rem; }
    .figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0 0 1.5rem; }
    .figures div { min-width: 9rem; padding: 0.75rem 1rem; border: 1px solid var(--sp-line); border-radius: 0.375rem; }
    .figures dt { color: var(--sp-muted); font-size: 0.875rem; }
    .figures dd { margin: 0; font-size: 1.75rem; font-weight: 700; }
    .figures .bad { border-color: var(--sp-danger); border-left-width: 6px; }
    .figures .bad dd { color: var(--sp-danger); }
    .block, sp-breakdown-table { display: block; margin-bottom: 2rem; }
    h2 { font-size: 1.125rem; margin: 0 0 0.5rem; }
    .hint { margin: 0 0 0.5rem; color: var(--sp-muted); }
    table { width: 100%; border-collapse: collapse; }
    th, td { padding: 0.375rem 0.5rem; text-align: left; border-bottom: 1px solid var(--sp-line); vertical-align: middle; }
    thead th { color: var(--sp-muted); font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 600; }
    .process { display: block; font-weight: 400; font-size: 0.875rem; color: var(--sp-muted); }
    .num { text-align: right; }
    .bad-text { color: var(--sp-danger); }
    .muted { color: var(--sp-muted); }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 0 2rem; }
    .sp-error button { font: inherit; margin-left: 0.5rem; }
  `,
})
export class DashboardPage {
  private readonly api = inject(DashboardApi);
  private readonly auth = inject(AuthService);

  protected readonly overdueCsv = OVERDUE_CSV_URL;
  protected readonly complianceCsv = COMPLIANCE_CSV_URL;
  protected readonly duration = formatDuration;
  protected readonly rate = formatRate;
  protected readonly overdueText = overdueText;
  /** The ten most overdue open tasks. */
  protected readonly overdue = computed(() => (this.data()?.overdue ?? []).slice(0, 10));
  protected readonly data = signal<Dashboard | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly organisation = computed(() => this.auth.organisation()?.name ?? 'All organisations');
  protected readonly totals = computed(() => {
    const rows = this.data()?.openByProcess ?? [];
    return {
      open: rows.reduce((sum, r) => sum + r.open, 0),
      overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
      longest: rows.reduce((max, r) => Math.max(max, r.maxOverdueMs), 0),
    };
  });
  /** Steps with their process as a second line, not in brackets after the name. */
  protected readonly steps = computed(() => {
    const names = [...this.processNames().values()];
    return (this.data()?.openByStep ?? []).map((row) => {
      const process = names.find((name) => row.label.endsWith(` (${name})`));
      return process ? { ...row, label: row.label.slice(0, -(process.length + 3)), detail: process } : row;
    });
  });
  private readonly processNames = computed(() => new Map((this.data()?.openByProcess ?? []).map((r) => [r.key ?? '', r.label])));

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.data.set(await this.api.dashboard());
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemMessage(error, 'The dashboard could not be loaded.'));
    }
  }

  protected groups(groups: readonly string[]): string {
    return groups.map(groupLabel).join(', ') || 'nobody';
  }

  protected processName(key: string): string {
    return this.processNames().get(key) ?? key;
  }
}
