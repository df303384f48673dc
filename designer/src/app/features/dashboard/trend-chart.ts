import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatMonth, formatRate } from '../inbox/time-format';

const WIDTH = 168;
const HEIGHT = 44;
const PAD_X = 6;
const PAD_TOP = 6;
const PAD_BOTTOM = 6;

/**
 * A small line chart of a deadline's monthly compliance (0–100 %), drawn as inline SVG. The
 * numbers are also its accessible name, so nothing depends on seeing the line; months without
 * finished cases leave a gap.
 */
@Component({
  selector: 'sp-trend-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!hasData()) {
      <span class="none">No finished cases yet</span>
    } @else {
    <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" [attr.width]="width" [attr.height]="height" role="img" [attr.aria-label]="description()">
      <title>{{ description() }}</title>
      <line class="grid" [attr.x1]="padX" [attr.x2]="width - padX" [attr.y1]="y(100)" [attr.y2]="y(100)" />
      <line class="grid" [attr.x1]="padX" [attr.x2]="width - padX" [attr.y1]="y(50)" [attr.y2]="y(50)" />
      <line class="axis" [attr.x1]="padX" [attr.x2]="width - padX" [attr.y1]="y(0)" [attr.y2]="y(0)" />
      @for (segment of segments(); track $index) {
        <polyline class="line" [attr.points]="segment" />
      }
      @for (point of points(); track $index) {
        @if (point.value !== null) {
          <circle class="dot" [class.last]="$last" [attr.cx]="point.x" [attr.cy]="y(point.value)" [attr.r]="$last ? 3.5 : 2.5" />
        }
      }
    </svg>
    <span class="months" aria-hidden="true"><span>{{ first() }}</span><span>{{ last() }}</span></span>
    }
  `,
  styles: `
    :host { display: inline-block; line-height: 1; }
    svg { display: block; }
    .months { display: flex; justify-content: space-between; font-size: 0.75rem; color: #52606d; margin-top: 0.125rem; }
    .none { font-size: 0.875rem; color: #52606d; }
    .grid { stroke: #e4e7eb; stroke-width: 1; }
    .axis { stroke: #9aa5b1; stroke-width: 1; }
    .line { fill: none; stroke: #14532d; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
    .dot { fill: #14532d; }
    .dot.last { fill: #ffffff; stroke: #14532d; stroke-width: 2; }
  `,
})
export class TrendChart {
  /** Monthly rates, oldest first (0–1, or null for a month with no finished cases). */
  readonly trend = input.required<readonly { month: string; rate: number | null }[]>();
  /** What the rate measures, for the accessible name ("Safe contact within 1 working day"). */
  readonly label = input('Deadline met');

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly padX = PAD_X;

  protected readonly hasData = computed(() => this.trend().some((t) => t.rate !== null));
  protected readonly first = computed(() => shortMonth(this.trend()[0]?.month));
  protected readonly last = computed(() => shortMonth(this.trend().at(-1)?.month));

  protected readonly points = computed(() => {
    const trend = this.trend();
    const step = trend.length > 1 ? (WIDTH - 2 * PAD_X) / (trend.length - 1) : 0;
    return trend.map((t, i) => ({
      x: trend.length > 1 ? PAD_X + i * step : WIDTH / 2,
      value: t.rate === null ? null : Math.max(0, Math.min(100, t.rate <= 1 ? t.rate * 100 : t.rate)),
    }));
  });

  /** Runs of consecutive months with data, each drawn as one polyline. */
  protected readonly segments = computed(() => {
    const runs: string[] = [];
    let current: string[] = [];
    for (const point of this.points()) {
      if (point.value === null) {
        if (current.length > 1) runs.push(current.join(' '));
        current = [];
      } else {
        current.push(`${point.x.toFixed(1)},${this.y(point.value).toFixed(1)}`);
      }
    }
    if (current.length > 1) runs.push(current.join(' '));
    return runs;
  });

  protected readonly description = computed(() => {
    const trend = this.trend();
    if (trend.length === 0) return `${this.label()}: no data yet`;
    return `${this.label()}, by month: ${trend.map((t) => `${formatMonth(t.month)} ${formatRate(t.rate)}`).join(', ')}`;
  });

  protected y(value: number): number {
    return PAD_TOP + (1 - value / 100) * (HEIGHT - PAD_TOP - PAD_BOTTOM);
  }
}

/** "2026-11" → "Nov 26". */
function shortMonth(month: string | undefined): string {
  if (!month) return '';
  const [year, number] = month.split('-');
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const name = names[Number(number) - 1];
  return name && year ? `${name} ${year.slice(2)}` : month;
}
