import type { AvailabilityAnswer } from '@/lib/contract';
import { t } from '@/lib/i18n/t';
import { formatHours, formatPercent } from './format';

/** Where Calendly users change their availability. */
export const CALENDLY_AVAILABILITY_URL = 'https://calendly.com/app/availability/schedules';

/** The period's totals: available, scheduled (Calendly / held / external), free, utilisation, and the low-free hint. */
export function FiguresPanel(props: { answer: AvailabilityAnswer; locale: string; isSelf: boolean }) {
  const f = props.answer.figures;
  const h = (n: number) => formatHours(n, props.locale);
  return (
    <div class="av-figures-wrap">
      <dl class="av-figures">
        <div class="av-figure" data-figure="available">
          <dt>{t('avAvailable')}</dt>
          <dd class="av-figure-value">{h(f.availableHours)}</dd>
        </div>
        <div class="av-figure" data-figure="scheduled">
          <dt>{t('avScheduled')}</dt>
          <dd class="av-figure-value">{h(f.scheduledHours)}</dd>
          <dd class="av-figure-split">
            <span data-figure="calendly">
              <span class="av-swatch calendly" aria-hidden="true" /> {t('avCalendlyHours', h(f.calendlyHours))}
            </span>{' '}
            <span data-figure="held">
              <span class="av-swatch held" aria-hidden="true" /> {t('avHeldHours', h(f.heldHours))}
            </span>{' '}
            <span data-figure="external">
              <span class="av-swatch external" aria-hidden="true" /> {t('avExternalHours', h(f.externalHours))}
            </span>
          </dd>
        </div>
        <div class="av-figure" data-figure="free">
          <dt>{t('avFree')}</dt>
          <dd class="av-figure-value">{h(f.freeHours)}</dd>
        </div>
        <div class="av-figure" data-figure="utilisation">
          <dt>{t('avUtilisation')}</dt>
          <dd class="av-figure-value">{formatPercent(f.utilisation, props.locale)}</dd>
        </div>
      </dl>
      {f.lowFreeHint && f.availableHours > 0 && (
        <p class="av-hint" role="note" data-testid="low-free-hint">
          {t('avLowFree', h(f.freeHours))}{' '}
          {props.isSelf && (
            <a href={CALENDLY_AVAILABILITY_URL} target="_blank" rel="noopener noreferrer">
              {t('avOpenUpMore')}
            </a>
          )}
          {!props.isSelf && t('avOpenUpMoreOther')}
        </p>
      )}
    </div>
  );
}
