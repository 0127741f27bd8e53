/**
 * Expands availability schedules and busy blocks into instants, the way Calendly computes
 * `/event_type_available_times`: slot starts every 30 minutes on the hour and half hour (schedule zone),
 * the whole event inside one interval, nothing overlapping a (buffered) busy block, nothing in the past.
 */
import { hostOf, type EventTypeRecord, type FakeCalendlyState, type ScheduleRecord } from './model';
import { addDays, hhmmToMinutes, isoMicro, localDate, wallToUtc, weekday } from './time';
import { stableUuid } from './seed';

/**
 * One busy block as `/user_busy_times` returns it: only `type`, `start_time`, `end_time` are required. A
 * `reserved` hold (Calendly keeps the time while a booking is pending) has no buffers and no event.
 */
export interface BusyBlock {
  type: 'calendly' | 'reserved' | 'external';
  start_time: string;
  end_time: string;
  buffered_start_time?: string;
  buffered_end_time?: string;
  event?: { uri: string };
}

interface Span {
  start: number;
  end: number;
}

const MIN = 60_000;

/** The user's default schedule (or first), if any. */
export function defaultSchedule(state: FakeCalendlyState, user: string): ScheduleRecord | undefined {
  const mine = state.schedules.filter((s) => s.user === user);
  return mine.find((s) => s.default) ?? mine[0];
}

/** Local calendar dates in `zone` that can touch [from, to). */
function datesCovering(from: number, to: number, zone: string): string[] {
  const out: string[] = [];
  const last = addDays(localDate(to, zone), 1);
  for (let d = addDays(localDate(from, zone), -1); d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The availability intervals of `schedule` overlapping [from, to), as UTC spans. */
export function availableSpans(schedule: ScheduleRecord, from: number, to: number): Span[] {
  const spans: Span[] = [];
  for (const date of datesCovering(from, to, schedule.timezone)) {
    const override = schedule.rules.find((r) => r.type === 'date' && r.date === date);
    const rule = override ?? schedule.rules.find((r) => r.type === 'wday' && r.wday === weekday(date));
    for (const iv of rule?.intervals ?? []) {
      const start = wallToUtc(date, hhmmToMinutes(iv.from), schedule.timezone);
      const end = wallToUtc(date, hhmmToMinutes(iv.to), schedule.timezone);
      if (end > from && start < to) spans.push({ start, end });
    }
  }
  return spans;
}

/** Busy blocks of `user` overlapping [from, to), ascending: one-off blocks plus weekly ones. */
export function busyBlocks(state: FakeCalendlyState, user: string, from: number, to: number): BusyBlock[] {
  const out: BusyBlock[] = [];
  for (const b of state.busyTimes) {
    if (b.user !== user) continue;
    const start = Date.parse(b.start_time);
    const end = Date.parse(b.end_time);
    const bStart = b.buffered_start_time ? Date.parse(b.buffered_start_time) : start;
    const bEnd = b.buffered_end_time ? Date.parse(b.buffered_end_time) : end;
    if (bEnd <= from || bStart >= to) continue;
    out.push(block(b.type, start, end, bStart, bEnd, b.event?.uri));
  }
  const zone = defaultSchedule(state, user)?.timezone ?? state.users.get(user)?.timezone ?? 'UTC';
  for (const r of state.recurringBusy) {
    if (r.user !== user) continue;
    const buffer = (r.buffer_minutes ?? 0) * MIN;
    for (const date of datesCovering(from, to, zone)) {
      if (weekday(date) !== r.wday) continue;
      const start = wallToUtc(date, hhmmToMinutes(r.from), zone);
      const end = wallToUtc(date, hhmmToMinutes(r.to), zone);
      if (end + buffer <= from || start - buffer >= to) continue;
      const event = r.type === 'calendly' ? `https://api.calendly.com/scheduled_events/${stableUuid(`${user}-${start}`)}` : undefined;
      out.push(block(r.type, start, end, start - buffer, end + buffer, event));
    }
  }
  return out.sort((a, b) => a.start_time.localeCompare(b.start_time));
}

function block(type: BusyBlock['type'], start: number, end: number, bStart: number, bEnd: number, event?: string): BusyBlock {
  if (type === 'reserved') return { type, start_time: isoMicro(start), end_time: isoMicro(end) };
  return {
    type,
    start_time: isoMicro(start),
    end_time: isoMicro(end),
    buffered_start_time: isoMicro(bStart),
    buffered_end_time: isoMicro(bEnd),
    ...(event ? { event: { uri: event } } : {}),
  };
}

/**
 * Busy blocks that make a user look fully booked: every availability interval in [from, to)
 * (what `setAvailability(uri, 'busy')` reports from `/user_busy_times`).
 */
export function fullyBookedBlocks(state: FakeCalendlyState, user: string, from: number, to: number): BusyBlock[] {
  const schedule = defaultSchedule(state, user);
  if (!schedule) return [];
  return availableSpans(schedule, from, to).map((s) =>
    block('calendly', s.start, s.end, s.start, s.end, `https://api.calendly.com/scheduled_events/${stableUuid(`${user}-${s.start}`)}`),
  );
}

/** Start instants (epoch ms) of the open slots of `eventType` in [from, to), not before `now`. */
export function slotStarts(state: FakeCalendlyState, eventType: EventTypeRecord, from: number, to: number, now: number): number[] {
  const lower = Math.max(from, now);
  const override = state.availability.get(eventType.uri);
  if (override === 'none' || override === 'busy') return [];
  if (Array.isArray(override)) {
    return override.map((d) => d.getTime()).filter((t) => t >= lower && t < to).sort((a, b) => a - b);
  }
  const host = hostOf(eventType);
  const schedule = defaultSchedule(state, host);
  if (!schedule) return [];
  const duration = eventType.duration * MIN;
  const busy = busyBlocks(state, host, from - duration, to + duration).map((b) => ({
    start: Date.parse(b.buffered_start_time ?? b.start_time),
    end: Date.parse(b.buffered_end_time ?? b.end_time),
  }));
  const starts: number[] = [];
  for (const date of datesCovering(from, to, schedule.timezone)) {
    const override = schedule.rules.find((r) => r.type === 'date' && r.date === date);
    const rule = override ?? schedule.rules.find((r) => r.type === 'wday' && r.wday === weekday(date));
    for (const iv of rule?.intervals ?? []) {
      const first = Math.ceil(hhmmToMinutes(iv.from) / 30) * 30;
      for (let m = first; m + eventType.duration <= hhmmToMinutes(iv.to); m += 30) {
        const t = wallToUtc(date, m, schedule.timezone);
        if (t < lower || t >= to) continue;
        if (busy.some((b) => b.start < t + duration && b.end > t)) continue;
        starts.push(t);
      }
    }
  }
  return [...new Set(starts)].sort((a, b) => a - b);
}

/** One `/event_type_available_times` item; the booking link carries month and date in the schedule zone. */
export function availableTime(eventType: EventTypeRecord, start: number, zone: string, inviteesRemaining = 1) {
  const date = localDate(start, zone);
  const stamp = new Date(start).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    status: 'available',
    invitees_remaining: inviteesRemaining,
    start_time: isoMicro(start),
    scheduling_url: `${eventType.scheduling_url}/${stamp}?month=${date.slice(0, 7)}&date=${date}`,
  };
}
