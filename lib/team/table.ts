/** The team table's rows: search by name or email, "below N free hours", sort by any column, pages. */
import type { TeamMemberRow } from '../contract';

export type TeamSortKey = 'name' | 'email' | 'available' | 'scheduled' | 'free' | 'utilisation';
export type SortDir = 'asc' | 'desc';

const VALUE: Record<Exclude<TeamSortKey, 'name' | 'email'>, (r: TeamMemberRow) => number | undefined> = {
  available: (r) => r.totals?.availableHours,
  scheduled: (r) => r.totals?.scheduledHours,
  free: (r) => r.totals?.freeHours,
  utilisation: (r) => r.totals?.utilisation,
};

/** Lower case without accents, so "jose" finds "José". */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export interface TeamFilter {
  /** Words that must all appear in the name or the email. */
  search: string;
  /** Only members with figures and fewer free hours than this; null for everyone. */
  belowFreeHours: number | null;
}

/** The rows matching a search and the free-hours filter, in their order. */
export function filterRows(rows: readonly TeamMemberRow[], f: TeamFilter): TeamMemberRow[] {
  const words = fold(f.search).split(/\s+/).filter(Boolean);
  const below = f.belowFreeHours;
  return rows.filter((r) => {
    if (below !== null && !(r.totals && r.totals.freeHours < below)) return false;
    if (words.length === 0) return true;
    const hay = `${fold(r.name)} ${fold(r.email)}`;
    return words.every((w) => hay.includes(w));
  });
}

/** Rows sorted by a column; members without figures (pending or failed) always last, by name. */
export function sortRows(rows: readonly TeamMemberRow[], key: TeamSortKey, dir: SortDir, locale: string): TeamMemberRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const byName = (a: TeamMemberRow, b: TeamMemberRow) => collator.compare(a.name, b.name) || collator.compare(a.email, b.email);
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    if (key === 'email') return sign * collator.compare(a.email, b.email) || byName(a, b);
    const x = VALUE[key](a);
    const y = VALUE[key](b);
    if (x === undefined || y === undefined) return x === y ? byName(a, b) : x === undefined ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
}

/** The first click on a column sorts names and emails A–Z, figures largest first; the next click reverses. */
export function nextSort(current: { key: TeamSortKey; dir: SortDir }, key: TeamSortKey): { key: TeamSortKey; dir: SortDir } {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' || key === 'email' ? 'asc' : 'desc' };
}

export interface Page<T> {
  rows: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when there is none). */
  from: number;
  to: number;
  total: number;
}

/** One page of `rows`. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
  const slice = rows.slice(p * size, p * size + size);
  return { rows: slice, page: p, pages, from: slice.length ? p * size + 1 : 0, to: p * size + slice.length, total: rows.length };
}
