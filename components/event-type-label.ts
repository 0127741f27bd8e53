import { eventTypeName } from '@/lib/calendly/event-types';
import { t } from '@/lib/i18n/t';
import type { EventTypeSummary } from '@/lib/contract';

/**
 * "Intro Call · 15 min", with the owner's name for an organization's event type and "one-off" for an ad hoc
 * one. An event type without a name reads as its slug, or "Untitled · 30 min".
 */
export function eventTypeLabel(et: EventTypeSummary): string {
  const owner = et.scope === 'organization' && et.owner ? ` · ${et.owner}` : '';
  const oneOff = et.oneOff ? ` · ${t('etOneOff')}` : '';
  return `${eventTypeName(et)} · ${t('durationMinutes', et.durationMinutes)}${oneOff}${owner}`;
}
