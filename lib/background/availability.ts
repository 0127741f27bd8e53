/**
 * The availability view's background side: a member's schedules and busy times over a period turned into
 * figures, a per-day table and a week grid (lib/availability does the math), and the team summary — every
 * organization member's figures for a period, fetched through one resumable scheduler (./scheduler.ts).
 * Calendly data is cached per member (+ period) in the given cache, so switching schedule, week or member
 * and back costs no request.
 */
import type { CalendlyApi } from '../calendly/api';
import { CalendlyError } from '../calendly/errors';
import { splitIntoWindows } from '../calendly/windows';
import type { AvailabilitySchedule, BusyTime } from '../calendly/types';
import {
  computeFigures,
  expandSchedule,
  intersectIntervals,
  periodRange,
  weekGrid,
  MINUTE_MS,
  type Figures,
  type GridBlock,
  type GridDay,
} from '../availability';
import { addDays, assertTimeZone, startOfZonedDate, weekdayOf, zonedDate } from '../availability/zoned';
import { t, tn } from '../i18n/t';
import type {
  AnswerGridDay,
  AvailabilityAnswer,
  AvailabilityQuery,
  Member,
  MemberTotals,
  ScheduleSummary,
  TeamMemberRow,
  TeamSummary,
  TeamSummaryRequest,
} from '../contract';
import { periodKey } from '../team/period';
import { CACHE_TTL, type createCache, type KeyValueArea } from './cache';
import { createScheduler, DEFAULT_CONCURRENCY, type JobState } from './scheduler';
import type { StoredAccount } from '../storage';


/** Key of the team summary job in the store. */
export const TEAM_SUMMARY_KEY = 'availability:teamSummary';

type TeamMember = Omit<Member, 'timezone'>;
interface TeamMeta {
  accountUri: string;
  range: { start: string; end: string };
  periodKey: string;
  members: TeamMember[];
}

export interface AvailabilityDeps {
  api: Pick<CalendlyApi, 'listAvailabilitySchedules' | 'getBusyTimes' | 'listOrganizationMemberships' | 'rateLimit'>;
  cache: ReturnType<typeof createCache>;
  /** The connected account; throws (not_connected) when there is none. */
  account: () => Promise<StoredAccount>;
  now?: () => number;
  /** Where the team summary's progress is kept (the extension's session storage in production). */
  store: KeyValueArea;
  /** Team summary members in flight at most (default 6). */
  concurrency?: number;
  /** Called every 20 s while the team summary runs, to keep a Manifest V3 service worker alive. */
  heartbeat?: () => Promise<unknown>;
}

/** Key of the organization's member list in the cache: one load serves the member picker and the team summary. */
export const membersCacheKey = (org: string) => `members:${org}`;

/** Every member of the organization (cached), as the page and the team summary both need them. */
export function organizationMembers(
  deps: { api: Pick<CalendlyApi, 'listOrganizationMemberships'>; cache: ReturnType<typeof createCache> },
  account: Pick<StoredAccount, 'uri' | 'organizationUri'>,
): Promise<Member[]> {
  const org = account.organizationUri!;
  return deps.cache.getOrLoad(membersCacheKey(org), CACHE_TTL.members, async () =>
    (await deps.api.listOrganizationMemberships(org)).map(
      (m): Member => ({
        userUri: m.user.uri,
        name: m.user.name,
        email: m.user.email,
        timezone: m.user.timezone,
        role: m.role,
        isSelf: m.user.uri === account.uri,
      }),
    ),
  );
}

const MAX_RANGE_WEEKS = 8;
const MAX_RANGE_DAYS = 7 * MAX_RANGE_WEEKS + 1;

/** What a non-admin is told when Calendly refuses another member's schedules or busy times. */
export const othersForbidden = (): string => t('avErrOthersForbidden');

function invalid(message: string): CalendlyError {
  return new CalendlyError({ kind: 'invalid_request', message });
}

function summarizeSchedule(s: AvailabilitySchedule): ScheduleSummary {
  return { uri: s.uri, name: s.name, default: s.default, timezone: s.timezone };
}

/** The requested schedule, else the default one, else the first. */
export function chooseSchedule(
  schedules: readonly AvailabilitySchedule[],
  uri?: string | null,
): AvailabilitySchedule | null {
  return (uri ? schedules.find((s) => s.uri === uri) : undefined) ?? schedules.find((s) => s.default) ?? schedules[0] ?? null;
}

/** A schedule with no hours, so a member without schedules still gets their busy time counted. */
function emptySchedule(user: string, timezone: string): AvailabilitySchedule {
  return { uri: '', name: '', default: true, user, timezone, rules: [] };
}

function parseInstant(iso: unknown, what: 'start' | 'end'): number {
  const at = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (!Number.isFinite(at)) throw invalid(t(what === 'start' ? 'avErrStartInvalid' : 'avErrEndInvalid'));
  return at;
}

/**
 * The range to compute: the requested one from no earlier than now (Calendly has no busy times for the past),
 * at most 8 weeks long.
 */
function effectiveRange(startIso: unknown, endIso: unknown, now: number): { start: number; end: number } {
  const requestedStart = parseInstant(startIso, 'start');
  const end = parseInstant(endIso, 'end');
  if (!(end > requestedStart)) throw invalid(t('avErrEndBeforeStart'));
  if (end - requestedStart > MAX_RANGE_DAYS * 86_400_000) throw invalid(tn('avErrTooLong', MAX_RANGE_WEEKS));
  const start = Math.max(requestedStart, Math.floor(now / MINUTE_MS) * MINUTE_MS);
  if (!(end > start)) throw invalid(t('avErrPeriodOver'));
  return { start, end };
}

function checkZone(tz: unknown): string {
  if (typeof tz !== 'string' || !tz) throw invalid(t('avErrNoZone'));
  try {
    assertTimeZone(tz);
  } catch {
    throw invalid(t('avErrUnknownZone', tz));
  }
  return tz;
}

/** The Monday (`yyyy-MM-dd`) of the week containing `date`. */
function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** Grid blocks limited to [start, end); days entirely outside are flagged. */
function clipGrid(days: GridDay[], start: number, end: number): AnswerGridDay[] {
  const range = [{ start, end }];
  return days.map((day) => {
    const blocks: GridBlock[] = [];
    for (const b of day.blocks) {
      const c = intersectIntervals([b], range)[0];
      if (!c) continue;
      blocks.push({
        ...b,
        start: c.start,
        end: c.end,
        startMin: (c.start - day.start) / MINUTE_MS,
        endMin: (c.end - day.start) / MINUTE_MS,
        continuesBefore: b.continuesBefore || c.start > b.start,
        continuesAfter: b.continuesAfter || c.end < b.end,
      });
    }
    return { ...day, blocks, outside: day.end <= start || day.start >= end };
  });
}

function totalsOf(f: Figures, hasSchedule: boolean): MemberTotals {
  return {
    availableHours: f.availableHours,
    scheduledHours: f.scheduledHours,
    calendlyHours: f.calendlyHours,
    heldHours: f.heldHours,
    externalHours: f.externalHours,
    freeHours: f.freeHours,
    utilisation: f.utilisation,
    hasSchedule,
  };
}

/**
 * The cache key of a period, by calendar dates. "This week" and "Next 4 weeks" start at `now` to the
 * millisecond, so a key with that start was new on every page open (and never read again). A period that
 * has already begun is fetched from now on whatever its start, so its key is today's UTC date instead:
 * an entry made earlier today covers everything a later request can ask for (same end, later start).
 * A period starting in the future keeps its exact start (the page builds it from a date, at midnight).
 */
export function busyPeriodKey(startIso: string, endIso: string, now: number): string {
  const start = Date.parse(startIso);
  const from = Number.isFinite(start) && start > now ? new Date(start).toISOString() : `today=${new Date(now).toISOString().slice(0, 10)}`;
  return `${from}:${endIso}`;
}

export function createAvailabilityService(deps: AvailabilityDeps) {
  const now = deps.now ?? Date.now;
  const { api, cache } = deps;

  function schedulesOf(userUri: string): Promise<AvailabilitySchedule[]> {
    return cache.getOrLoad(`availability:schedules:${userUri}`, CACHE_TTL.schedules, () =>
      api.listAvailabilitySchedules(userUri),
    );
  }

  /** Busy times, cached per member and period (keyed by `busyPeriodKey`, so reopening a page reuses the entry). */
  function busyOf(userUri: string, startIso: string, endIso: string, range: { start: number; end: number }): Promise<BusyTime[]> {
    return cache.getOrLoad(`availability:busy:${userUri}:${busyPeriodKey(startIso, endIso, now())}`, CACHE_TTL.busy, () =>
      api.getBusyTimes({ user: userUri, start: new Date(range.start), end: new Date(range.end) }),
    );
  }

  async function teamMembers(account: StoredAccount): Promise<TeamMember[]> {
    const org = account.organizationUri;
    if (!org) {
      throw invalid(t('avErrNoOrganization'));
    }
    const members: TeamMember[] = (await organizationMembers({ api, cache }, account)).map(({ timezone: _tz, ...m }) => m);
    const me = members.find((m) => m.isSelf);
    if (!me || (me.role !== 'admin' && me.role !== 'owner')) {
      throw new CalendlyError({
        kind: 'forbidden',
        message: t('avErrTeamRole'),
      });
    }
    return [me, ...members.filter((m) => !m.isSelf).sort((a, b) => a.name.localeCompare(b.name))];
  }

  /**
   * One member's totals for a period, cached by the period's calendar days: a restarted summary, or the same
   * period chosen again later, reuses what was already fetched.
   */
  function memberTotals(userUri: string, range: { start: string; end: string }, key: string): Promise<MemberTotals> {
    return cache.getOrLoad(`availability:team:${userUri}:${key}`, CACHE_TTL.teamMember, async () => {
      const r = effectiveRange(range.start, range.end, now());
      const schedules = await schedulesOf(userUri);
      const schedule = chooseSchedule(schedules);
      const busy = await busyOf(userUri, range.start, range.end, r);
      const figures = computeFigures({
        schedule: schedule ?? emptySchedule(userUri, 'UTC'),
        busy,
        range: { start: new Date(r.start), end: new Date(r.end) },
        viewerTimeZone: 'UTC',
      });
      return totalsOf(figures, schedule !== null);
    });
  }

  /** The answer for a request, once the account is known to be connected. */
  async function answer(req: AvailabilityQuery): Promise<AvailabilityAnswer> {
    if (typeof req?.userUri !== 'string' || !req.userUri) throw invalid(t('avErrNoMember'));
    const tz = checkZone(req.viewerTimeZone);
    const range = effectiveRange(req.start, req.end, now());
    const schedules = await schedulesOf(req.userUri);
    const chosen = chooseSchedule(schedules, req.scheduleUri);
    const busy = await busyOf(req.userUri, req.start, req.end, range);
    const schedule = chosen ?? emptySchedule(req.userUri, tz);
    const rangeDates = { start: new Date(range.start), end: new Date(range.end) };

    const threshold = req.lowFreeThresholdHours;
    const figures = computeFigures({
      schedule,
      busy,
      range: rangeDates,
      viewerTimeZone: tz,
      buffered: req.buffered === true,
      ...(typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0 ? { lowFreeThresholdHours: threshold } : {}),
    });

    const firstWeek = mondayOf(zonedDate(range.start, tz));
    const lastWeek = mondayOf(zonedDate(range.end - 1, tz));
    const weeks: string[] = [];
    for (let w = firstWeek; w <= lastWeek; w = addDays(w, 7)) weeks.push(w);
    const asked = typeof req.weekStart === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.weekStart) ? mondayOf(req.weekStart) : firstWeek;
    const week = asked < firstWeek ? firstWeek : asked > lastWeek ? lastWeek : asked;
    const grid = clipGrid(
      weekGrid({ weekStart: new Date(startOfZonedDate(week, tz)), viewerTimeZone: tz, schedule, busy, buffered: req.buffered === true }),
      range.start,
      range.end,
    );

    return {
      userUri: req.userUri,
      schedules: schedules.map(summarizeSchedule),
      schedule: chosen ? summarizeSchedule(chosen) : null,
      figures,
      grid,
      week,
      weeks,
      overrideDates: chosen ? expandSchedule(chosen, rangeDates).overrideDates : [],
      range: { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() },
      viewerTimeZone: tz,
      fetchedAt: now(),
    };
  }

  /** Requests one member costs for a period: 1 for the schedules + 1 per started 7-day window of busy times. */
  function memberCost(range: { start: string; end: string }): number {
    const start = Date.parse(range.start);
    const end = Date.parse(range.end);
    if (!Number.isFinite(start) || !Number.isFinite(end)) return 2;
    return 1 + splitIntoWindows(new Date(start), new Date(end), 7, new Date(now())).length;
  }

  const scheduler = createScheduler<TeamMeta, MemberTotals>({
    store: deps.store,
    key: TEAM_SUMMARY_KEY,
    task: (userUri, job) => memberTotals(userUri, job.meta.range, job.meta.periodKey),
    concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY,
    cost: (meta) => memberCost(meta.range),
    rateLimit: () => api.rateLimit(),
    now,
    ...(deps.heartbeat ? { heartbeat: deps.heartbeat } : {}),
  });

  function toSummary(job: JobState<TeamMeta, MemberTotals>): TeamSummary {
    let completed = 0;
    let failed = 0;
    const members = job.meta.members.map((m): TeamMemberRow => {
      const r = job.results[m.userUri];
      if (!r) return { ...m, state: 'pending', totals: null, error: null };
      completed++;
      if (r.ok) return { ...m, state: 'done', totals: r.value, error: null };
      failed++;
      return { ...m, state: 'error', totals: null, error: r.error.message };
    });
    const progress = scheduler.progress(job);
    return {
      range: job.meta.range,
      periodKey: job.meta.periodKey ?? periodKey(job.meta.range),
      status: job.status,
      total: members.length,
      completed,
      failed,
      members,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      requestsLeft: job.status === 'done' ? 0 : progress.requestsLeft,
      timeLeftMs: job.status === 'done' ? 0 : progress.timeLeftMs,
      rateLimit: progress.rateLimit?.limit ?? null,
    };
  }

  /** Runs `fn` on the stored job when it belongs to the connected account; forgets another account's job. */
  async function ownJob(
    fn: () => Promise<JobState<TeamMeta, MemberTotals> | null>,
  ): Promise<TeamSummary | null> {
    const account = await deps.account();
    const stored = await scheduler.peek();
    if (!stored) return null;
    if (stored.meta.accountUri !== account.uri) {
      await scheduler.clear();
      return null;
    }
    const job = await fn();
    return job ? toSummary(job) : null;
  }

  return {
    /** Figures, per-day table, week grid and override dates for one member, schedule and period. */
    async getAvailability(req: AvailabilityQuery): Promise<AvailabilityAnswer> {
      const account = await deps.account();
      try {
        return await answer(req);
      } catch (e) {
        // Calendly answers 403 for another member's schedules or busy times unless you are an admin or owner.
        if (e instanceof CalendlyError && e.info.kind === 'forbidden' && !e.info.scope && req?.userUri !== account.uri) {
          throw new CalendlyError({ ...e.info, message: othersForbidden() });
        }
        throw e;
      }
    },

    /**
     * Starts (or, for the same period, continues) the team summary: every member's totals, filled in as they
     * arrive. The job is named by the period's calendar days, so "This week" chosen again later (another start
     * instant, the same days) continues it. Needs an admin or owner role.
     */
    async startTeamSummary(req: TeamSummaryRequest): Promise<TeamSummary> {
      const account = await deps.account();
      effectiveRange(req?.start, req?.end, now());
      const members = await teamMembers(account);
      const key = periodKey({ start: req.start, end: req.end }, req.timeZone);
      const id = `${account.uri}|${key}`;
      const prev = await scheduler.peek();
      // Continuing: the figures already there were computed from the earlier start; keep showing that range.
      const range = prev?.id === id ? prev.meta.range : { start: req.start, end: req.end };
      const job = await scheduler.start(id, { accountUri: account.uri, range, periodKey: key, members }, members.map((m) => m.userUri));
      return toSummary(job);
    },

    /** The team summary so far, or null; resumes one that a stopped service worker left running. */
    getTeamSummary(): Promise<TeamSummary | null> {
      return ownJob(() => scheduler.get());
    },

    /** Pauses the team summary: no further members are started; starting the same period continues it. */
    async cancelTeamSummary(): Promise<null> {
      await ownJob(() => scheduler.pause());
      return null;
    },

    /** For tests: resolves when the team summary has nothing in flight. */
    teamIdle(): Promise<void> {
      return scheduler.idle();
    },
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
