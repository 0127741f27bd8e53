/**
 * One Open Slots content script per page. When the extension is installed or updated, the background runs
 * the new script in Gmail tabs that are already open (lib/background/reinject.ts), and a tab that was
 * still loading may run it twice. Each new script announces itself with a DOM event on the document;
 * every older one in the page (another isolated world: DOM events cross worlds, which is why an event
 * and not a variable) then stops, taking its buttons down, before the new one mounts its own. So a
 * compose always ends with exactly one button.
 */

/** The event a starting content script dispatches on the document. */
export const STARTED_EVENT = 'open-slots:content-script-started';

/**
 * Announces this script (older ones stop, synchronously, during this call), then returns a signal that
 * aborts when `signal` does or when a newer script starts.
 */
export function takeOver(doc: Document, signal: AbortSignal): AbortSignal {
  doc.dispatchEvent(new Event(STARTED_EVENT));
  const controller = new AbortController();
  const stop = () => controller.abort();
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  doc.addEventListener(STARTED_EVENT, stop, { once: true, signal: controller.signal });
  return controller.signal;
}
