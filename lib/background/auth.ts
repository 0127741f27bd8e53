/**
 * "Sign in with Calendly" for the background service worker: the OAuth authorization-code flow with PKCE
 * through an injected `launchWebAuthFlow` (chrome.identity in production), sign-out with revocation, and
 * fresh access tokens for the API client. No extension APIs and no `import.meta` here: the caller passes the
 * client id (from WXT_CALENDLY_CLIENT_ID at build time), the redirect URI and the token store.
 */
import { CalendlyError } from '../calendly/errors';
import {
  buildAuthorizeUrl,
  createOAuthTokenSource,
  exchangeCode,
  OAUTH_MESSAGES,
  parseRedirect,
  revoke,
  type OAuthDeps,
  type OAuthTokens,
  type TokenStore,
} from '../calendly/oauth';
import { createPkce, randomState } from '../calendly/pkce';
import { t } from '../i18n/t';

export interface AuthDeps extends OAuthDeps {
  /** The Calendly OAuth app's client id; undefined or empty when this build has none (OAuth unavailable). */
  clientId: string | undefined;
  /** Opens Calendly's consent page and resolves to the URL it redirected to (rejects when the user closes it). */
  launchWebAuthFlow: (url: string) => Promise<string | undefined>;
  /** `https://<extension-id>.chromiumapp.org/` (chrome.identity.getRedirectURL()). */
  redirectUri: string;
  /** Where the token pair lives (storage.local); read on every call, so a restarted worker carries on. */
  tokenStore: TokenStore;
  /** Sent as `scope` when given; by default Calendly grants the scopes registered for the app. */
  scopes?: readonly string[];
  /** Optional cross-context lock around refreshes (see createOAuthTokenSource). */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** WebCrypto; default globalThis.crypto. */
  crypto?: Crypto;
}

export interface SignInResult {
  /** The Calendly user URI the tokens belong to, when Calendly says. */
  owner: string | null;
}

/** chrome.identity's rejection when the user closes the window or declines. */
const CANCELLED = /did not approve|cancel|closed|user interaction required/i;

export function createAuth(deps: AuthDeps) {
  const clientId = deps.clientId?.trim() ?? '';
  const source = createOAuthTokenSource({
    ...deps,
    clientId,
    store: deps.tokenStore,
  });
  let signingIn: Promise<SignInResult> | null = null;

  function requireClient(): void {
    if (!clientId) throw new CalendlyError({ kind: 'invalid_request', message: OAUTH_MESSAGES.unavailable });
  }

  async function revokeQuietly(tokens: OAuthTokens | null): Promise<boolean> {
    if (!tokens || !clientId) return false;
    const results = await Promise.allSettled([
      revoke({ clientId, token: tokens.refreshToken }, deps),
      revoke({ clientId, token: tokens.accessToken }, deps),
    ]);
    return results.every((r) => r.status === 'fulfilled');
  }

  async function runSignIn(): Promise<SignInResult> {
    requireClient();
    const { verifier, challenge } = await createPkce(deps.crypto);
    const state = randomState(deps.crypto);
    const url = buildAuthorizeUrl({ clientId, redirectUri: deps.redirectUri, challenge, state, scopes: deps.scopes }, deps.baseUrl);
    let redirect: string | undefined;
    try {
      redirect = await deps.launchWebAuthFlow(url);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (CANCELLED.test(reason)) {
        throw new CalendlyError({ kind: 'not_connected', message: OAUTH_MESSAGES.cancelled, details: [reason] });
      }
      throw new CalendlyError({
        kind: 'network',
        message: t('oauthPageFailed'),
        details: [reason],
      });
    }
    if (!redirect) throw new CalendlyError({ kind: 'not_connected', message: OAUTH_MESSAGES.cancelled });
    const code = parseRedirect(redirect, { redirectUri: deps.redirectUri, state });
    const tokens = await exchangeCode({ clientId, code, verifier, redirectUri: deps.redirectUri }, deps);
    const previous = await deps.tokenStore.get();
    await source.replace(tokens);
    // A second sign-in (e.g. another Calendly account) replaces the first: let the old grant go.
    if (previous && previous.refreshToken !== tokens.refreshToken) void revokeQuietly(previous);
    return { owner: tokens.owner };
  }

  return {
    /** Whether this build can sign in with Calendly (it has a client id). The options page hides the button otherwise. */
    available(): boolean {
      return clientId !== '';
    },

    /**
     * Runs the consent flow and stores the token pair. Concurrent calls share one flow. Throws CalendlyError:
     * 'not_connected' when the user closes or declines, 'invalid_request' for a state mismatch or an
     * unusable client id, 'unauthenticated' when Calendly refuses the code, and network kinds.
     */
    signIn(): Promise<SignInResult> {
      if (!signingIn) {
        signingIn = runSignIn().finally(() => {
          signingIn = null;
        });
      }
      return signingIn;
    },

    /** Forgets the tokens at once, then revokes them at Calendly; `revoked` is false when that failed (e.g. offline). */
    async signOut(): Promise<{ revoked: boolean }> {
      const previous = await deps.tokenStore.get();
      await source.replace(null);
      return { revoked: await revokeQuietly(previous) };
    },

    /** A usable access token (refreshed when needed), or null when not signed in with Calendly. */
    /** A renewed access token after Calendly refused `rejected` with a 401 (see the token source). */
    renewToken(rejected: string): Promise<string | null> {
      return source.renew(rejected);
    },

    getToken(): Promise<string | null> {
      if (!clientId) return Promise.resolve(null);
      return source.getToken();
    },

    /** Whether a token pair is stored. No request; a stored pair may still turn out to be revoked. */
    async isSignedIn(): Promise<boolean> {
      return clientId !== '' && (await deps.tokenStore.get()) !== null;
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;

/** Re-exported for the background's wiring and the storage item's type. */
export type { OAuthTokens, TokenStore } from '../calendly/oauth';
