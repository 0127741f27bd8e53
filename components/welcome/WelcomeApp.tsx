import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n/t';
import type { MessageKey } from '@/lib/i18n/en';

/** The scopes a personal access token needs, each with what it is used for. */
export const SCOPES: readonly (readonly [scope: string, purpose: MessageKey])[] = [
  ['users:read', 'scopeUsersRead'],
  ['event_types:read', 'scopeEventTypesRead'],
  ['availability:read', 'scopeAvailabilityRead'],
  ['organizations:read', 'scopeOrganizationsRead'],
];

/** Calendly's page where personal access tokens are made. */
export const TOKEN_PAGE = 'https://calendly.com/integrations/api_webhooks';
export const GMAIL_URL = 'https://mail.google.com/';
/** A screenshot of the compose button at work (public/welcome-compose.png), 16:10. */
export const SCREENSHOT = { src: '/welcome-compose.png', width: 1280, height: 800 } as const;
export const SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

export interface WelcomeAppProps {
  /** Opens (or focuses) the options page. */
  openOptions(): void;
  /** The keyboard shortcut as the browser shows it, or null when none is set. */
  shortcut: string | null;
  links: { privacy: string };
  /** True in builds with "Sign in with Calendly": mentions it as the alternative to a token. */
  oauth: boolean;
}

/** The page opened on install: make a token, connect it, then use the button in Gmail. */
export function WelcomeApp({ openOptions, shortcut, links, oauth }: WelcomeAppProps) {
  const [shotMissing, setShotMissing] = useState(false);
  const shotAlt = t('welcomeScreenshotAlt', t('insertOpenSlots'));

  useEffect(() => {
    document.title = t('welcomeTitle');
    document.documentElement.lang = t('langTag');
  }, []);

  return (
    <main class="doc welcome">
      <header class="doc-head">
        <img src="/icon/128.png" width="48" height="48" alt="" />
        <div>
          <h1>{t('welcomeTitle')}</h1>
          <p class="lead">{t('welcomeIntro')}</p>
        </div>
      </header>

      <ol class="steps">
        <li class="card step">
          <span class="step-num" aria-hidden="true">1</span>
          <div class="step-body">
            <h2 id="step-token-h">{t('welcomeStep1Title')}</h2>
            <p>{t('welcomeStep1Body')}</p>
            <ul class="scopes">
              {SCOPES.map(([scope, purpose]) => (
                <li key={scope}>
                  <code>{scope}</code> <span class="muted">{t(purpose)}</span>
                </li>
              ))}
            </ul>
            <p class="help">{t('welcomeStep1Note')}</p>
            {oauth && <p class="help">{t('welcomeOAuthAlternative', t('signInWithCalendly'))}</p>}
            <div class="row">
              <a class="btn primary" href={TOKEN_PAGE} target="_blank" rel="noopener noreferrer">
                {t('tokenPage')}
              </a>
            </div>
          </div>
        </li>

        <li class="card step">
          <span class="step-num" aria-hidden="true">2</span>
          <div class="step-body">
            <h2 id="step-connect-h">{t('welcomeStep2Title')}</h2>
            <p>{t('welcomeStep2Body', t('personalAccessToken'), t('connect'))}</p>
            <div class="row">
              <button type="button" class="btn primary" onClick={openOptions}>
                {t('openOptions')}
              </button>
            </div>
          </div>
        </li>

        <li class="card step">
          <span class="step-num" aria-hidden="true">3</span>
          <div class="step-body">
            <h2 id="step-gmail-h">{t('welcomeStep3Title')}</h2>
            <p>{t('welcomeStep3Body', t('insertOpenSlots'))}</p>
            {shortcut && <p class="help">{t('welcomeShortcut', shortcut, SHORTCUTS_PAGE)}</p>}
            <div class="row">
              <a class="btn primary" href={GMAIL_URL} target="_blank" rel="noopener noreferrer">
                {t('welcomeOpenGmail')}
              </a>
            </div>
            {/* The frame keeps its 16:10 shape whether or not the image has loaded; without the file it shows
                the description instead of a broken image. */}
            <div class="shot">
              {shotMissing ? (
                <p class="shot-missing">{shotAlt}</p>
              ) : (
                <img
                  src={SCREENSHOT.src}
                  width={SCREENSHOT.width}
                  height={SCREENSHOT.height}
                  alt={shotAlt}
                  decoding="async"
                  onError={() => setShotMissing(true)}
                />
              )}
            </div>
          </div>
        </li>
      </ol>

      <footer class="doc-foot">
        <p>{t('welcomeDone')}</p>
        <p class="muted">
          {t('welcomePrivacyNote')} <a href={links.privacy}>{t('privacy')}</a>
        </p>
      </footer>
    </main>
  );
}
