/**
 * How an event type reads to a person, whatever shape Calendly sent: `name` may be null (ad hoc one-off
 * meetings often have none), then the slug, then "Untitled". And the order lists show them in: standard
 * event types first, one-off (`AdhocEventType`) ones after, each group in Calendly's order.
 */
import { t } from '../i18n/t';

/** The event type's name; its slug when it has no name; "Untitled" when it has neither. */
export function eventTypeName(et: { name: string | null; slug: string | null }): string {
  return et.name?.trim() || et.slug?.trim() || t('etUntitled');
}

/** Standard event types first, one-off ones after; otherwise the order is kept (stable). */
export function standardFirst<T extends { oneOff: boolean }>(list: readonly T[]): T[] {
  return [...list.filter((e) => !e.oneOff), ...list.filter((e) => e.oneOff)];
}
