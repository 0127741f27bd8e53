import { useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/client';
import { t } from '@/lib/i18n/t';
import type { Status } from '@/lib/messages';

export interface AccountCardProps {
  client: Pick<BackgroundClient, 'connect' | 'disconnect'>;
  status: Status;
  onChange(status: Status): void;
}

/** Calendly's page where personal access tokens are made. */
export const TOKEN_PAGE = 'https://calendly.com/integrations/api_webhooks';

/** Connect with a personal access token, or show who is connected with a way to disconnect. */
export function AccountCard({ client, status, onChange }: AccountCardProps) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function connect(e: Event) {
    e.preventDefault();
    if (!token.trim()) {
      setError('Paste a personal access token first.');
      return;
    }
    setBusy(true);
    setError(null);
    const r = await client.connect(token.trim()).catch(() => null);
    setBusy(false);
    if (r?.ok) {
      setToken(''); // the field never keeps the secret once it is stored
      onChange({ connected: true, user: r.data });
    } else {
      setError(r ? r.error.message : 'Open Slots could not reach its background service. Reload this page and try again.');
    }
  }

  async function disconnect() {
    setBusy(true);
    await client.disconnect();
    setBusy(false);
    onChange({ connected: false });
  }

  if (status.connected) {
    const u = status.user;
    return (
      <section class="card" aria-labelledby="account-h">
        <h2 id="account-h">{t('account')}</h2>
        <p class="ok" role="status">{t('connectedAs', u.name)}</p>
        <p class="muted">
          {u.email} · {u.timezone}
        </p>
        <button type="button" class="btn" onClick={() => void disconnect()} disabled={busy}>
          {t('disconnect')}
        </button>
      </section>
    );
  }

  return (
    <section class="card" aria-labelledby="account-h">
      <h2 id="account-h">{t('account')}</h2>
      <form class="stack" onSubmit={(e) => void connect(e)}>
        <label class="field">
          <span>{t('personalAccessToken')}</span>
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby="token-help token-error"
            onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <p id="token-help" class="help">
          {t('tokenHelp')}{' '}
          <a href={TOKEN_PAGE} target="_blank" rel="noopener noreferrer">{t('tokenPage')}</a>
        </p>
        {error && <p id="token-error" class="alert" role="alert">{error}</p>}
        <div class="row">
          <button type="submit" class="btn primary" disabled={busy}>
            {busy ? t('connecting') : t('connect')}
          </button>
        </div>
      </form>
    </section>
  );
}
