/** The team summary as CSV: one row per member with the period's figures. */
import type { TeamMemberRow } from '../contract';
import { csvField } from '../availability/csv';

export const TEAM_CSV_HEADER = [
  'name',
  'email',
  'role',
  'status',
  'available_hours',
  'scheduled_hours',
  'calendly_hours',
  'held_hours',
  'external_hours',
  'free_hours',
  'utilisation_percent',
  'has_schedule',
];

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`. */
function text(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

const hours = (n: number) => n.toFixed(2);

/**
 * Every member (in the given order) with their figures for the period: hours with two decimals, utilisation as
 * a percentage with one. Members without figures have a status (`pending` or `error`) and empty figures.
 * CRLF line ends and a final CRLF, as RFC 4180 and spreadsheet apps expect.
 */
export function teamToCsv(rows: readonly TeamMemberRow[]): string {
  const lines = [TEAM_CSV_HEADER.join(',')];
  for (const r of rows) {
    const t = r.state === 'done' ? r.totals : null;
    lines.push(
      [
        text(r.name),
        text(r.email),
        text(r.role),
        r.state,
        ...(t
          ? [
              hours(t.availableHours),
              hours(t.scheduledHours),
              hours(t.calendlyHours),
              hours(t.heldHours ?? 0),
              hours(t.externalHours),
              hours(t.freeHours),
              (Math.round(t.utilisation * 1000) / 10).toFixed(1),
              t.hasSchedule ? 'yes' : 'no',
            ]
          : ['', '', '', '', '', '', '', '']),
      ].join(','),
    );
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

/** `team-availability-2026-11-30-to-2026-12-06.csv`. */
export function teamCsvFileName(first: string, last: string): string {
  return `team-availability-${first}-to-${last}.csv`;
}
