/**
 * New York calendar dates for the browser tests that compute expected figures by hand (availability, team,
 * real shapes). The tests run the browser in `America/New_York`, so "next week" is New York's.
 */
export const NY = 'America/New_York';

/** `yyyy-MM-dd` of an instant in New York. */
export function nyDate(t: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: NY, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
}

/** The calendar date `n` days after `date` (`yyyy-MM-dd`; no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Monday of next week in New York. */
export function nextMonday(now = Date.now()): string {
  const today = nyDate(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(today, 7 - ((weekday + 6) % 7));
}

/** 09:00–17:00 on `date` in New York (EST in winter, EDT in summer), as instants. */
export function nyWorkday(date: string): { start: Date; end: Date } {
  const nyHour = new Intl.DateTimeFormat('en-US', { timeZone: NY, hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'hour')!.value;
  const offsetH = 12 - Number(nyHour); // 5 in winter (EST), 4 in summer
  const at = (h: number) => new Date(Date.parse(`${date}T00:00:00Z`) + (h + offsetH) * 3_600_000);
  return { start: at(9), end: at(17) };
}
