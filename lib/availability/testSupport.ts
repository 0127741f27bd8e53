/** Builders shared by the availability tests. */
import type { AvailabilitySchedule, BusyTime, ScheduleRule } from '../calendly/types';

export const NINE_TO_FIVE = [{ from: '09:00', to: '17:00' }];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

export function schedule(timezone: string, rules: ScheduleRule[]): AvailabilitySchedule {
  return {
    uri: 'https://api.calendly.com/user_availability_schedules/abc',
    default: true,
    name: 'Working hours',
    user: 'https://api.calendly.com/users/u1',
    timezone,
    rules,
  };
}

/** Monday to Friday 09:00–17:00 (Saturday and Sunday with empty intervals, as Calendly sends them). */
export function weekdays(timezone: string, extra: ScheduleRule[] = []): AvailabilitySchedule {
  return schedule(timezone, [
    ...WEEKDAYS.map((wday): ScheduleRule => ({ type: 'wday', wday, intervals: NINE_TO_FIVE })),
    { type: 'wday', wday: 'saturday', intervals: [] },
    { type: 'wday', wday: 'sunday', intervals: [] },
    ...extra,
  ]);
}

/** A busy time as Calendly sends it: a `reserved` hold has no buffers and no event; buffers only when given. */
export function busy(
  type: BusyTime['type'],
  start: string,
  end: string,
  buffered?: { start: string; end: string },
): BusyTime {
  return {
    type,
    start_time: start,
    end_time: end,
    ...(buffered && type !== 'reserved' ? { buffered_start_time: buffered.start, buffered_end_time: buffered.end } : {}),
    ...(type === 'calendly' ? { event: { uri: 'https://api.calendly.com/scheduled_events/e1' } } : {}),
  };
}

export const range = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

export const iso = (xs: { start: number; end: number }[]) =>
  xs.map((x) => `${new Date(x.start).toISOString()}/${new Date(x.end).toISOString()}`);
