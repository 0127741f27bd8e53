import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/client';
import { t } from '@/lib/i18n/t';
import type { Status } from '@/lib/messages';
import { AccountCard } from './AccountCard';
import { DefaultsForm } from './DefaultsForm';

export interface OptionsAppProps {
  client: BackgroundClient;
  links: { availability: string; privacy: string };
}

/** The options page: connect an account, then set the defaults the compose button uses. */
export function OptionsApp({ client, links }: OptionsAppProps) {
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    void client.getStatus().then(setStatus);
  }, []);

  return (
    <main class="options">
      <header class="options-head">
        <img src="/icon/48.png" width="32" height="32" alt="" />
        <h1>{t('optionsTitle')}</h1>
      </header>
      {!status ? (
        <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> {t('loading')}</p>
      ) : (
        <div class="stack">
          <AccountCard client={client} status={status} onChange={setStatus} />
          {status.connected && <DefaultsForm client={client} />}
        </div>
      )}
      <footer class="options-foot row">
        {status?.connected && <a href={links.availability}>{t('availabilityLink')}</a>}
        <a href={links.privacy}>{t('privacy')}</a>
      </footer>
    </main>
  );
}
