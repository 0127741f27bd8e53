import { render } from 'preact';
import browser from 'webextension-polyfill';
import { OptionsApp } from '@/components/options/OptionsApp';
import { backgroundClient } from '@/lib/contract/pages';
import { sessionDiagnostics } from '@/lib/gmail/diagnostics';
import { t } from '@/lib/i18n/t';
import '@/components/page.css';
import './options.css';

document.title = t('optionsTitle');
document.documentElement.lang = t('langTag');
const root = document.getElementById('app')!;
const show = (extra: { availability?: string; shortcut?: string }) =>
  render(
    <OptionsApp
      client={backgroundClient}
      diagnostics={sessionDiagnostics}
      links={{ privacy: '/privacy.html', ...(extra.availability ? { availability: extra.availability } : {}) }}
      {...(extra.shortcut ? { shortcut: extra.shortcut } : {})}
    />,
    root,
  );

show({});
// The team availability page ships in some builds only; link to it when it is there. The shortcut is the
// one the browser has now (users can change it at chrome://extensions/shortcuts).
void Promise.all([
  fetch('/availability.html', { method: 'HEAD' }).then((r) => r.ok, () => false),
  browser.commands
    .getAll()
    .then((all) => all.find((c) => c.name === 'insert-open-slots')?.shortcut ?? '', () => ''),
]).then(([availability, shortcut]) => show({ ...(availability ? { availability: '/availability.html' } : {}), shortcut }));
