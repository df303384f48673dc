/**
 * Latency bookkeeping and plain-text tables for the benchmark report. Samples are kept whole
 * (a 10-second run records a few tens of thousands), so percentiles are exact.
 */

/** Latency samples in milliseconds, by step name, in the order steps were first seen. */
export class StepTimes {
  private readonly samples = new Map<string, number[]>();

  /** Runs `work`, records how long it took under `step`, and returns its result. */
  async time<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    const result = await work();
    this.add(step, Number(process.hrtime.bigint() - started) / 1e6);
    return result;
  }

  add(step: string, ms: number): void {
    let list = this.samples.get(step);
    if (!list) {
      list = [];
      this.samples.set(step, list);
    }
    list.push(ms);
  }

  /** p50 and p99 (ms) and the sample count of every step. */
  summary(): { step: string; count: number; p50: number; p99: number }[] {
    return [...this.samples].map(([step, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return { step, count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    });
  }
}

/** The nearest-rank percentile of an ascending list (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** A left-aligned first column and right-aligned other columns, with a rule under the header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A number with `digits` decimals, or `n/a`. */
export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
