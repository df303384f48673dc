import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { formatDuration } from '../inbox/time-format';
import type { Breakdown } from './dashboard-api';

/** Open and overdue tasks per process, step, team or person; overdue counts say so in words too. */
@Component({
  selector: 'sp-breakdown-table',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section [attr.aria-labelledby]="headingId()">
      <h2 [id]="headingId()">{{ heading() }}</h2>
      @if (rows().length === 0) {
        <p class="empty">No open tasks.</p>
      } @else {
        <table>
          <thead>
            <tr>
              <th scope="col">{{ nameHeader() }}</th>
              <th scope="col" class="num">Open</th>
              <th scope="col" class="num">Overdue</th>
              <th scope="col">Longest overdue</th>
              @if (heatmapLinks()) {<th scope="col"><span class="sp-visually-hidden">Heat map</span></th>}
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track $index) {
              <tr>
                <th scope="row">{{ row.label || row.key || 'Nobody' }}@if (row.detail) {<span class="detail">{{ row.detail }}</span>}</th>
                <td class="num">{{ row.open }}</td>
                <td class="num">
                  @if (row.overdue > 0) {
                    <strong class="overdue">{{ row.overdue }}<span class="sp-visually-hidden"> overdue</span></strong>
                  } @else {
                    0
                  }
                </td>
                <td>
                  @if (row.overdue > 0 && row.maxOverdueMs > 0) {
                    <span class="overdue-text">Overdue by {{ duration(row.maxOverdueMs) }}</span>
                  } @else {
                    <span class="muted">None overdue</span>
                  }
                </td>
                @if (heatmapLinks()) {
                  <td>
                    @if (row.key) {
                      <a [routerLink]="['/dashboard/heatmap', row.key]">Heat map<span class="sp-visually-hidden"> of {{ row.label || row.key }}</span></a>
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
  styles: `
    h2 { font-size: 1.125rem; margin: 0 0 0.5rem; }
    table { width: 100%; border-collapse: collapse; }
    th, td { padding: 0.375rem 0.5rem; text-align: left; border-bottom: 1px solid var(--sp-line); vertical-align: top; }
    thead th { color: var(--sp-muted); font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 600; }
    .detail { display: block; font-weight: 400; font-size: 0.875rem; color: var(--sp-muted); }
    .num { text-align: right; }
    .overdue, .overdue-text { color: var(--sp-danger); }
    .overdue-text { font-weight: 600; }
    .muted, .empty { color: var(--sp-muted); }
  `,
})
export class BreakdownTable {
  readonly heading = input.required<string>();
  readonly headingId = input.required<string>();
  readonly nameHeader = input.required<string>();
  readonly rows = input.required<readonly Breakdown[]>();
  /** Whether each row links to its process's heat map (rows are processes). */
  readonly heatmapLinks = input(false);
  protected readonly duration = formatDuration;
}
