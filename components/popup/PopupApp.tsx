import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/contract/pages';
import { t } from '@/lib/i18n/t';
import type { EventTypeSummary, Result, SlotsAnswer, Status } from '@/lib/contract';
import { fallbackInUse, type DiagnosticsSource } from '@/lib/gmail/diagnostics';
import { useDiagnostics } from '../diagnostics/useDiagnostics';
import { eventTypeLabel } from '../event-type-label';
import { FormattedHtml } from '../FormattedHtml';
import { Icon } from './Icon';
import { OffersView } from './OffersView';

export interface PopupAppProps {
  client: Pick<BackgroundClient, 'getStatus' | 'listEventTypes' | 'getSlots'> & Partial<Pick<BackgroundClient, 'listOffers' | 'withdrawOffer'>>;
  openOptions(): void;
  /** Opens the availability view (hours available, booked and free); absent when the page does not ship. */
  openAvailability?(): void;
  openPage(url: string): void;
  /** Puts HTML and plain text on the clipboard together. */
  copy(content: { html: string; text: string }): Promise<void>;
  /** Gmail diagnostics: one line when a compose's button is in a fallback position. */
  diagnostics?: DiagnosticsSource;
}

const unreachable = () => ({ ok: false, error: { kind: 'network', message: t('backgroundUnreachable') } }) as const;

/** The toolbar popup: the next open times, grouped by day, ready to copy. */
export function PopupApp({ client, openOptions, openAvailability, openPage, copy, diagnostics }: PopupAppProps) {
  const [status, setStatus] = useState<Status | null>(null);
  const [types, setTypes] = useState<EventTypeSummary[]>([]);
  const [eventTypeUri, setEventTypeUri] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Result<SlotsAnswer> | null>(null);
  const [loading, setLoading] = useState(false);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [view, setView] = useState<'times' | 'offers'>('times');
  const run = useRef(0);
  const diag = useDiagnostics(diagnostics);
  // One line, whatever the rest of the popup shows: the button moved because Gmail changed (issue 16).
  const changed = diag && fallbackInUse(diag) ? (
    <p class="help gmail-changed" role="status">
      <Icon name="alert" />
      {t('gmailChangedLine')}
    </p>
  ) : null;

  useEffect(() => {
    void client
      .getStatus()
      .catch(() => ({ connected: false }) as const)
      .then((s) => {
        setStatus(s);
        if (!s.connected) return;
        void client.listEventTypes().then((r) => r.ok && setTypes(r.data), () => undefined);
        void load(null);
      });
  }, []);

  async function load(uri: string | null, fresh = false) {
    const mine = ++run.current;
    setLoading(true);
    setCopyState('idle');
    const r = await client.getSlots({ overrides: uri ? { eventTypeUri: uri } : undefined, fresh }).catch(unreachable);
    if (mine !== run.current) return; // a newer request (another event type, Refresh) won
    setAnswer(r);
    setLoading(false);
    if (r.ok) setEventTypeUri(r.data.eventType.uri);
  }

  async function doCopy(data: SlotsAnswer) {
    try {
      await copy({ html: data.html, text: data.text });
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  if (!status) {
    return (
      <main class="popup" aria-busy="true">
        <Header onSettings={openOptions} />
        {changed}
        <p class="muted loading-line" role="status">
          <span class="spinner" aria-hidden="true" /> {t('loading')}
        </p>
      </main>
    );
  }

  if (!status.connected) {
    return (
      <main class="popup">
        <Header onSettings={openOptions} />
        {changed}
        <div class="popup-empty">
          <span class="popup-empty-icon">
            <Icon name="calendar" size={28} />
          </span>
          <p>{t('popupNotConnected')}</p>
          <button type="button" class="btn primary" onClick={openOptions}>
            {t('openOptions')}
          </button>
        </div>
      </main>
    );
  }

  const data = answer?.ok ? answer.data : null;
  const fetched = data ? new Date(data.fetchedAt).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }) : null;
  // The event type in use: the list when it came, else the one the answer names.
  const options = types.length > 0 ? types : data ? [data.eventType] : [];
  const { listOffers, withdrawOffer } = client;
  const tabs = listOffers && withdrawOffer && (
    <div class="tabs" role="tablist" aria-label={t('extName')}>
      {(['times', 'offers'] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          id={`tab-${v}`}
          aria-selected={view === v}
          aria-controls={view === v ? `panel-${v}` : undefined}
          tabIndex={view === v ? 0 : -1}
          class="tab"
          onClick={() => setView(v)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
            const next = view === 'times' ? 'offers' : 'times';
            setView(next);
            (e.currentTarget.parentElement?.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus();
          }}
        >
          {t(v === 'times' ? 'slotsTab' : 'offersTab')}
        </button>
      ))}
    </div>
  );
  if (tabs && view === 'offers') {
    return (
      <main class="popup">
        <Header onSettings={openOptions} />
        {changed}
        {tabs}
        <section id="panel-offers" role="tabpanel" aria-labelledby="tab-offers">
          <OffersView client={{ listOffers, withdrawOffer }} />
        </section>
      </main>
    );
  }
  return (
    <main class="popup">
      <Header onSettings={openOptions} />
      {changed}
      {tabs}
      <div class="popup-panel" {...(tabs ? { id: 'panel-times', role: 'tabpanel', 'aria-labelledby': 'tab-times' } : {})}>
      <div class="field">
        <label for="popup-event-type">{t('eventType')}</label>
        <select
          id="popup-event-type"
          value={eventTypeUri ?? ''}
          disabled={options.length === 0}
          onChange={(e) => {
            const uri = (e.currentTarget as HTMLSelectElement).value;
            setEventTypeUri(uri);
            void load(uri);
          }}
        >
          {options.length === 0 && <option value="">{t('loading')}</option>}
          {options.map((et) => (
            <option key={et.uri} value={et.uri}>
              {eventTypeLabel(et)}
            </option>
          ))}
        </select>
      </div>
      <section aria-labelledby="times-h" class="times">
        <div class="times-head">
          <h2 id="times-h">{t('nextOpenTimes')}</h2>
          {fetched && !loading && <span class="help">{t('fetchedAt', fetched)}</span>}
          {loading && answer && <span class="spinner" aria-hidden="true" />}
          <button
            type="button"
            class="icon-btn"
            aria-label={t('refresh')}
            title={t('refresh')}
            disabled={loading}
            onClick={() => void load(eventTypeUri, true)}
          >
            <Icon name="refresh" />
          </button>
        </div>
        <div class={`email${loading && answer ? ' is-updating' : ''}`} aria-busy={loading ? true : undefined}>
          {!answer && (
            <p class="muted loading-line" role="status">
              <span class="spinner" aria-hidden="true" /> {t('loading')}
            </p>
          )}
          {answer && !answer.ok && (
            <div class="popup-error" role="alert">
              <p class="alert">
                <Icon name="alert" />
                {answer.error.message}
              </p>
              <button type="button" class="btn" onClick={() => void load(eventTypeUri)}>
                {t('tryAgain')}
              </button>
            </div>
          )}
          {/* Our own formatter's output: API strings escaped, only Calendly links kept. */}
          {data && <FormattedHtml class="email-body" html={data.html} />}
        </div>
      </section>
      {data && (
        <div class="popup-actions">
          <button type="button" class="btn primary" disabled={loading} onClick={() => void doCopy(data)}>
            <Icon name={copyState === 'copied' ? 'check' : 'copy'} />
            {copyState === 'copied' ? `${t('copied')} ✓` : t('copy')}
          </button>
          <button type="button" class="btn" onClick={() => openPage(data.eventType.schedulingUrl)}>
            <Icon name="external" />
            {t('openBookingPage')}
          </button>
        </div>
      )}
      {openAvailability && (
        <button type="button" class="linklike popup-link" onClick={openAvailability}>
          {t('availabilityLink')}
        </button>
      )}
      <p class={copyState === 'failed' ? 'field-error' : 'sr'} role="status">
        {copyState === 'copied' && t('copied')}
        {copyState === 'failed' && t('copyFailed')}
      </p>
      </div>
    </main>
  );
}

function Header({ onSettings }: { onSettings(): void }) {
  return (
    <header class="popup-head">
      <img src="/icon/32.png" width="24" height="24" alt="" />
      <h1 class="popup-title">{t('extName')}</h1>
      <button type="button" class="icon-btn" aria-label={t('settings')} title={t('settings')} onClick={onSettings}>
        <Icon name="settings" />
      </button>
    </header>
  );
}
