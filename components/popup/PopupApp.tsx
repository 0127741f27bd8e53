import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/client';
import { t } from '@/lib/i18n/t';
import type { EventTypeSummary, Result, SlotsAnswer, Status } from '@/lib/messages';

export interface PopupAppProps {
  client: Pick<BackgroundClient, 'getStatus' | 'listEventTypes' | 'getSlots'>;
  openOptions(): void;
  openPage(url: string): void;
  /** Puts HTML and plain text on the clipboard together. */
  copy(content: { html: string; text: string }): Promise<void>;
}

/** The toolbar popup: the next open times, grouped by day, ready to copy. */
export function PopupApp({ client, openOptions, openPage, copy }: PopupAppProps) {
  const [status, setStatus] = useState<Status | null>(null);
  const [types, setTypes] = useState<EventTypeSummary[]>([]);
  const [eventTypeUri, setEventTypeUri] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Result<SlotsAnswer> | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    void client.getStatus().then((s) => {
      setStatus(s);
      if (!s.connected) return;
      void client.listEventTypes().then((r) => r.ok && setTypes(r.data));
      void load(null);
    });
  }, []);

  async function load(uri: string | null) {
    setAnswer(null);
    setCopied(false);
    const r = await client.getSlots(uri ? { eventTypeUri: uri } : undefined);
    setAnswer(r);
    if (r.ok) setEventTypeUri(r.data.eventType.uri);
  }

  if (!status) return <main class="popup"><p class="muted" role="status">{t('loading')}</p></main>;

  if (!status.connected) {
    return (
      <main class="popup stack">
        <Header />
        <p>{t('popupNotConnected')}</p>
        <button type="button" class="btn primary" onClick={openOptions}>{t('openOptions')}</button>
      </main>
    );
  }

  const data = answer?.ok ? answer.data : null;
  return (
    <main class="popup stack">
      <Header />
      <label class="field">
        <span>{t('eventType')}</span>
        <select
          value={eventTypeUri ?? ''}
          onChange={(e) => {
            const uri = (e.currentTarget as HTMLSelectElement).value;
            setEventTypeUri(uri);
            void load(uri);
          }}
        >
          {types.length === 0 && data && <option value={data.eventType.uri}>{data.eventType.name}</option>}
          {types.map((et) => (
            <option key={et.uri} value={et.uri}>{et.name} · {et.durationMinutes} min</option>
          ))}
        </select>
      </label>
      <section aria-labelledby="times-h" class="times">
        <h2 id="times-h">{t('nextOpenTimes')}</h2>
        {!answer && <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> {t('loading')}</p>}
        {answer && !answer.ok && (
          <div role="alert">
            <p class="alert">{answer.error.message}</p>
            <button type="button" class="btn" onClick={() => void load(eventTypeUri)}>{t('tryAgain')}</button>
          </div>
        )}
        {/* Our own formatter's output: API strings escaped, only Calendly links kept. */}
        {data && <div class="preview" dangerouslySetInnerHTML={{ __html: data.html }} />}
      </section>
      {data && (
        <>
          <div class="row">
            <button
              type="button"
              class="btn primary"
              onClick={() => void copy({ html: data.html, text: data.text }).then(() => setCopied(true))}
            >
              {copied ? `${t('copied')} ✓` : t('copy')}
            </button>
            <button type="button" class="btn" onClick={() => openPage(data.eventType.schedulingUrl)}>{t('openBookingPage')}</button>
            <button type="button" class="btn" aria-label={t('refresh')} title={t('refresh')} onClick={() => void load(eventTypeUri)}>↻</button>
          </div>
          <p class="help">{t('fetchedAt', new Date(data.fetchedAt).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }))}</p>
        </>
      )}
      <footer class="row popup-foot">
        <button type="button" class="linklike" onClick={openOptions}>{t('settings')}</button>
      </footer>
    </main>
  );
}

function Header() {
  return (
    <header class="row">
      <img src="/icon/32.png" width="24" height="24" alt="" />
      <h1 class="popup-title">{t('extName')}</h1>
    </header>
  );
}
