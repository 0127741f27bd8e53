import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/contract/pages';
import type { ErrorInfo } from '@/lib/calendly/errors';
import { t } from '@/lib/i18n/t';
import type { OffersAnswer, OfferView, Result } from '@/lib/contract';
import { Icon } from './Icon';

export interface OffersViewProps {
  client: Pick<BackgroundClient, 'listOffers' | 'withdrawOffer'>;
}

const unreachable = (): Result<OffersAnswer> => ({ ok: false, error: { kind: 'network', message: t('backgroundUnreachable') } });

const STATUS_LABEL = {
  active: 'offerStatusActive',
  booked: 'offerStatusBooked',
  expired: 'offerStatusExpired',
  withdrawn: 'offerStatusWithdrawn',
} as const;

const when = (iso: string, opts: Intl.DateTimeFormatOptions) => new Date(iso).toLocaleString(t('langTag'), opts);
const slotLabel = (iso: string) => when(iso, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const madeLabel = (iso: string) => when(iso, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/**
 * The popup's Offers view: single-use offers made from this browser and (with `shares:read`) the account's
 * other shares, each with its status, offered times and when it was made; an active one can be withdrawn.
 */
export function OffersView({ client }: OffersViewProps) {
  const [answer, setAnswer] = useState<Result<OffersAnswer> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [withdrawError, setWithdrawError] = useState<ErrorInfo | null>(null);

  async function load() {
    setAnswer(await client.listOffers().catch(unreachable));
  }
  useEffect(() => void load(), []);

  async function withdraw(offer: OfferView) {
    setBusy(offer.shareUri);
    setWithdrawError(null);
    const r = await client.withdrawOffer({ shareUri: offer.shareUri }).catch(unreachable);
    setBusy(null);
    if (r.ok) setAnswer(r);
    else setWithdrawError(r.error);
  }

  if (!answer) {
    return (
      <p class="muted loading-line" role="status">
        <span class="spinner" aria-hidden="true" /> {t('loading')}
      </p>
    );
  }
  if (!answer.ok) {
    return (
      <div class="popup-error" role="alert">
        <p class="alert">
          <Icon name="alert" />
          {answer.error.message}
        </p>
        <button type="button" class="btn" onClick={() => void load()}>
          {t('tryAgain')}
        </button>
      </div>
    );
  }
  const { offers, accountError } = answer.data;
  return (
    <div class="offers">
      {withdrawError && (
        <p class="alert" role="alert">
          <Icon name="alert" />
          {withdrawError.message}
        </p>
      )}
      {offers.length === 0 ? (
        <div class="popup-empty">
          <span class="popup-empty-icon">
            <Icon name="link" size={28} />
          </span>
          <p>{t('offersEmpty')}</p>
        </div>
      ) : (
        <ul class="offer-list">
          {offers.map((o) => (
            <li key={o.shareUri} class="offer" data-status={o.status}>
              <div class="offer-head">
                <span class="offer-name">{o.eventTypeName}</span>
                <span class={`offer-status is-${o.status}`}>{t(STATUS_LABEL[o.status])}</span>
              </div>
              <p class="help">
                {t('offerMade', madeLabel(o.createdAt))}
                {!o.local && ` · ${t('offerElsewhere')}`}
              </p>
              {o.slots.length > 0 && (
                <ul class="offer-times">
                  {o.slots.map((s) => (
                    <li key={s}>
                      <time dateTime={s}>{slotLabel(s)}</time>
                    </li>
                  ))}
                </ul>
              )}
              {o.status === 'active' && (
                <button
                  type="button"
                  class="btn offer-withdraw"
                  aria-label={t('offerWithdrawLabel', madeLabel(o.createdAt))}
                  disabled={busy !== null}
                  aria-busy={busy === o.shareUri ? true : undefined}
                  onClick={() => void withdraw(o)}
                >
                  {busy === o.shareUri && <span class="spinner" aria-hidden="true" />}
                  {t('offerWithdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {accountError?.kind === 'forbidden' && <p class="help">{t('offersNoRead')}</p>}
    </div>
  );
}
