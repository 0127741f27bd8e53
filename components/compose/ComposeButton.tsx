import { useRef, useState } from 'preact/hooks';
import type { ErrorInfo } from '@/lib/calendly/errors';
import { t } from '@/lib/i18n/t';
import type { EventTypeSummary, Result, SlotsAnswer } from '@/lib/messages';
import type { Settings } from '@/lib/settings/settings';
import { Picker } from './Picker';

export interface ComposeButtonProps {
  /** Asks the background for slots (defaults, or the picker's overrides). */
  getSlots(overrides?: Partial<Settings>): Promise<Result<SlotsAnswer>>;
  /** Inserts into this compose window's body; false when the draft could not take it. */
  insert(content: { html: string; text: string }): boolean;
  listEventTypes(): Promise<Result<EventTypeSummary[]>>;
  openOptions(): void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'notConnected' }
  | { kind: 'empty'; answer: SlotsAnswer; days: number }
  | { kind: 'error'; error: ErrorInfo; retry: () => void };

/**
 * Clicks on the main button closer together than this are one burst (a double click, a held key, an
 * impatient user): only the first acts. Without it, every click after the (cached, fast) answer arrived
 * inserted the slots again: 20 clicks 75 ms apart made 14 insertions.
 */
const BURST_MS = 600;

/**
 * The toolbar button of one compose window: a click inserts the default slots; the arrow opens the picker.
 * While a request runs further clicks are ignored, and so is the rest of a burst of clicks (20 rapid clicks
 * make one request and one insertion).
 */
export function ComposeButton({ getSlots, listEventTypes, insert, openOptions }: ComposeButtonProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [pickerOpen, setPickerOpen] = useState(false);
  const busy = useRef(false);
  const lastClickAt = useRef(Number.NEGATIVE_INFINITY);
  const rootRef = useRef<HTMLDivElement>(null);

  async function run(overrides?: Partial<Settings>) {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'loading' });
    try {
      const r = await getSlots(overrides);
      if (!r.ok) {
        if (r.error.kind === 'not_connected') setState({ kind: 'notConnected' });
        else setState({ kind: 'error', error: r.error, retry: () => void run(overrides) });
        return;
      }
      if (r.data.slotCount === 0) {
        setState({ kind: 'empty', answer: r.data, days: r.data.daysAhead });
        return;
      }
      insert({ html: r.data.html, text: r.data.text });
      setPickerOpen(false);
      setState({ kind: 'idle' });
    } catch {
      setState({
        kind: 'error',
        error: { kind: 'network', message: 'Open Slots could not reach its background service. Reload Gmail and try again.' },
        retry: () => void run(overrides),
      });
    } finally {
      busy.current = false;
    }
  }

  function onMainClick() {
    const at = performance.now();
    const inBurst = at - lastClickAt.current < BURST_MS;
    lastClickAt.current = at;
    if (!inBurst) void run();
  }

  const loading = state.kind === 'loading';
  // Keep focus and the caret in the draft: the click must not move the selection out of the body.
  const keepCaret = (e: MouseEvent) => e.preventDefault();

  // Gmail's compose windows clip overflow, so popovers are fixed to the viewport, above the button.
  const popStyle = () => {
    const r = rootRef.current?.getBoundingClientRect();
    if (!r) return undefined;
    const width = Math.min(380, window.innerWidth - 16);
    const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
    return { position: 'fixed', left: `${left}px`, bottom: `${window.innerHeight - r.top + 8}px`, maxHeight: `${Math.max(160, r.top - 16)}px`, width: `${width}px` };
  };

  return (
    <div class="os-root" ref={rootRef}>
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
          onMouseDown={keepCaret}
          onClick={() => setPickerOpen((o) => !o)}
        >
          <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
            <path d="M2 4l3 3 3-3" fill="none" stroke="currentColor" stroke-width="1.5" />
          </svg>
        </button>
      </div>
      {loading && <span class="os-sr" role="status">{t('inserting')}</span>}
      {state.kind !== 'idle' && state.kind !== 'loading' && (
        <div class="os-pop os-message" role="alert" style={popStyle()}>
          {state.kind === 'notConnected' && (
            <>
              <p>{t('notConnected')}</p>
              <div class="os-actions">
                <button type="button" class="os-btn os-primary" onClick={openOptions}>{t('openOptions')}</button>
                <button type="button" class="os-btn" onClick={() => setState({ kind: 'idle' })}>{t('close')}</button>
              </div>
            </>
          )}
          {state.kind === 'empty' && (
            <>
              <p>{t('noTimes', state.days)}</p>
              <div class="os-actions">
                <button
                  type="button"
                  class="os-btn os-primary"
                  onMouseDown={keepCaret}
                  onClick={() => {
                    insert({ html: state.answer.html, text: state.answer.text });
                    setState({ kind: 'idle' });
                  }}
                >
                  {t('insertBookingLink')}
                </button>
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
          onClose={() => setPickerOpen(false)}
          busy={loading}
          style={popStyle()}
        />
      )}
    </div>
  );
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
