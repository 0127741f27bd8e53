import type { AvailabilityAnswer } from '@/lib/contract';
import { t } from '@/lib/i18n/t';
import { formatDate, formatHours, formatMinutes } from './format';

/** One row per day of the period (viewer's zone) and a total row. */
export function DayTable(props: { answer: AvailabilityAnswer; locale: string }) {
  const { figures } = props.answer;
  const m = (min: number) => formatMinutes(min, props.locale);
  const h = (hours: number) => formatHours(hours, props.locale);
  return (
    <div class="av-table-wrap" tabIndex={0} role="region" aria-labelledby="av-days-caption">
      <table class="av-table av-days">
        <caption id="av-days-caption">{t('avPerDay')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('avDate')}</th>
            <th scope="col">{t('avAvailable')}</th>
            <th scope="col">{t('avCalendly')}</th>
            <th scope="col">{t('avHeld')}</th>
            <th scope="col">{t('avExternal')}</th>
            <th scope="col">{t('avFree')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.days.map((d) => (
            <tr key={d.date} data-date={d.date}>
              <th scope="row">{formatDate(d.date, props.locale)}</th>
              <td>{m(d.availableMin)}</td>
              <td>{m(d.scheduledCalendlyMin)}</td>
              <td>{m(d.scheduledHeldMin)}</td>
              <td>{m(d.scheduledExternalMin)}</td>
              <td>{m(d.freeMin)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('avTotal')}</th>
            <td>{h(figures.availableHours)}</td>
            <td>{h(figures.calendlyHours)}</td>
            <td>{h(figures.heldHours)}</td>
            <td>{h(figures.externalHours)}</td>
            <td>{h(figures.freeHours)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
