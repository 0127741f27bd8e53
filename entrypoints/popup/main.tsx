import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PopupApp } from '@/components/popup/PopupApp';
import { backgroundClient } from '@/lib/contract/pages';
import { safeCalendlyUrl } from '@/lib/format';
import { sessionDiagnostics } from '@/lib/gmail/diagnostics';
import { t } from '@/lib/i18n/t';
import '@/components/page.css';
import './popup.css';

document.title = t('extName');
document.documentElement.lang = t('langTag');
render(
  <PopupApp
    client={backgroundClient}
    diagnostics={sessionDiagnostics}
    openOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
    openAvailability={() => void browser.tabs.create({ url: browser.runtime.getURL('/availability.html') }).then(() => window.close())}
    openPage={(url) => {
      // Only ever open Calendly's own pages.
      const safe = safeCalendlyUrl(url);
      if (safe) void browser.tabs.create({ url: safe });
    }}
    copy={({ html, text }) =>
      navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ])
    }
  />,
  document.getElementById('app')!,
);
