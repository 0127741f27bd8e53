import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { figuresToCsv } from '@/lib/availability';
import { busy, weekdays } from '@/lib/availability/testSupport';
import { createAvailabilityService } from '@/lib/background/availability';
import { createCache, memoryArea } from '@/lib/background/cache';
import type { ErrorInfo } from '@/lib/calendly/errors';
import type { AvailabilitySchedule, BusyTime } from '@/lib/calendly/types';
import { en } from '@/lib/i18n/en';
import { text } from '../popup/testing';
import type { AvailabilityAnswer, AvailabilityQuery, Member, Result, TeamSummary } from '@/lib/contract';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { periodKey } from '@/lib/team/period';
import { sortRows } from '@/lib/team/table';
import { AvailabilityApp } from './AvailabilityApp';
import { formatHours, formatPercent } from './format';
import type { AvailabilityClient } from './types';

const NY = 'America/New_York';
const ME = 'https://api.calendly.com/users/me';
const OTHER = 'https://api.calendly.com/users/other';
// Friday 2026-11-27 07:00 in New York.
const NOW = Date.parse('2026-11-27T12:00:00Z');

const members: Member[] = [
  { userUri: ME, name: 'Avery Quinn', email: 'avery@example.com', timezone: NY, role: 'owner', isSelf: true },
  { userUri: OTHER, name: 'Blake Rivera', email: 'blake@example.com', timezone: 'Europe/London', role: 'user', isSelf: false },
];

const schedules: Record<string, AvailabilitySchedule[]> = {
  [ME]: [
    { ...weekdays(NY), uri: 'https://api.calendly.com/user_availability_schedules/work', user: ME },
    {
      ...weekdays(NY),
      uri: 'https://api.calendly.com/user_availability_schedules/evenings',
      user: ME,
      default: false,
      name: 'Evenings',
      rules: [{ type: 'wday', wday: 'monday', intervals: [{ from: '18:00', to: '20:00' }] }],
    },
  ],
  [OTHER]: [{ ...weekdays('Europe/London'), uri: 'https://api.calendly.com/user_availability_schedules/london', user: OTHER }],
};
const busyTimes: Record<string, BusyTime[]> = {
  [ME]: [
    busy('calendly', '2026-11-27T15:00:00.000000Z', '2026-11-27T16:00:00.000000Z'), // Fri 10–11 NY
    busy('external', '2026-11-30T16:00:00.000000Z', '2026-11-30T17:30:00.000000Z'), // Mon 11–12:30 NY
  ],
  [OTHER]: [busy('calendly', '2026-11-27T14:00:00.000000Z', '2026-11-27T16:00:00.000000Z')],
};

/** A client over the real background service with a fake Calendly, so answers are consistent. */
function makeClient(over: Partial<AvailabilityClient> = {}) {
  const area = memoryArea();
  const service = createAvailabilityService({
    api: {
      listAvailabilitySchedules: async (u: string) => schedules[u] ?? [],
      getBusyTimes: async (q: { user: string }) => busyTimes[q.user] ?? [],
      listOrganizationMemberships: async () =>
        members.map((m) => ({
          uri: `${m.userUri}/m`,
          role: m.role,
          organization: 'https://api.calendly.com/organizations/o',
          created_at: '2026-01-01T00:00:00Z',
          updated_at: '2026-01-01T00:00:00Z',
          user: { uri: m.userUri, name: m.name, email: m.email, slug: '', scheduling_url: '', timezone: m.timezone, avatar_url: null, locale: 'en', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
        })),
      rateLimit: () => null,
    },
    cache: createCache(area, () => NOW),
    account: async () => ({
      uri: ME,
      name: 'Avery Quinn',
      email: 'avery@example.com',
      timezone: NY,
      schedulingUrl: '',
      organizationUri: 'https://api.calendly.com/organizations/o',
      via: 'token',
    }),
    now: () => NOW,
    store: area,
  });
  const wrap = async <T,>(fn: () => Promise<T>): Promise<Result<T>> => {
    try {
      return { ok: true, data: await fn() };
    } catch (e) {
      return { ok: false, error: { kind: 'server', message: (e as Error).message } };
    }
  };
  const answers: AvailabilityAnswer[] = [];
  const client = {
    listMembers: vi.fn(async (): Promise<Result<Member[]>> => ({ ok: true, data: members })),
    loadSettings: vi.fn(async () => ({ ...DEFAULT_SETTINGS, clock: '12h' as const, locale: 'en' as const })),
    getAvailability: vi.fn(async (req: AvailabilityQuery) => {
      const r = await wrap(() => service.getAvailability(req));
      if (r.ok) answers.push(r.data);
      return r;
    }),
    startTeamSummary: vi.fn((req: { start: string; end: string }) => wrap(() => service.startTeamSummary(req))),
    getTeamSummary: vi.fn(() => wrap(() => service.getTeamSummary())),
    cancelTeamSummary: vi.fn(() => wrap(() => service.cancelTeamSummary())),
    ...over,
  };
  return { client, answers, service };
}

let root: HTMLDivElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

const env = () => ({ timeZone: NY, language: 'en-US' });

async function show(client: AvailabilityClient) {
  await act(async () => {
    render(<AvailabilityApp client={client} now={() => NOW} environment={env} pollMs={5} />, root);
  });
}

/** Waits until `fn` passes, letting promises and Preact's renders run. */
async function until(fn: () => void) {
  await vi.waitFor(async () => {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    fn();
  });
}

const figure = (name: string) => text(root.querySelector(`[data-figure="${name}"] .av-figure-value`));
const button = (label: string) => [...root.querySelectorAll('button')].find((b) => text(b) === label);
const labelled = <T extends Element>(label: string) =>
  [...root.querySelectorAll('label')].find((l) => text(l.querySelector('span')) === label)?.querySelector('select, input') as T | null;

async function change(el: HTMLInputElement | HTMLSelectElement, value: string) {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function click(el: Element | undefined) {
  expect(el).toBeTruthy();
  await act(async () => {
    (el as HTMLElement).click();
  });
}

describe('AvailabilityApp', () => {
  it('shows the answer’s figures, per-day rows and week calendar for the connected user first', async () => {
    const { client, answers } = makeClient();
    await show(client);
    await until(() => expect(figure('available')).not.toBe(''));
    const a = answers.at(-1)!;
    expect(a.userUri).toBe(ME);
    const h = (n: number) => formatHours(n, 'en');
    expect(figure('available')).toBe(h(a.figures.availableHours));
    expect(figure('scheduled')).toBe(h(a.figures.scheduledHours));
    expect(figure('free')).toBe(h(a.figures.freeHours));
    expect(figure('utilisation')).toBe(formatPercent(a.figures.utilisation, 'en'));
    expect(text(root.querySelector('[data-figure="calendly"]'))).toBe(`Calendly ${h(a.figures.calendlyHours)}`);
    expect(text(root.querySelector('[data-figure="external"]'))).toBe(`External ${h(a.figures.externalHours)}`);
    // This week from Friday 07:00: Friday 8 h, one Calendly hour.
    expect(figure('available')).toBe('8 h');
    expect(figure('free')).toBe('7 h');
    expect(figure('utilisation')).toBe('12.5%');
    expect(root.querySelectorAll('.av-days tbody tr')).toHaveLength(a.figures.days.length);
    expect(root.querySelectorAll('.av-day')).toHaveLength(7);
    const calendly = root.querySelector('.av-block.calendly')!;
    expect(calendly.getAttribute('title')).toBe('Calendly event 10:00 AM – 11:00 AM');
    expect(text(calendly)).toBe('Calendly');
    expect(text(root.querySelector('.av-zone'))).toBe('Times are shown in your time zone, America/New_York.');
    expect(client.getAvailability).toHaveBeenCalledWith(
      expect.objectContaining({ userUri: ME, viewerTimeZone: NY, start: new Date(NOW).toISOString(), scheduleUri: null, lowFreeThresholdHours: 5 }),
    );
    // The member picker lists the connected user first, as "(you)".
    const options = [...labelled<HTMLSelectElement>(en.avMember)!.options].map((o) => o.textContent);
    expect(options).toEqual(['Avery Quinn (you)', 'Blake Rivera']);
  });

  it('switching member asks for that member’s availability and names their schedule’s zone', async () => {
    const { client, answers } = makeClient();
    await show(client);
    await until(() => expect(figure('available')).not.toBe(''));
    await change(labelled<HTMLSelectElement>(en.avMember)!, OTHER);
    await until(() => expect(answers.at(-1)?.userUri).toBe(OTHER));
    await until(() => expect(figure('available')).toBe(formatHours(answers.at(-1)!.figures.availableHours, 'en')));
    expect(client.getAvailability).toHaveBeenLastCalledWith(expect.objectContaining({ userUri: OTHER, scheduleUri: null }));
    expect(text(root.querySelector('.av-zone'))).toContain('The schedule “Working hours” is set in Europe/London.');
    expect(root.querySelector('[data-testid="low-free-hint"]')).toBeTruthy();
  });

  it('switches schedule and week, and validates a custom period of at most 8 weeks', async () => {
    const { client } = makeClient();
    await show(client);
    await until(() => expect(figure('available')).not.toBe(''));
    await change(labelled<HTMLSelectElement>(en.avSchedule)!, 'https://api.calendly.com/user_availability_schedules/evenings');
    await until(() => expect(client.getAvailability).toHaveBeenLastCalledWith(expect.objectContaining({ scheduleUri: expect.stringContaining('evenings') })));

    await change(labelled<HTMLSelectElement>(en.avPeriod)!, 'next-4-weeks');
    await until(() => expect(button(`‹ ${en.avPrevWeekButton}`)).toBeTruthy());
    await until(() => expect(button(`${en.avNextWeekButton} ›`)?.disabled).toBe(false));
    await click(button(`${en.avNextWeekButton} ›`));
    await until(() => expect(client.getAvailability).toHaveBeenLastCalledWith(expect.objectContaining({ weekStart: '2026-11-30' })));
    await until(() => expect(text(root.querySelector('.av-week-title'))).toBe('Week of Mon, Nov 30, 2026'));

    await change(labelled<HTMLSelectElement>(en.avPeriod)!, 'custom');
    const calls = vi.mocked(client.getAvailability).mock.calls.length;
    await change(labelled<HTMLInputElement>(en.avTo)!, '2027-02-28');
    expect(text(root.querySelector('[role="alert"]'))).toBe('Choose at most 8 weeks.');
    await change(labelled<HTMLInputElement>(en.avTo)!, '2026-12-10');
    await until(() =>
      expect(client.getAvailability).toHaveBeenLastCalledWith(
        expect.objectContaining({ start: '2026-11-27T05:00:00.000Z', end: '2026-12-11T05:00:00.000Z' }),
      ),
    );
    expect(vi.mocked(client.getAvailability).mock.calls.length).toBeGreaterThan(calls);
  });

  it('shows the error message with Try again, which asks again', async () => {
    const error: ErrorInfo = { kind: 'server', message: 'Calendly is having trouble right now (error 500). Try again in a few minutes.' };
    const { client: real } = makeClient();
    const getAvailability = vi
      .fn<AvailabilityClient['getAvailability']>()
      .mockResolvedValueOnce({ ok: false, error })
      .mockImplementation(real.getAvailability);
    const { client } = makeClient({ getAvailability });
    await show(client);
    await until(() => expect(text(root.querySelector('.av-error [role="alert"]'))).toBe(error.message));
    expect(root.querySelector('.av-figures')).toBeNull();
    await click(button(en.tryAgain));
    await until(() => expect(figure('available')).toBe('8 h'));
    expect(getAvailability).toHaveBeenCalledTimes(2);
    expect(root.querySelector('.av-error')).toBeNull();
  });

  it('shows a not-connected error from the member list, with Try again', async () => {
    const { client } = makeClient({
      listMembers: vi
        .fn<AvailabilityClient['listMembers']>()
        .mockResolvedValueOnce({ ok: false, error: { kind: 'not_connected', message: 'Open Slots is not connected to Calendly yet.' } })
        .mockResolvedValue({ ok: true, data: members }),
    });
    await show(client);
    await until(() => expect(text(root.querySelector('[role="alert"]'))).toBe('Open Slots is not connected to Calendly yet.'));
    await click(button(en.tryAgain));
    await until(() => expect(figure('available')).toBe('8 h'));
  });

  it('exports the figures as CSV through a download link', async () => {
    const { client, answers } = makeClient();
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await show(client);
    await until(() => expect(figure('available')).not.toBe(''));
    await click(button(en.avExportCsv));
    expect(blobs).toHaveLength(1);
    const csv = await blobs[0]!.text();
    expect(csv).toBe(figuresToCsv(answers.at(-1)!.figures));
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'date,available_hours,calendly_hours,held_hours,external_hours,busy_hours,free_hours',
      '2026-11-27,8.00,1.00,0.00,0.00,1.00,7.00',
    ]);
    expect(csv).toContain('total,8.00,1.00,0.00,0.00,1.00,7.00\r\n');
    expect(names).toEqual(['availability-avery-quinn-2026-11-27-to-2026-11-29.csv']);
    expect(root.querySelector('a[download]')).toBeNull();
  });

  it('runs the team summary for admins: progress, totals, sorting, cancel', async () => {
    const { client } = makeClient();
    await show(client);
    await until(() => expect(button(en.avTeamStart)).toBeTruthy());
    await click(button(en.avTeamStart));
    expect(client.startTeamSummary).toHaveBeenCalledWith({ start: new Date(NOW).toISOString(), end: '2026-11-30T05:00:00.000Z', timeZone: NY });
    await until(() => expect(text(root.querySelector('label[for="av-team-progress"]'))).toBe('2 of 2 members'));
    const rows = () => [...root.querySelectorAll('.av-team tbody tr')].map((r) => [...r.children].map(text));
    expect(rows()).toEqual([
      ['Avery Quinn (you)', 'avery@example.com', '8 h', '1 h', '7 h', '12.5%'],
      ['Blake Rivera', 'blake@example.com', '5 h', '2 h', '3 h', '40%'],
    ]);
    const scheduledHeader = [...root.querySelectorAll('.av-team th')].find((th) => text(th).startsWith(en.avScheduled))!;
    await click(scheduledHeader.querySelector('button')!);
    expect(scheduledHeader.getAttribute('aria-sort')).toBe('descending');
    expect(rows().map((r) => r[0])).toEqual(['Blake Rivera', 'Avery Quinn (you)']);
    await click(scheduledHeader.querySelector('button')!);
    expect(scheduledHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(rows().map((r) => r[0])).toEqual(['Avery Quinn (you)', 'Blake Rivera']);
    // A member's name opens their availability.
    await click(root.querySelector('.av-team tbody tr[data-user="https://api.calendly.com/users/other"] button')!);
    await until(() => expect(client.getAvailability).toHaveBeenLastCalledWith(expect.objectContaining({ userUri: OTHER })));
  });

  it('polls a running summary found on opening (this week, started earlier today), and pauses it', async () => {
    const range = { start: new Date(NOW - 3_600_000).toISOString(), end: '2026-11-30T05:00:00.000Z' };
    const running: TeamSummary = {
      range,
      periodKey: periodKey(range, NY),
      requestsLeft: 2,
      timeLeftMs: 150_000,
      rateLimit: 120,
      status: 'running',
      total: 2,
      completed: 1,
      failed: 0,
      startedAt: NOW,
      finishedAt: null,
      members: [
        { ...members[0]!, state: 'done', totals: { availableHours: 8, scheduledHours: 1, calendlyHours: 1, heldHours: 0, externalHours: 0, freeHours: 7, utilisation: 0.125, hasSchedule: true }, error: null },
        { ...members[1]!, state: 'pending', totals: null, error: null },
      ],
    };
    let current: TeamSummary = running;
    const { client } = makeClient({
      getTeamSummary: vi.fn(async () => ({ ok: true as const, data: current })),
      cancelTeamSummary: vi.fn(async () => {
        current = { ...running, status: 'paused', finishedAt: NOW };
        return { ok: true as const, data: null };
      }),
    });
    await show(client);
    await until(() => expect(text(root.querySelector('label[for="av-team-progress"]'))).toBe('1 of 2 members'));
    await until(() => expect(vi.mocked(client.getTeamSummary).mock.calls.length).toBeGreaterThan(2));
    expect(text(root.querySelector('.av-team tr[data-state="pending"] td:not([data-col="email"])'))).toBe(en.avTeamWaiting);
    expect(text(root.querySelector('.av-progress-eta'))).toBe('About 3 min left');
    expect(text(root.querySelector('.av-progress'))).toContain('2 Calendly requests left at 120 a minute');
    await click(button(en.avTeamCancel));
    expect(client.cancelTeamSummary).toHaveBeenCalledTimes(1);
    await until(() => expect(button(en.avTeamCancel)).toBeUndefined());
    expect(text(root.querySelector('.av-progress-status'))).toBe(en.avTeamCancelled);
    const polls = vi.mocked(client.getTeamSummary).mock.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(vi.mocked(client.getTeamSummary).mock.calls.length).toBe(polls);
    expect(button(en.avTeamContinue)).toBeTruthy();
  });

  it('Summarize for this period hides another period’s finished summary until the new one has started', async () => {
    const old = { start: '2026-11-16T05:00:00.000Z', end: '2026-11-23T05:00:00.000Z' };
    const finished: TeamSummary = {
      range: old,
      periodKey: periodKey(old, NY),
      requestsLeft: 0,
      timeLeftMs: 0,
      rateLimit: 120,
      status: 'done',
      total: 2,
      completed: 2,
      failed: 0,
      startedAt: NOW - 86_400_000,
      finishedAt: NOW - 86_000_000,
      members: members.map((m) => ({ ...m, state: 'done' as const, totals: null, error: null })),
    };
    let release: () => void = () => {};
    const started = new Promise<void>((r) => (release = r));
    const { client, service } = makeClient({ getTeamSummary: vi.fn(async () => ({ ok: true as const, data: finished })) });
    client.startTeamSummary = vi.fn(async (req: { start: string; end: string }) => {
      await started;
      return { ok: true as const, data: await service.startTeamSummary(req) };
    });
    await show(client);
    await until(() => expect(root.querySelector('.av-team-other')).toBeTruthy());
    expect(text(root.querySelector('label[for="av-team-progress"]'))).toBe('2 of 2 members');
    await click(button(en.avTeamStart));
    // While the new summary starts: no line of the old one, a loading state instead.
    expect(root.querySelector('.av-team-other')).toBeNull();
    expect(root.querySelector('label[for="av-team-progress"]')).toBeNull();
    expect(text(root.querySelector('.av-team-starting[role="status"]'))).toBe(en.loading);
    release();
    await until(() => expect(root.querySelector('.av-team-starting')).toBeNull());
    expect(root.querySelector('.av-team-other')).toBeNull();
  });

  it('hides the team summary from members without an admin role', async () => {
    const { client } = makeClient({
      listMembers: vi.fn(async () => ({ ok: true as const, data: [{ ...members[0]!, role: 'user' }] })),
    });
    await show(client);
    await until(() => expect(figure('available')).toBe('8 h'));
    expect(root.textContent).not.toContain(en.avTeamSummary);
    expect(client.getTeamSummary).not.toHaveBeenCalled();
  });

  it('labels every control', async () => {
    const { client } = makeClient();
    await show(client);
    await until(() => expect(figure('available')).not.toBe(''));
    await change(labelled<HTMLSelectElement>(en.avPeriod)!, 'custom');
    for (const el of root.querySelectorAll('input, select')) {
      expect(el.closest('label'), el.outerHTML).toBeTruthy();
    }
    for (const b of root.querySelectorAll('button')) expect(text(b)).not.toBe('');
  });
});

describe('sortRows', () => {
  it('keeps members without figures last', () => {
    const row = (name: string, free?: number) => ({
      userUri: name,
      name,
      email: '',
      role: 'user',
      isSelf: false,
      state: free === undefined ? ('pending' as const) : ('done' as const),
      totals: free === undefined ? null : { availableHours: 10, scheduledHours: 0, calendlyHours: 0, heldHours: 0, externalHours: 0, freeHours: free, utilisation: 0, hasSchedule: true },
      error: null,
    });
    const rows = [row('A', 3), row('B'), row('C', 9)];
    expect(sortRows(rows, 'free', 'desc', 'en').map((r) => r.name)).toEqual(['C', 'A', 'B']);
    expect(sortRows(rows, 'free', 'asc', 'en').map((r) => r.name)).toEqual(['A', 'C', 'B']);
  });
});
