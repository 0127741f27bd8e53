import { t } from '@/lib/i18n/t';
import type { EventTypeSummary } from '@/lib/contract';

/** "Intro Call · 15 min", with the owner's name for an organization's event type. */
export function eventTypeLabel(et: EventTypeSummary): string {
  const owner = et.scope === 'organization' && et.owner ? ` · ${et.owner}` : '';
  return `${et.name} · ${t('durationMinutes', et.durationMinutes)}${owner}`;
}
