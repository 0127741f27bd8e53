import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ErrorInfo } from '@/lib/calendly/errors';
import { escapeHtml, safeCalendlyUrl } from '@/lib/format';
import { t, tn } from '@/lib/i18n/t';
import type { EventTypeSummary, Result, SlotsAnswer } from '@/lib/contract';
import type { Staleness } from '@/lib/gmail/freshness';
import type { Settings } from '@/lib/settings/settings';
import { Picker } from './Picker';
import { themeBehind, type Theme } from './theme';

export interface ComposeButtonProps {
  /**
   * Asks the background for slots (defaults, or the picker's overrides). `insert`: they go into the draft now
   * (a single-use offer is created then, never for a preview).
   */
  getSlots(overrides?: Partial<Settings>, opts?: { insert?: boolean }): Promise<Result<SlotsAnswer>>;
  /** Inserts into this compose window's body; false (or a throw) when the draft could not take it, and then it is unchanged. */
  insert(content: { html: string; text: string }): boolean;
  listEventTypes(): Promise<Result<EventTypeSummary[]>>;
  openOptions(): void;
  /**
   * Registers what the keyboard shortcut does for this compose: the same as a click on the button.
   * Returns the unregister function.
   */
  onTrigger?(run: () => void): () => void;
  /** "Fresh until sent": called with what the last check of this draft's offered times found; returns the unsubscribe. */
  watchOffers?(listener: (state: Staleness) => void): () => void;
  /** "Update": puts a new block in place of the stale one's content (one undo step); false when it could not. */
  replaceOffer?(block: HTMLElement, content: { html: string; text: string }): boolean;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'notConnected' }
  | { kind: 'empty'; answer: SlotsAnswer; days: number }
  | { kind: 'notice'; message: string }
  | { kind: 'error'; error: ErrorInfo; retry: () => void };

/**
 * Clicks on the main button closer together than this (by when they happened) are one burst (a double
 * click, a held key, an impatient user): only the first acts. Without it, every click after the (cached,
 * fast) answer arrived inserted the slots again: 20 clicks 75 ms apart made 14 insertions.
 */
const BURST_MS = 600;

/**
 * The toolbar button of one compose window: a click inserts the default slots; the arrow opens the picker.
 * While a request runs further clicks are ignored, and so is the rest of a burst of clicks (20 rapid clicks
 * make one request and one insertion).
 */
export function ComposeButton({ getSlots, listEventTypes, insert, openOptions, onTrigger, watchOffers, replaceOffer }: ComposeButtonProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  // Offered times taken since they went into this draft, and the count the user last closed the notice at.
  const [stale, setStale] = useState<Staleness | null>(null);
  const [dismissedAt, setDismissedAt] = useState(0);
  useEffect(() => watchOffers?.((s) => setStale(s.gone > 0 ? s : null)), []);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [theme, setTheme] = useState<Theme>('light');
  const busy = useRef(false);
  const lastClickAt = useRef(Number.NEGATIVE_INFINITY);
  const rootRef = useRef<HTMLDivElement>(null);
  const arrowRef = useRef<HTMLButtonElement>(null);
  const showStale = stale !== null && stale.gone !== dismissedAt && !pickerOpen && state.kind === 'idle';
  const popOpen = pickerOpen || (state.kind !== 'idle' && state.kind !== 'loading') || showStale;

  // The keyboard shortcut does what a click does (it is a single action, so no burst check).
  useEffect(() => onTrigger?.(() => void run()), []);

  // Follow Gmail's theme (a Gmail setting, not the OS's): read it when mounted and when a popover opens.
  useLayoutEffect(() => {
    setTheme(themeBehind(rootRef.current));
  }, [popOpen]);

  // A click outside our UI closes an open popover, as Gmail's own menus do. The document's listener holds
  // this button only weakly: if Gmail closes the compose with a popover open, nothing keeps it in memory.
  const outside = useRef<(e: Event) => void>();
  outside.current = (e: Event) => {
    if (rootRef.current && e.composedPath().includes(rootRef.current)) return;
    setPickerOpen(false);
    setState((s) => (s.kind === 'loading' ? s : { kind: 'idle' }));
    // The stale-offer notice goes too; it comes back only if a later check finds a different count.
    if (stale) setDismissedAt(stale.gone);
  };
  useEffect(() => {
    if (!popOpen) return;
    const doc = rootRef.current?.ownerDocument ?? document;
    const weak = new WeakRef(outside);
    const onDown = (e: Event) => {
      const handler = weak.deref()?.current;
      if (handler) handler(e);
      else doc.removeEventListener('pointerdown', onDown, true);
    };
    doc.addEventListener('pointerdown', onDown, true);
    return () => doc.removeEventListener('pointerdown', onDown, true);
  }, [popOpen]);

  /**
   * Inserts `overrides`' times (the picker's, or none for the defaults). `put` is where they go: at the caret
   * (default), or, for "Update", in place of a stale block.
   */
  async function run(overrides?: Partial<Settings>, put: (content: { html: string; text: string }) => boolean = insert) {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'loading' });
    try {
      const r = await getSlots(overrides, { insert: true });
      if (!r.ok) {
        if (r.error.kind === 'not_connected') setState({ kind: 'notConnected' });
        else setState({ kind: 'error', error: r.error, retry: () => void run(overrides, put) });
        return;
      }
      if (r.data.slotCount === 0) {
        setState({ kind: 'empty', answer: r.data, days: r.data.daysAhead });
        return;
      }
      const data = r.data;
      // Try again puts the same answer in again: asking anew would create a second single-use offer.
      const attempt = () => {
        if (!tryInsert({ html: data.html, text: data.text }, attempt, put)) return;
        setPickerOpen(false);
        // E.g. a single-use offer fell back to normal links: say why, once; the draft already has the times.
        setState(data.notice ? { kind: 'notice', message: data.notice } : { kind: 'idle' });
      };
      attempt();
    } catch {
      setState({
        kind: 'error',
        error: { kind: 'network', message: t('backgroundLost') },
        retry: () => void run(overrides, put),
      });
    } finally {
      busy.current = false;
    }
  }

  /**
   * Inserts; on failure (false, or an exception from the editor) shows the true reason, never "lost
   * contact with the background", and offers `retry`. The draft is unchanged then (insert's contract).
   */
  function tryInsert(content: { html: string; text: string }, retry: () => void, put = insert): boolean {
    let ok = false;
    try {
      ok = put(content);
    } catch {
      ok = false;
    }
    // Not a Calendly error: `invalid_request` only picks the plain Try again / Close actions.
    if (!ok) setState({ kind: 'error', error: { kind: 'invalid_request', message: t('insertFailed') }, retry });
    return ok;
  }

  /** "Update": fresh times of the same event type, as many as the stale block offered, in its place. */
  function update() {
    if (!stale?.block || !replaceOffer) return;
    const block = stale.block;
    const overrides: Partial<Settings> = { count: stale.offered, ...(stale.eventTypeUri ? { eventTypeUri: stale.eventTypeUri } : {}) };
    void run(overrides, (content) => replaceOffer(block, content));
  }

  function onMainClick(e: MouseEvent) {
    // When the click happened (the event's own time stamp), not when a busy page got round to handling it: a
    // second click of a double click, handled late behind the insertion's work, is still part of the burst.
    const at = e.timeStamp > 0 ? e.timeStamp : performance.now();
    const inBurst = at - lastClickAt.current < BURST_MS;
    lastClickAt.current = at;
    if (!inBurst) void run();
  }

  const loading = state.kind === 'loading';
  // Keep focus and the caret in the draft: the click must not move the selection out of the body.
  const keepCaret = (e: MouseEvent) => e.preventDefault();

  // Gmail's compose windows clip overflow, so popovers are fixed to the viewport: above the button,
  // or below it when there is more room there (an inline reply near the top of the page).
  const popStyle = (wide: boolean): Record<string, string> | undefined => {
    const r = rootRef.current?.getBoundingClientRect();
    if (!r) return undefined;
    const view = rootRef.current!.ownerDocument.defaultView ?? window;
    const width = Math.min(wide ? 380 : 320, view.innerWidth - 16);
    const left = Math.max(8, Math.min(r.left, view.innerWidth - width - 8));
    const above = r.top - 16;
    const below = view.innerHeight - r.bottom - 16;
    const vertical: Record<string, string> =
      above >= Math.min(below, 360)
        ? { bottom: `${view.innerHeight - r.top + 8}px`, maxHeight: `${Math.max(120, above)}px` }
        : { top: `${r.bottom + 8}px`, maxHeight: `${Math.max(120, below)}px` };
    return { position: 'fixed', left: `${left}px`, width: `${width}px`, ...vertical };
  };

  const closePicker = () => {
    setPickerOpen(false);
    arrowRef.current?.focus();
  };

  return (
    <div class="os-root" ref={rootRef} data-theme={theme}>
      <div class="os-group" role="group" aria-label={t('extName')}>
        <button
          type="button"
          class="os-main"
          aria-label={t('insertOpenSlots')}
          title={t('insertTooltip')}
          aria-busy={loading}
          onMouseDown={keepCaret}
          onClick={onMainClick}
        >
          {loading ? <span class="os-spinner" aria-hidden="true" /> : <CalendarIcon />}
        </button>
        <button
          type="button"
          class="os-arrow"
          aria-label={t('chooseSlots')}
          title={t('chooseSlots')}
          aria-expanded={pickerOpen}
          aria-haspopup="dialog"
          ref={arrowRef}
          onMouseDown={keepCaret}
          onClick={() => setPickerOpen((o) => !o)}
        >
          <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
            <path d="M2 4l3 3 3-3" fill="none" stroke="currentColor" stroke-width="1.5" />
          </svg>
        </button>
      </div>
      {loading && <span class="os-sr" role="status">{t('inserting')}</span>}
      {showStale && (
        <div class="os-pop os-message os-stale" role="status" style={popStyle(false)}>
          <p>{tn('offerStale', stale.gone)}</p>
          <div class="os-actions">
            <button type="button" class="os-btn os-primary" onMouseDown={keepCaret} onClick={update}>{t('offerUpdate')}</button>
            <button type="button" class="os-btn" onClick={() => setDismissedAt(stale.gone)}>{t('close')}</button>
          </div>
        </div>
      )}
      {state.kind !== 'idle' && state.kind !== 'loading' && (
        <div class="os-pop os-message" role="alert" style={popStyle(false)}>
          {state.kind === 'notConnected' && (
            <>
              <p>{t('notConnected')}</p>
              <div class="os-actions">
                <button type="button" class="os-btn os-primary" onClick={openOptions}>{t('openOptions')}</button>
                <button type="button" class="os-btn" onClick={() => setState({ kind: 'idle' })}>{t('close')}</button>
              </div>
            </>
          )}
          {state.kind === 'notice' && (
            <>
              <p>{state.message}</p>
              <div class="os-actions">
                <button type="button" class="os-btn" onClick={() => setState({ kind: 'idle' })}>{t('close')}</button>
              </div>
            </>
          )}
          {state.kind === 'empty' && (
            <>
              <p>{tn('noTimes', state.days)}</p>
              <div class="os-actions">
                {safeCalendlyUrl(state.answer.eventType.schedulingUrl) && <button
                  type="button"
                  class="os-btn os-primary"
                  onMouseDown={keepCaret}
                  onClick={() => {
                    const link = bookingLink(state.answer);
                    const insertLink = () => {
                      if (tryInsert(link, insertLink)) setState({ kind: 'idle' });
                    };
                    insertLink();
                  }}
                >
                  {t('insertBookingLink')}
                </button>}
                <button type="button" class="os-btn" onClick={() => setState({ kind: 'idle' })}>{t('close')}</button>
              </div>
            </>
          )}
          {state.kind === 'error' && (
            <>
              <p>{state.error.message}</p>
              <div class="os-actions">
                <button type="button" class="os-btn os-primary" onMouseDown={keepCaret} onClick={state.retry}>
                  {t('tryAgain')}
                </button>
                {/* The way forward for these is in options (reconnect, choose another event type). */}
                {(state.error.kind === 'unauthenticated' || state.error.kind === 'forbidden' || state.error.kind === 'not_found') && (
                  <button type="button" class="os-btn" onClick={openOptions}>{t('openOptions')}</button>
                )}
                <button type="button" class="os-btn" onClick={() => setState({ kind: 'idle' })}>{t('close')}</button>
              </div>
            </>
          )}
        </div>
      )}
      {pickerOpen && state.kind !== 'notConnected' && (
        <Picker
          getSlots={getSlots}
          listEventTypes={listEventTypes}
          onInsert={(o) => void run(o)}
          onClose={closePicker}
          busy={loading}
          style={popStyle(true)}
        />
      )}
    </div>
  );
}

/** Only the event type's booking page, as a link (the "no open times" case). */
function bookingLink(answer: SlotsAnswer): { html: string; text: string } {
  const url = safeCalendlyUrl(answer.eventType.schedulingUrl) ?? '';
  return { html: `<div><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></div>`, text: url };
}

function CalendarIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <rect x="3" y="4.5" width="14" height="12.5" rx="2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
      <circle cx="7.5" cy="12" r="1.2" fill="currentColor" />
      <circle cx="12.5" cy="12" r="1.2" fill="currentColor" />
    </svg>
  );
}
