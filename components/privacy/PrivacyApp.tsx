import { useEffect } from 'preact/hooks';
import { t } from '@/lib/i18n/t';
import type { MessageKey } from '@/lib/i18n/en';

type Permission = readonly [permission: string, why: MessageKey];

/** What the manifest asks for (wxt.config.ts, the content script's matches), each with why. */
export const PERMISSIONS: readonly Permission[] = [
  ['storage', 'privacyPermStorage'],
  ['https://api.calendly.com/*', 'privacyPermCalendly'],
  ['https://mail.google.com/*', 'privacyPermGmail'],
  ['scripting', 'privacyPermScripting'],
];

/** What builds with "Sign in with Calendly" (a Calendly OAuth client id) ask for in addition. */
export const OAUTH_PERMISSIONS: readonly Permission[] = [
  ['identity', 'privacyPermIdentity'],
  ['https://auth.calendly.com/*', 'privacyPermCalendlyAuth'],
];

const STORED: readonly (readonly [title: MessageKey, body: MessageKey])[] = [
  ['privacyTokenTitle', 'privacyTokenBody'],
  ['privacySettingsTitle', 'privacySettingsBody'],
  ['privacyCacheTitle', 'privacyCacheBody'],
  ['privacyOffersTitle', 'privacyOffersBody'],
  ['privacyRecipientZonesTitle', 'privacyRecipientZonesBody'],
];

export interface PrivacyAppProps {
  /** Where "Open options" goes; without it (the hosted copy, docs/privacy.html) the sentence has no link. */
  links?: { options: string };
  /** True in builds with "Sign in with Calendly": the policy then also covers OAuth tokens and auth.calendly.com. */
  oauth: boolean;
}

/** The privacy policy: what is stored and where, what is sent and to whom, and how to delete it. */
export function PrivacyApp({ links, oauth }: PrivacyAppProps) {
  const permissions = oauth ? [...PERMISSIONS, ...OAUTH_PERMISSIONS] : PERMISSIONS;

  useEffect(() => {
    document.title = t('privacyTitle');
    document.documentElement.lang = t('langTag');
  }, []);

  return (
    <main class="doc privacy">
      <header class="doc-head">
        <img src="/icon/128.png" width="48" height="48" alt="" />
        <div>
          <h1>{t('privacyTitle')}</h1>
          <p class="lead">{t('privacySummary')}</p>
        </div>
      </header>

      <section aria-labelledby="stored-h">
        <h2 id="stored-h">{t('privacyStoredHeading')}</h2>
        <div class="stored">
          {STORED.map(([title, body]) => (
            <article key={title} class="card">
              <h3>{t(title)}</h3>
              <p>{t(body)}</p>
              {oauth && title === 'privacyTokenTitle' && <p>{t('privacyOAuthTokens')}</p>}
            </article>
          ))}
        </div>
      </section>

      <section aria-labelledby="where-h">
        <h2 id="where-h">{t('privacyWhereHeading')}</h2>
        <p>{t('privacyWhereBody')}</p>
      </section>

      <section aria-labelledby="sent-h">
        <h2 id="sent-h">{t('privacySentHeading')}</h2>
        <p>{t('privacySentBody')}</p>
        {oauth && <p>{t('privacyOAuthSent')}</p>}
        <p>{t('privacyGmailBody')}</p>
      </section>

      <section aria-labelledby="not-collected-h">
        <h2 id="not-collected-h">{t('privacyNotCollectedHeading')}</h2>
        <p>{t('privacyNotCollectedBody')}</p>
        <p>{t('privacyNoRemoteCode')}</p>
      </section>

      <section aria-labelledby="permissions-h">
        <h2 id="permissions-h">{t('privacyPermissionsHeading')}</h2>
        <dl class="permissions">
          {permissions.map(([permission, why]) => (
            <div key={permission}>
              <dt><code>{permission}</code></dt>
              <dd>{t(why, t('signInWithCalendly'))}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="delete-h">
        <h2 id="delete-h">{t('privacyDeleteHeading')}</h2>
        <ul class="bullets">
          <li>
            {t('privacyDeleteDisconnect', t('disconnect'))}
            {links && (
              <>
                {' '}
                <a href={links.options}>{t('openOptions')}</a>
              </>
            )}
          </li>
          <li>{t('privacyDeleteRecipientZones', t('forgetRecipientZones'))}</li>
          <li>{t('privacyDeleteRemove')}</li>
          <li>{t('privacyDeleteRevoke')}</li>
        </ul>
      </section>

      <section aria-labelledby="changes-h">
        <h2 id="changes-h">{t('privacyChangesHeading')}</h2>
        <p>{t('privacyChangesBody')}</p>
      </section>
    </main>
  );
}
