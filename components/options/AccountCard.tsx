import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/contract/pages';
import { t } from '@/lib/i18n/t';
import type { Status } from '@/lib/contract';
import { Icon } from '../popup/Icon';

export interface AccountCardProps {
  /** `signIn`/`oauthAvailable`: "Sign in with Calendly", offered only when the build has OAuth. */
  client: Pick<BackgroundClient, 'connect' | 'disconnect'> & Partial<Pick<BackgroundClient, 'signIn' | 'oauthAvailable'>>;
  status: Status;
  onChange(status: Status): void;
}

/** Calendly's page where personal access tokens are made. */
export const TOKEN_PAGE = 'https://calendly.com/integrations/api_webhooks';

/** "Avery Quinn" -> "AQ"; one letter for one word; "?" for nothing. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

/** Connect with a personal access token, or show who is connected with a way to disconnect. */
export function AccountCard({ client, status, onChange }: AccountCardProps) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'connect' | 'signIn' | 'disconnect' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [oauth, setOauth] = useState(false);

  useEffect(() => {
    if (status.connected || !client.oauthAvailable) return;
    void client.oauthAvailable().then(setOauth, () => setOauth(false));
  }, [status.connected]);

  async function signIn() {
    if (!client.signIn) return;
    setBusy('signIn');
    setSignInError(null);
    const r = await client.signIn().catch(() => null);
    setBusy(null);
    if (r?.ok) onChange({ connected: true, user: r.data });
    else setSignInError(r ? r.error.message : t('backgroundUnreachable'));
  }

  async function connect(e: Event) {
    e.preventDefault();
    if (!token.trim()) {
      setError(t('tokenRequired'));
      return;
    }
    setBusy('connect');
    setError(null);
    const r = await client.connect(token.trim()).catch(() => null);
    setBusy(null);
    if (r?.ok) {
      setToken(''); // the field never keeps the secret once it is stored
      onChange({ connected: true, user: r.data });
    } else {
      // On this page a 401 means the pasted token, not an old connection: say so.
      setError(!r ? t('backgroundUnreachable') : r.error.kind === 'unauthenticated' ? t('tokenRejected') : r.error.message);
    }
  }

  async function disconnect() {
    setBusy('disconnect');
    setError(null);
    const r = await client.disconnect().catch(() => null);
    setBusy(null);
    if (r?.ok) onChange({ connected: false });
    else setError(r ? r.error.message : t('backgroundUnreachable'));
  }

  if (status.connected) {
    const u = status.user;
    return (
      <section class="card account" aria-labelledby="account-h">
        <div class="card-head">
          <h2 id="account-h">{t('account')}</h2>
          <span class="pill pill-ok">
            <span class="dot" aria-hidden="true" />
            {t('statusConnected')}
          </span>
        </div>
        <div class="account-who">
          <span class="avatar" aria-hidden="true">{initials(u.name)}</span>
          <div class="account-lines">
            <p class="account-name" role="status">{t('connectedAs', u.name)}</p>
            <p class="muted">{u.email}</p>
            {u.organization && (
              <p class="muted account-org">
                <Icon name="team" />
                {u.organizationName ? t('organizationNamed', u.organizationName) : t('organizationMember')}
              </p>
            )}
          </div>
        </div>
        <dl class="facts">
          <div>
            <dt>{t('timeZone')}</dt>
            <dd>{u.timezone}</dd>
          </div>
          <div>
            <dt>{t('connectedWith')}</dt>
            <dd>{u.via === 'oauth' ? t('viaOAuth') : t('viaToken')}</dd>
          </div>
          <div>
            <dt>{t('yourBookingPage')}</dt>
            <dd>
              <a href={u.schedulingUrl} target="_blank" rel="noopener noreferrer">
                {u.schedulingUrl.replace(/^https:\/\//, '')}
              </a>
            </dd>
          </div>
        </dl>
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        <div class="card-foot">
          <p class="help">{t('disconnectHelp')}</p>
          <button type="button" class="btn" onClick={() => void disconnect()} disabled={busy !== null}>
            {busy === 'disconnect' ? t('disconnecting') : t('disconnect')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section class="card account" aria-labelledby="account-h">
      <div class="card-head">
        <h2 id="account-h">{t('account')}</h2>
        <span class="pill">{t('statusNotConnected')}</span>
      </div>
      <p class="lead">{oauth ? t('connectIntroOAuth') : t('connectIntro')}</p>
      {oauth && (
        <div class="sign-in">
          <button type="button" class="btn primary" disabled={busy !== null} onClick={() => void signIn()}>
            {busy === 'signIn' && <span class="spinner on-accent" aria-hidden="true" />}
            {busy === 'signIn' ? t('signingIn') : t('signInWithCalendly')}
          </button>
          {signInError && (
            <p class="field-error" role="alert">
              {signInError}
            </p>
          )}
          <p class="divider">
            <span>{t('orUseToken')}</span>
          </p>
        </div>
      )}
      <form class="connect" noValidate onSubmit={(e) => void connect(e)}>
        <label class="field" for="token">
          <span>{t('personalAccessToken')}</span>
        </label>
        <div class="connect-row">
          <input
            id="token"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={token}
            placeholder="eyJraWQiOi…"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'token-error token-help' : 'token-help'}
            onInput={(e) => {
              setToken((e.currentTarget as HTMLInputElement).value);
              if (error) setError(null);
            }}
          />
          <button type="submit" class={oauth ? 'btn' : 'btn primary'} disabled={busy !== null}>
            {busy === 'connect' && <span class={oauth ? 'spinner' : 'spinner on-accent'} aria-hidden="true" />}
            {busy === 'connect' ? t('connecting') : t('connect')}
          </button>
        </div>
        {error && (
          <p id="token-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <p id="token-help" class="help">
          {t('tokenHelp')}{' '}
          <a href={TOKEN_PAGE} target="_blank" rel="noopener noreferrer">
            {t('tokenPage')}
            <Icon name="external" />
          </a>
        </p>
      </form>
    </section>
  );
}
