import { render } from 'preact';
import { AvailabilityApp } from '@/components/availability/AvailabilityApp';
import { backgroundClient } from '@/lib/contract/pages';
import { t } from '@/lib/i18n/t';
import '@/components/page.css';
import '@/components/availability/availability.css';

document.title = `${t('extName')} · ${t('avTitle')}`;
document.documentElement.lang = t('langTag');
render(<AvailabilityApp client={backgroundClient} optionsUrl="/options.html" />, document.getElementById('app')!);
