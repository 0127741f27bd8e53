import { describe, expect, it } from 'vitest';
import type { TeamMemberRow } from '../contract';
import { teamCsvFileName, teamToCsv } from './csv';
import { filterRows, nextSort, pageOf, sortRows } from './table';

function row(name: string, email: string, free: number | null, extra: Partial<TeamMemberRow> = {}): TeamMemberRow {
  return {
    userUri: `https://api.calendly.com/users/${email}`,
    name,
    email,
    role: 'user',
    isSelf: false,
    state: free === null ? 'pending' : 'done',
    totals:
      free === null
        ? null
        : { availableHours: 40, scheduledHours: 40 - free, calendlyHours: 40 - free, heldHours: 0, externalHours: 0, freeHours: free, utilisation: (40 - free) / 40, hasSchedule: true },
    error: null,
    ...extra,
  };
}

const rows = [
  row('José Álvarez', 'jose@example.com', 12),
  row('Avery Quinn', 'avery@example.com', 31),
  row('Member 010', 'member010@example.com', 40),
  row('Member 002', 'member002@example.com', 3.5),
  row('Pending Person', 'pending@example.com', null),
];

describe('team table', () => {
  it('searches names and emails, without case or accents, every word', () => {
    expect(filterRows(rows, { search: 'jose', belowFreeHours: null }).map((r) => r.name)).toEqual(['José Álvarez']);
    expect(filterRows(rows, { search: 'AVERY@', belowFreeHours: null }).map((r) => r.name)).toEqual(['Avery Quinn']);
    expect(filterRows(rows, { search: 'member 01', belowFreeHours: null }).map((r) => r.name)).toEqual(['Member 010']);
    expect(filterRows(rows, { search: '  ', belowFreeHours: null })).toHaveLength(5);
  });

  it('"below N free hours" keeps members with figures under N only', () => {
    expect(filterRows(rows, { search: '', belowFreeHours: 12 }).map((r) => r.name)).toEqual(['Member 002']);
    expect(filterRows(rows, { search: '', belowFreeHours: 12.5 }).map((r) => r.name)).toEqual(['José Álvarez', 'Member 002']);
    expect(filterRows(rows, { search: 'jose', belowFreeHours: 5 })).toEqual([]);
  });

  it('sorts by any column; members without figures last; numbers in names in order', () => {
    expect(sortRows(rows, 'free', 'desc', 'en').map((r) => r.name)).toEqual(['Member 010', 'Avery Quinn', 'José Álvarez', 'Member 002', 'Pending Person']);
    expect(sortRows(rows, 'free', 'asc', 'en').map((r) => r.name)).toEqual(['Member 002', 'José Álvarez', 'Avery Quinn', 'Member 010', 'Pending Person']);
    expect(sortRows(rows, 'name', 'asc', 'en').map((r) => r.name)).toEqual(['Avery Quinn', 'José Álvarez', 'Member 002', 'Member 010', 'Pending Person']);
    expect(sortRows(rows, 'email', 'desc', 'en')[0]!.email).toBe('pending@example.com');
    expect(sortRows(rows, 'utilisation', 'desc', 'en')[0]!.name).toBe('Member 002');
  });

  it('first click: names A–Z, figures largest first; second click reverses', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'free')).toEqual({ key: 'free', dir: 'desc' });
    expect(nextSort({ key: 'free', dir: 'desc' }, 'free')).toEqual({ key: 'free', dir: 'asc' });
    expect(nextSort({ key: 'free', dir: 'desc' }, 'email')).toEqual({ key: 'email', dir: 'asc' });
  });

  it('pages', () => {
    const many = Array.from({ length: 2000 }, (_, i) => i);
    expect(pageOf(many, 0, 50)).toMatchObject({ page: 0, pages: 40, from: 1, to: 50, total: 2000 });
    expect(pageOf(many, 39, 50).rows).toHaveLength(50);
    expect(pageOf(many, 99, 50)).toMatchObject({ page: 39, from: 1951, to: 2000 });
    expect(pageOf([], 3, 50)).toMatchObject({ page: 0, pages: 1, from: 0, to: 0, rows: [] });
  });
});

describe('team CSV', () => {
  it('has every member with the figures, quoted where needed, formulas defused', () => {
    const csv = teamToCsv([...rows, row('=HYPERLINK("x")', 'evil@example.com', 1, { state: 'error', totals: null, error: 'no' })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('name,email,role,status,available_hours,scheduled_hours,calendly_hours,held_hours,external_hours,free_hours,utilisation_percent,has_schedule');
    expect(lines).toHaveLength(rows.length + 3); // header, rows, the evil one, '' after the final CRLF
    expect(lines[1]).toBe('José Álvarez,jose@example.com,user,done,40.00,28.00,28.00,0.00,0.00,12.00,70.0,yes');
    expect(lines[5]).toBe('Pending Person,pending@example.com,user,pending,,,,,,,,');
    expect(lines[6]).toBe(`"'=HYPERLINK(""x"")",evil@example.com,user,error,,,,,,,,`);
    expect(teamCsvFileName('2026-11-30', '2026-12-06')).toBe('team-availability-2026-11-30-to-2026-12-06.csv');
  });
});
