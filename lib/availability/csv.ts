/** CSV export of the figures: one row per day and a total row. */
import type { Figures } from './figures';
import { MINUTE_MS, HOUR_MS } from './intervals';

const HEADER = ['date', 'available_hours', 'calendly_hours', 'held_hours', 'external_hours', 'busy_hours', 'free_hours'];

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function hours(min: number): string {
  return (Math.round((min / (HOUR_MS / MINUTE_MS) + Number.EPSILON) * 100) / 100).toFixed(2);
}

/**
 * The figures as CSV (CRLF line ends, as RFC 4180 and spreadsheet apps expect; a final CRLF). Hours have two
 * decimals. The total row sums the exact per-day minutes and rounds once, so it can differ from the sum of
 * the rounded rows by a hundredth.
 */
export function figuresToCsv(f: Figures): string {
  const sum = { a: 0, c: 0, h: 0, e: 0, b: 0, f: 0 };
  const rows = [HEADER];
  for (const d of f.days) {
    sum.a += d.availableMin;
    sum.c += d.scheduledCalendlyMin;
    sum.h += d.scheduledHeldMin;
    sum.e += d.scheduledExternalMin;
    sum.b += d.busyMin;
    sum.f += d.freeMin;
    rows.push([
      d.date,
      hours(d.availableMin),
      hours(d.scheduledCalendlyMin),
      hours(d.scheduledHeldMin),
      hours(d.scheduledExternalMin),
      hours(d.busyMin),
      hours(d.freeMin),
    ]);
  }
  rows.push(['total', hours(sum.a), hours(sum.c), hours(sum.h), hours(sum.e), hours(sum.b), hours(sum.f)]);
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
