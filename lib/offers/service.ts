/**
 * Exact offers in the background: creates the share for an insert (the token never leaves the worker),
 * keeps the offers made here in storage.local, lists them with the account's shares, withdraws them.
 * An offer that cannot be made exact never fails the insert: the caller inserts normal links and shows
 * the one sentence `fallback` says.
 */
import type { CalendlyApi } from '../calendly/api';
import { CalendlyError, toErrorInfo, type ErrorInfo } from '../calendly/errors';
import type { OffersAnswer } from '../contract/types';
import { t } from '../i18n/t';
import { MAX_OFFERS, mergeOffers, offerLink, shareRequestFor, type OfferRecord, type OfferView } from './offer';

export interface OfferStore {
  get(): Promise<OfferRecord[]>;
  set(value: OfferRecord[]): Promise<void>;
}

/** What the insert needs to know about the event type. */
export interface OfferEventType {
  uri: string;
  name: string;
  durationMinutes: number;
  /** One-on-one (Calendly creates shares only for those). */
  oneOnOne: boolean;
}

export type MadeOffer =
  | { ok: true; shareUri: string; bookingUrl: string; links: Map<string, string> }
  | { ok: false; fallback: string };

export function createOffers(deps: { api: Pick<CalendlyApi, 'shares'>; store: OfferStore; now: () => number }) {
  const { api, store, now } = deps;

  async function remember(record: OfferRecord): Promise<void> {
    const all = await store.get();
    await store.set([...all.filter((o) => o.shareUri !== record.shareUri), record].slice(-MAX_OFFERS));
  }

  return {
    /**
     * One share offering exactly `slots` (rules in `ruleZone`, the account's zone), and each slot's link on
     * its date in `displayZone`. One POST /shares; nothing else.
     */
    async make(eventType: OfferEventType, slots: readonly { start_time: string }[], ruleZone: string, displayZone: string): Promise<MadeOffer> {
      if (!eventType.oneOnOne) return { ok: false, fallback: t('offerNotOneOnOne') };
      const body = shareRequestFor(eventType.uri, slots, eventType.durationMinutes, ruleZone);
      if (!body) return { ok: false, fallback: t('offerFailed') };
      let share;
      try {
        share = await api.shares.create(body);
      } catch (e) {
        const info = toErrorInfo(e);
        if (info.kind === 'forbidden' && info.scope === 'shares:write') return { ok: false, fallback: t('offerNoScope') };
        if (e instanceof CalendlyError && info.kind === 'invalid_request' && (info.details ?? []).some((d) => d.startsWith('event_type'))) {
          return { ok: false, fallback: t('offerNotOneOnOne') };
        }
        return { ok: false, fallback: t('offerFailed') };
      }
      const bookingUrl = share.scheduling_links[0]?.booking_url ?? '';
      const links = new Map<string, string>();
      for (const slot of slots) {
        const link = offerLink(bookingUrl, slot.start_time, displayZone);
        // Only a calendly.com link is ever emitted; a share without one is not offered (normal links instead).
        if (!link) return { ok: false, fallback: t('offerFailed') };
        links.set(slot.start_time, link);
      }
      await remember({
        shareUri: share.uri,
        bookingUrl,
        eventTypeUri: eventType.uri,
        eventTypeName: eventType.name,
        durationMinutes: eventType.durationMinutes,
        createdAt: new Date(now()).toISOString(),
        slots: slots.map((s) => new Date(Date.parse(s.start_time)).toISOString()).sort(),
      });
      return { ok: true, shareUri: share.uri, bookingUrl, links };
    },

    /** This browser's offers with the account's statuses, and the account's other shares (needs `shares:read`). */
    async list(userUri: string): Promise<OffersAnswer> {
      const local = await store.get();
      let account = null;
      let accountError: ErrorInfo | null = null;
      try {
        account = await api.shares.list(userUri);
      } catch (e) {
        accountError = toErrorInfo(e);
      }
      return { offers: mergeOffers(local, account, now()), accountError };
    },

    /** Deletes an unbooked share (Calendly refuses a booked one) and marks it withdrawn here. */
    async withdraw(shareUri: string): Promise<void> {
      try {
        await api.shares.remove(shareUri);
      } catch (e) {
        // Already gone in Calendly: withdrawn is what the user wanted.
        if (!(e instanceof CalendlyError && e.info.kind === 'not_found')) throw e;
      }
      const all = await store.get();
      const known = all.some((o) => o.shareUri === shareUri);
      if (known) await store.set(all.map((o) => (o.shareUri === shareUri ? { ...o, withdrawn: true } : o)));
    },
  };
}

export type Offers = ReturnType<typeof createOffers>;
