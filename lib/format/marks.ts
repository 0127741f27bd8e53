/**
 * How an inserted block of times is marked, so the draft can be re-checked while it stays open (issue 19,
 * "Fresh until sent"). Data attributes on our own elements only: the block's wrapper names the event type,
 * each time's link its start. A recipient does not see them (they are not rendered), and nothing in them
 * is secret: the event type's API URI and the offered instants, both already in the links' meaning.
 */
export const MARK_EVENT_TYPE = 'data-open-slots-event';
export const MARK_START = 'data-open-slots-start';

/** An event type URI as the marks may carry it (the API's own form); anything else is not ours. */
export function isEventTypeUri(s: unknown): s is string {
  return typeof s === 'string' && s.length <= 200 && /^https:\/\/api\.calendly\.com\/event_types\/[A-Za-z0-9_-]+$/.test(s);
}

/** An instant as the marks carry it (ISO 8601 UTC, as Calendly and `toISOString` write it). */
export function isMarkedStart(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?Z$/.test(s) && Number.isFinite(Date.parse(s));
}

/** The inner HTML of a marked block (what replaces the old block's content on "Update"). */
export function blockContent(html: string): string {
  const m = /^<div(?:\s[^>]*)?>([\s\S]*)<\/div>$/.exec(html);
  return m ? m[1]! : html;
}
