import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/contract/pages';
import { t } from '@/lib/i18n/t';
import type { Status } from '@/lib/contract';
import { Icon } from '../popup/Icon';
import type { DiagnosticsSource } from '@/lib/gmail/diagnostics';
import { AccountCard } from './AccountCard';
import { DefaultsForm } from './DefaultsForm';
import { Diagnostics } from './Diagnostics';
import { RememberedZones } from './RememberedZones';

export interface OptionsAppProps {
  client: BackgroundClient;
  /** Links to the extension's other pages; `availability` only when that page ships. */
  links: { availability?: string; privacy: string };
  /** The keyboard shortcut of "Insert open slots" as the browser has it (users may change it). */
  shortcut?: string;
  /** Which way Open Slots found each open Gmail compose (local diagnostics); section hidden without it. */
  diagnostics?: DiagnosticsSource;
}

/** The options page: connect an account, then set the defaults the compose button uses. */
export function OptionsApp({ client, links, shortcut, diagnostics }: OptionsAppProps) {
  const [status, setStatus] = useState<Status | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void client
      .getStatus()
      .then(setStatus)
      .catch(() => setFailed(true));
  }, []);

  return (
    <div class="options">
      <header class="options-head">
        <img src="/icon/128.png" width="40" height="40" alt="" />
        <div>
          <h1>{t('optionsTitle')}</h1>
          <p class="muted">{t('optionsSubtitle')}</p>
        </div>
      </header>
      <main class="stack">
        {failed && (
          <p class="alert card" role="alert">
            <Icon name="alert" />
            {t('backgroundUnreachable')}
          </p>
        )}
        {!status && !failed && (
          <p class="muted loading-line" role="status">
            <span class="spinner" aria-hidden="true" /> {t('loading')}
          </p>
        )}
        {status && <AccountCard client={client} status={status} onChange={setStatus} />}
        {status?.connected && <DefaultsForm client={client} />}
        {status && <RememberedZones client={client} />}
        {diagnostics && <Diagnostics source={diagnostics} />}
      </main>
      <footer class="options-foot">
        {status?.connected && links.availability && (
          <a href={links.availability}>
            <Icon name="team" />
            {t('availabilityLink')}
          </a>
        )}
        <a href={links.privacy}>{t('privacy')}</a>
        {shortcut && <span class="muted">{t('shortcutHint', shortcut)}</span>}
      </footer>
    </div>
  );
}
