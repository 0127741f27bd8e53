/**
 * The background service: everything the message handlers do, as plain functions over injected
 * dependencies (storage, the Calendly API, a cache, a clock), so it is unit-tested without a browser.
 * It is the only code that reads the token; nothing it returns contains it.
 */
import type { CalendlyApi } from '../calendly/api';
import { CalendlyError, MESSAGES, toErrorInfo } from '../calendly/errors';
import { eventTypeName, standardFirst } from '../calendly/event-types';
import type { CalendlyUser, EventType } from '../calendly/types';
import { formatSlots, isEventTypeUri, isMarkedStart, pickSlots } from '../format';
import { t } from '../i18n/t';
import type {
  AvailabilityQuery,
  ConnectedUser,
  EventTypeSummary,
  Member,
  OfferedAnswer,
  OfferedCheck,
  Result,
  SlotsAnswer,
  SlotsRequest,
  Status,
  OffersAnswer,
  TeamSummaryRequest,
} from '../contract';
import { createOffers, type OfferStore } from '../offers/service';
import { normalizeRecipients, recipientKey } from '../recipients/addresses';
import { readRecipientZones, rememberZone, zoneForRecipients, type RecipientZones } from '../recipients/zones';
import { isTimeZone, normalizeSettings, resolveSettings, type Settings } from '../settings/settings';
import type { StoredAccount } from '../storage';
import type { Auth } from './auth';
import { createAvailabilityService, organizationMembers } from './availability';
import { CACHE_TTL as TTL, memoryArea, StaleLoadError, type createCache, type KeyValueArea } from './cache';

export type { StoredAccount };

/** At most this many remembered event type summaries per account (the settings default, popup and picker choices). */
const REMEMBERED_EVENT_TYPES = 8;

interface Slot<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
}

export interface ServiceDeps {
  /** Builds a client that reads the token through `getToken` on every request. */
  createApi(getToken: () => Promise<string | null>, renewToken?: (rejected: string) => Promise<string | null>): CalendlyApi;
  token: Slot<string | null>;
  pendingToken: Slot<string | null>;
  account: Slot<StoredAccount | null>;
  /** Single-use offers made from this browser (storage.local in production). */
  offers?: OfferStore;
  /** The second time zone remembered per recipient (storage.local in production; issue 19). */
  recipientZones?: Slot<RecipientZones>;
  settings: () => Promise<Settings>;
  cache: ReturnType<typeof createCache>;
  /** Where the team summary keeps its progress (session storage in production, so it resumes after a restart). */
  store?: KeyValueArea;
  /** An extension API call made every 20 s while the team summary runs, so the service worker is not stopped. */
  heartbeat?: () => Promise<unknown>;
  now?: () => number;
  /** "Sign in with Calendly" (OAuth), when this build has a client id. */
  oauth?: Pick<Auth, 'signIn' | 'signOut' | 'getToken' | 'renewToken' | 'isSignedIn' | 'available'>;
  /** The browser's own zone and language, used where settings say 'auto'. */
  environment: () => { timeZone: string; language: string };
}

/**
 * `fn` as a Result. An answer the cache dropped because it was cleared meanwhile (disconnect, account
 * switch) is asked for once more, now for whoever is connected (or "not connected").
 */
async function attempt<T>(fn: () => Promise<T>, again = true): Promise<Result<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (e instanceof StaleLoadError && again) return attempt(fn, false);
    return { ok: false, error: toErrorInfo(e) };
  }
}

function summarize(et: EventType, scope: 'user' | 'organization'): EventTypeSummary {
  return {
    uri: et.uri,
    name: et.name,
    slug: et.slug,
    oneOff: et.type === 'AdhocEventType',
    durationMinutes: et.duration,
    schedulingUrl: et.scheduling_url,
    owner: et.profile?.name ?? null,
    scope,
    oneOnOne: et.kind === 'solo' && !et.pooling_type,
    locale: et.locale,
  };
}

function deletedEventType(): CalendlyError {
  return new CalendlyError({
    kind: 'not_found',
    message: t('svcEventTypeDeleted'),
  });
}

/** How long connecting waits for the organization's name before going on without it. */
export const ORGANIZATION_NAME_TIMEOUT_MS = 4_000;

/**
 * The organization's name for the account card, or null: the token may lack `organizations:read`, and a
 * name is not worth a failed or slow connect, so any error or a slow answer is null.
 */
async function organizationName(api: CalendlyApi, user: CalendlyUser): Promise<string | null> {
  if (!user.current_organization) return null;
  try {
    const org = await api.getOrganization(user.current_organization, { signal: AbortSignal.timeout(ORGANIZATION_NAME_TIMEOUT_MS) });
    return org.name?.trim() || null; // `name` is optional in Calendly's spec
  } catch {
    return null;
  }
}

function accountFrom(user: CalendlyUser, via: StoredAccount['via'], orgName: string | null): StoredAccount {
  return {
    uri: user.uri,
    name: user.name,
    email: user.email,
    timezone: user.timezone,
    schedulingUrl: user.scheduling_url,
    organizationUri: user.current_organization || null,
    organizationName: orgName,
    via,
  };
}

function toConnectedUser(a: StoredAccount): ConnectedUser {
  return {
    name: a.name,
    email: a.email,
    timezone: a.timezone,
    schedulingUrl: a.schedulingUrl,
    organization: a.organizationUri,
    organizationName: a.organizationUri ? (a.organizationName ?? null) : null,
    via: a.via,
  };
}

export function createService(deps: ServiceDeps) {
  const now = deps.now ?? Date.now;
  // A personal access token wins; otherwise the OAuth access token (refreshed when near expiry).
  const api = deps.createApi(
    async () => (await deps.token.get()) ?? (await deps.oauth?.getToken()) ?? null,
    // Only an OAuth access token can be renewed after a 401; a personal access token cannot.
    async (rejected) => ((await deps.token.get()) ? null : ((await deps.oauth?.renewToken(rejected)) ?? null)),
  );

  /** Connected = an account and its credential (checked in storage only: a status check never refreshes). */
  async function connectedAccount(): Promise<StoredAccount | null> {
    const account = await deps.account.get();
    if (!account) return null;
    const ok = account.via === 'oauth' ? Boolean(await deps.oauth?.isSignedIn()) : Boolean(await deps.token.get());
    return ok ? account : null;
  }

  let memoryOffers: Parameters<OfferStore['set']>[0] = [];
  const offers = createOffers({
    api,
    store: deps.offers ?? { get: async () => memoryOffers, set: async (v) => void (memoryOffers = v) },
    now,
  });

  let memoryZones: RecipientZones = {};
  const zoneStore: Slot<RecipientZones> = deps.recipientZones ?? { get: async () => memoryZones, set: async (v) => void (memoryZones = v) };
  // One read-modify-write at a time: two inserts finishing together must not lose one's addresses.
  let zoneWrites: Promise<unknown> = Promise.resolve();
  const readZones = async (): Promise<RecipientZones> => readRecipientZones(await zoneStore.get());
  /** Writes `update(current record)` after any write still under way; resolves to the record written. */
  function writeZones(update: (record: RecipientZones) => RecipientZones): Promise<RecipientZones> {
    const next = zoneWrites.then(async () => {
      const record = update(await readZones());
      await zoneStore.set(record);
      return record;
    });
    zoneWrites = next.catch(() => undefined);
    return next;
  }

  /**
   * The second time zone of a request: an explicit `secondTimeZone` override (the picker's choice, even
   * "None") wins; else a zone remembered for one of the compose's To addresses; else the settings'.
   */
  function secondZoneFor(
    req: SlotsRequest,
    recipients: string[],
    s: Settings,
    zones: RecipientZones,
  ): { zone: string | null; personal: boolean } {
    const explicit = req.overrides?.secondTimeZone !== undefined;
    if (!explicit && recipients.length > 0) {
      const remembered = zoneForRecipients(zones, recipients);
      if (remembered && isTimeZone(remembered)) return { zone: remembered, personal: true };
    }
    return { zone: s.secondTimeZone && isTimeZone(s.secondTimeZone) ? s.secondTimeZone : null, personal: false };
  }

  const availability = createAvailabilityService({
    api,
    cache: deps.cache,
    account: () => requireAccount(),
    now,
    store: deps.store ?? memoryArea(),
    ...(deps.heartbeat ? { heartbeat: deps.heartbeat } : {}),
  });

  async function requireAccount(): Promise<StoredAccount> {
    const account = await connectedAccount();
    if (!account) {
      throw new CalendlyError({
        kind: 'not_connected',
        message: MESSAGES.not_connected,
      });
    }
    return account;
  }

  /** The user's event types, standard ones first (the default is the first standard one), one-off ones after. */
  async function userEventTypes(account: StoredAccount): Promise<EventTypeSummary[]> {
    return deps.cache.getOrLoad(`eventTypes:user:${account.uri}`, TTL.eventTypes, async () => {
      const own = standardFirst((await api.listEventTypes({ user: account.uri })).map((et) => summarize(et, 'user')));
      await refreshRemembered(account, own);
      return own;
    });
  }

  /** Writes the remembered summaries of the connected account (not of an account connected since). */
  async function writeRemembered(account: StoredAccount, update: (known: Record<string, EventTypeSummary>) => Record<string, EventTypeSummary>) {
    const current = await deps.account.get();
    if (!current || current.uri !== account.uri) return;
    const before = current.eventTypes ?? {};
    const after = update({ ...before });
    if (JSON.stringify(after) === JSON.stringify(before)) return;
    const keys = Object.keys(after);
    for (const k of keys.slice(0, Math.max(0, keys.length - REMEMBERED_EVENT_TYPES))) delete after[k];
    await deps.account.set({ ...current, eventTypes: after });
  }

  /** A fresh list renames, re-times and re-targets what is remembered ('' follows the first standard type). */
  function refreshRemembered(account: StoredAccount, own: EventTypeSummary[]) {
    return writeRemembered(account, (known) => {
      for (const key of Object.keys(known)) {
        const fresh = key === '' ? own[0] : own.find((e) => e.uri === key);
        if (fresh) known[key] = fresh;
        else if (key === '') delete known[key];
      }
      return known;
    });
  }

  /** Organization event types, when the user may see them (admins and owners); [] on a 403. */
  async function orgEventTypes(account: StoredAccount): Promise<EventTypeSummary[]> {
    if (!account.organizationUri) return [];
    const org = account.organizationUri;
    return deps.cache.getOrLoad(`eventTypes:org:${org}`, TTL.eventTypes, async () => {
      try {
        return (await api.listEventTypes({ organization: org })).map((et) => summarize(et, 'organization'));
      } catch (e) {
        if (e instanceof CalendlyError && e.info.kind === 'forbidden') return [];
        throw e;
      }
    });
  }

  /**
   * The event type an insert uses: the one remembered for this choice (no request), else from the lists. With
   * `remembered: false` the lists are always read (after a 404, to tell a deleted event type apart).
   */
  async function resolveEventType(account: StoredAccount, uri: string | null, remembered = true): Promise<EventTypeSummary> {
    const known = remembered ? account.eventTypes?.[uri ?? ''] : undefined;
    if (known) return known;
    const found = await eventTypeFromLists(account, uri);
    await writeRemembered(account, (all) => {
      delete all[uri ?? '']; // re-inserted last: the most recently used stay when the record is trimmed
      return { ...all, [uri ?? '']: found };
    });
    return found;
  }

  async function eventTypeFromLists(account: StoredAccount, uri: string | null): Promise<EventTypeSummary> {
    const own = await userEventTypes(account);
    if (!uri) {
      const first = own[0];
      if (!first) {
        throw new CalendlyError({
          kind: 'not_found',
          message: t('svcNoEventTypes'),
        });
      }
      return first;
    }
    const found = own.find((e) => e.uri === uri) ?? (await orgEventTypes(account)).find((e) => e.uri === uri);
    if (!found) throw deletedEventType();
    return found;
  }

  async function slotsFor(eventType: EventTypeSummary, s: Settings, fresh: boolean) {
    // With a per-day cap we need the whole range to spread slots; otherwise the first `count` suffice,
    // which lets the client stop after the first window on a busy calendar.
    const limit = s.maxPerDay ? undefined : s.count;
    const key = `slots:${eventType.uri}:${s.daysAhead}:${limit ?? 'all'}`;
    const answer = await deps.cache.getOrLoad(
      key,
      TTL.slots,
      async () => {
        const fetchedAt = now();
        const start = new Date(fetchedAt);
        const end = new Date(fetchedAt + s.daysAhead * 86_400_000);
        const times = await api.getAvailableTimes({ eventType: eventType.uri, start, end, limit });
        // Up to when the list holds every open time: the range's end, or its last time when it stopped at `limit`.
        const knownUntil = limit !== undefined && times.length >= limit ? Date.parse(times.at(-1)!.start_time) : end.getTime();
        return {
          fetchedAt,
          knownUntil,
          slots: times.map((slot) => ({ start_time: slot.start_time, scheduling_url: slot.scheduling_url })),
        };
      },
      fresh,
    );
    // A cached answer may hold slots that have started since it was fetched: never offer those.
    return {
      fetchedAt: answer.fetchedAt,
      // Written by an older version (no knownUntil): it tells nothing beyond its own times.
      knownUntil: answer.knownUntil ?? Number.NEGATIVE_INFINITY,
      slots: answer.slots.filter((slot) => Date.parse(slot.start_time) > now()),
    };
  }

  /** At most this many event types and times per check: a draft holds one block of a few times. */
  const CHECK_MAX_TYPES = 5;
  const CHECK_MAX_STARTS = 100;

  return {
    async getStatus(): Promise<Status> {
      const account = await connectedAccount();
      return account ? { connected: true, user: toConnectedUser(account) } : { connected: false };
    },

    oauthAvailable(): boolean {
      return Boolean(deps.oauth?.available());
    },

    /** OAuth sign-in; replaces any personal access token so only one connection exists. */
    signIn(): Promise<Result<ConnectedUser>> {
      return attempt(async () => {
        const oauth = deps.oauth;
        if (!oauth?.available()) {
          throw new CalendlyError({ kind: 'invalid_request', message: t('svcSignInUnavailable') });
        }
        await oauth.signIn();
        const probe = deps.createApi(() => oauth.getToken());
        let user;
        try {
          user = await probe.getCurrentUser();
        } catch (e) {
          await oauth.signOut().catch(() => undefined);
          throw e;
        }
        const orgName = await organizationName(probe, user);
        await deps.cache.clear();
        await deps.token.set(null);
        await deps.pendingToken.set(null);
        const account = accountFrom(user, 'oauth', orgName);
        await deps.account.set(account);
        return toConnectedUser(account);
      });
    },

    /** Verifies the pending token with /users/me; keeps it only when Calendly accepts it. */
    connect(): Promise<Result<ConnectedUser>> {
      return attempt(async () => {
        const pending = await deps.pendingToken.get();
        await deps.pendingToken.set(null);
        if (!pending?.trim()) {
          throw new CalendlyError({ kind: 'invalid_request', message: t('tokenRequired') });
        }
        const probe = deps.createApi(async () => pending.trim());
        const user = await probe.getCurrentUser();
        const account = accountFrom(user, 'token', await organizationName(probe, user));
        await deps.oauth?.signOut().catch(() => undefined);
        await deps.cache.clear();
        await deps.token.set(pending.trim());
        await deps.account.set(account);
        return toConnectedUser(account);
      });
    },

    disconnect(): Promise<Result<null>> {
      return attempt(async () => {
        await deps.oauth?.signOut().catch(() => undefined);
        await deps.token.set(null);
        await deps.account.set(null);
        await deps.pendingToken.set(null);
        await deps.cache.clear();
        return null;
      });
    },

    listEventTypes(): Promise<Result<EventTypeSummary[]>> {
      return attempt(async () => {
        const account = await requireAccount();
        const [own, org] = await Promise.all([userEventTypes(account), orgEventTypes(account)]);
        const ownUris = new Set(own.map((e) => e.uri));
        return [...own, ...org.filter((e) => !ownUris.has(e.uri))];
      });
    },

    getSlots(req: SlotsRequest = {}): Promise<Result<SlotsAnswer>> {
      return attempt(async () => {
        const account = await requireAccount();
        const s = normalizeSettings({ ...(await deps.settings()), ...(req.overrides ?? {}) });
        // From the content script, beside a page that may be compromised: only address-shaped strings, at most 20.
        const recipients = normalizeRecipients(req.recipients);
        const eventType = await resolveEventType(account, s.eventTypeUri);
        let answer;
        try {
          answer = await slotsFor(eventType, s, Boolean(req.fresh));
        } catch (e) {
          // A 404 may mean the event type was deleted since its list was cached: drop the stale list, and
          // when the user chose this type, check the fresh list to say plainly that it is gone.
          if (e instanceof CalendlyError && e.info.kind === 'not_found') {
            await deps.cache.forget([`eventTypes:user:${account.uri}`, `eventTypes:org:${account.organizationUri}`]);
            await writeRemembered(account, (known) => {
              delete known[s.eventTypeUri ?? ''];
              return known;
            });
            if (s.eventTypeUri) await resolveEventType(account, s.eventTypeUri, false);
          }
          throw e;
        }
        const { slots: all, fetchedAt } = answer;
        // An 'Automatic' language is the booking page's (the event type's `locale`) before the browser's.
        const r = resolveSettings(s, deps.environment(), eventType);
        let picked = pickSlots(all, { count: s.count, maxPerDay: s.maxPerDay, timeZone: r.timeZone });
        // Single-use: one share offering exactly these times, made only when they go into a draft.
        let offer: SlotsAnswer['offer'];
        let notice: string | undefined;
        if (req.insert && s.singleUse && picked.length > 0) {
          const made = await offers.make(
            { ...eventType, name: eventTypeName(eventType), oneOnOne: eventType.oneOnOne ?? true },
            picked,
            account.timezone,
            r.timeZone,
          );
          if (made.ok) {
            offer = { shareUri: made.shareUri, bookingUrl: made.bookingUrl };
            picked = picked.map((slot) => ({ ...slot, scheduling_url: made.links.get(slot.start_time) ?? slot.scheduling_url }));
          } else {
            notice = made.fallback;
          }
        }
        const zones = await readZones();
        const { zone: secondTimeZone, personal } = secondZoneFor(req, recipients, s, zones);
        const formatted = formatSlots(
          {
            eventName: eventTypeName(eventType),
            durationMinutes: eventType.durationMinutes,
            bookingUrl: eventType.schedulingUrl,
            slots: picked,
            eventTypeUri: eventType.uri,
          },
          {
            timeZone: r.timeZone,
            secondTimeZone,
            hour12: r.hour12,
            locale: r.locale,
            layout: s.layout,
            maxPerDay: s.maxPerDay,
            count: s.count,
          },
        );
        // A second zone the user chose for this insert (not the settings' default) is remembered for each
        // To address, locally; a failed write never fails the insert.
        const chosen = req.overrides?.secondTimeZone;
        let known = zones;
        if (req.insert && typeof chosen === 'string' && isTimeZone(chosen) && recipients.length > 0 && formatted.slotCount > 0) {
          known = await writeZones((record) => rememberZone(record, recipients, chosen)).catch(() => zones);
        }
        return {
          eventType,
          slots: picked,
          html: formatted.html,
          text: formatted.text,
          slotCount: formatted.slotCount,
          fetchedAt,
          timeZone: r.timeZone,
          secondTimeZone,
          zonedRecipients: Object.keys(known).map(recipientKey),
          ...(personal ? { personal } : {}),
          daysAhead: s.daysAhead,
          count: s.count,
          singleUse: s.singleUse,
          ...(offer ? { offer } : {}),
          ...(notice ? { notice } : {}),
        };
      });
    },

    /**
     * "Fresh until sent": which offered times are no longer free. One cached answer per event type (the same
     * key a click on "Insert open slots" uses, so a check and a click share one request), read with the
     * user's settings for that event type. A time is gone when it has started, or when the answer holds every
     * open time up to it and it is not among them. An event type this account does not have is skipped.
     */
    checkOffered(req: OfferedCheck): Promise<Result<OfferedAnswer>> {
      return attempt(async () => {
        const account = await requireAccount();
        const groups = new Map<string, string[]>();
        for (const offer of Array.isArray(req?.offers) ? req.offers : []) {
          if (!isEventTypeUri(offer?.eventTypeUri) || !Array.isArray(offer.starts)) continue;
          const starts = offer.starts.filter(isMarkedStart);
          if (starts.length === 0) continue;
          const list = groups.get(offer.eventTypeUri) ?? [];
          groups.set(offer.eventTypeUri, [...list, ...starts].slice(0, CHECK_MAX_STARTS));
          if (groups.size >= CHECK_MAX_TYPES) break;
        }
        const gone: string[] = [];
        const settings = await deps.settings();
        for (const [uri, starts] of groups) {
          let eventType: EventTypeSummary;
          try {
            eventType = await resolveEventType(account, uri);
          } catch (e) {
            if (e instanceof CalendlyError && e.info.kind === 'not_found') continue;
            throw e;
          }
          const s = normalizeSettings({ ...settings, eventTypeUri: uri });
          const answer = await slotsFor(eventType, s, false);
          const open = new Set(answer.slots.map((slot) => Date.parse(slot.start_time)));
          const at = now();
          for (const start of starts) {
            const t0 = Date.parse(start);
            if (t0 <= at || (t0 <= answer.knownUntil && !open.has(t0))) gone.push(start);
          }
        }
        return { gone };
      });
    },

    /** How many recipients have a remembered second time zone (the options page's "Forget" button). */
    async countRecipientZones(): Promise<number> {
      return Object.keys(await readZones()).length;
    },

    /** Forgets every remembered second time zone. */
    forgetRecipientZones(): Promise<Result<null>> {
      return attempt(async () => {
        await writeZones(() => ({}));
        return null;
      });
    },

    /** Fills the cache for the default request so the first click finds the answer ready; true when it did. */
    async prefetch(): Promise<boolean> {
      return (await this.getSlots({})).ok;
    },

    listMembers(): Promise<Result<Member[]>> {
      return attempt(async () => {
        const account = await requireAccount();
        const self: Member = {
          userUri: account.uri,
          name: account.name,
          email: account.email,
          timezone: account.timezone,
          role: 'user',
          isSelf: true,
        };
        if (!account.organizationUri) return [self];
        let members: Member[] = [];
        try {
          // The same cached list the team summary uses: one load per page open.
          members = await organizationMembers({ api, cache: deps.cache }, account);
        } catch (e) {
          if (!(e instanceof CalendlyError && e.info.kind === 'forbidden')) throw e;
        }
        const me = members.find((m) => m.isSelf) ?? self;
        return [me, ...members.filter((m) => !m.isSelf).sort((a, b) => a.name.localeCompare(b.name))];
      });
    },

    listOffers(): Promise<Result<OffersAnswer>> {
      return attempt(async () => offers.list((await requireAccount()).uri));
    },

    withdrawOffer(req: { shareUri: string }): Promise<Result<OffersAnswer>> {
      return attempt(async () => {
        const account = await requireAccount();
        await offers.withdraw(req.shareUri);
        return offers.list(account.uri);
      });
    },

    getAvailability: (req: AvailabilityQuery) => attempt(() => availability.getAvailability(req)),
    startTeamSummary: (req: TeamSummaryRequest) => attempt(() => availability.startTeamSummary(req)),
    getTeamSummary: () => attempt(() => availability.getTeamSummary()),
    cancelTeamSummary: () => attempt(() => availability.cancelTeamSummary()),

    /** For tests and the availability page. */
    api,
  };
}

export type Service = ReturnType<typeof createService>;
