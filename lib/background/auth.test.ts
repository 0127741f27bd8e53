import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { OAUTH_MESSAGES, type OAuthTokens } from '../calendly/oauth';
import { failure, fakeClock, json } from '../calendly/testing';
import { createAuth, type AuthDeps } from './auth';

const CLIENT = 'client-123';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const HOUR = 3_600_000;
const OWNER = 'https://api.calendly.com/users/u1';

interface Post {
  path: string;
  fields: Record<string, string>;
}

/** Calendly's authorization server in miniature: codes bound to a PKCE challenge, rotating refresh tokens. */
function fakeCalendlyAuth(clock: { now: () => number }) {
  const posts: Post[] = [];
  const authorizeUrls: URL[] = [];
  const codes = new Map<string, string>(); // code -> challenge
  const liveRefresh = new Set<string>();
  const revoked: string[] = [];
  let n = 0;
  let offline = false;

  const issue = () => {
    n++;
    liveRefresh.add(`rt-${n}`);
    return json({ token_type: 'Bearer', access_token: `at-${n}`, refresh_token: `rt-${n}`, expires_in: 7200, created_at: Math.floor(clock.now() / 1000), owner: OWNER });
  };

  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (offline) throw new TypeError('Failed to fetch');
    const url = new URL(String(input));
    const fields = Object.fromEntries(new URLSearchParams(String(init?.body ?? '')));
    posts.push({ path: url.pathname, fields });
    if (url.pathname === '/oauth/revoke') {
      revoked.push(fields.token ?? '');
      liveRefresh.delete(fields.token ?? '');
      return json({});
    }
    if (fields.grant_type === 'authorization_code') {
      const challenge = codes.get(fields.code ?? '');
      codes.delete(fields.code ?? '');
      const ok = challenge !== undefined && createHash('sha256').update(fields.code_verifier ?? '').digest('base64url') === challenge;
      return ok ? issue() : json({ error: 'invalid_grant', error_description: 'bad code' }, 400);
    }
    if (fields.grant_type === 'refresh_token') {
      if (!liveRefresh.delete(fields.refresh_token ?? '')) return json({ error: 'invalid_grant', error_description: 'used' }, 400);
      return issue();
    }
    return json({ error: 'unsupported_grant_type' }, 400);
  }) as typeof globalThis.fetch;

  /** The consent page: the user approves and is redirected with a code (or whatever `answer` says). */
  const approve = vi.fn(async (authorizeUrl: string): Promise<string | undefined> => {
    const u = new URL(authorizeUrl);
    authorizeUrls.push(u);
    const code = `code-${authorizeUrls.length}`;
    codes.set(code, u.searchParams.get('code_challenge') ?? '');
    const back = new URL(u.searchParams.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', u.searchParams.get('state') ?? '');
    return back.toString();
  });

  return {
    fetch,
    approve,
    posts,
    authorizeUrls,
    revoked,
    setOffline: (v: boolean) => (offline = v),
    tokenPosts: () => posts.filter((p) => p.path === '/oauth/token'),
  };
}

function memoryStore(initial: OAuthTokens | null = null) {
  let value = initial;
  return {
    get: vi.fn(async () => value),
    set: vi.fn(async (t: OAuthTokens | null) => {
      value = t;
    }),
    value: () => value,
  };
}

function setup(over: Partial<AuthDeps> = {}, initial: OAuthTokens | null = null) {
  const clock = fakeClock();
  const cal = fakeCalendlyAuth(clock);
  const store = memoryStore(initial);
  const auth = createAuth({
    clientId: CLIENT,
    launchWebAuthFlow: cal.approve,
    redirectUri: REDIRECT,
    tokenStore: store,
    fetch: cal.fetch,
    now: clock.now,
    ...over,
  });
  return { auth, cal, store, clock };
}

describe('createAuth: availability', () => {
  it.each([undefined, '', '  '])('is unavailable without a client id (%j)', async (clientId) => {
    const { auth, cal, store } = setup({ clientId });
    expect(auth.available()).toBe(false);
    const info = await failure(auth.signIn());
    expect(info).toMatchObject({ kind: 'invalid_request', message: OAUTH_MESSAGES.unavailable });
    expect(cal.approve).not.toHaveBeenCalled();
    expect(await auth.getToken()).toBeNull();
    expect(await auth.isSignedIn()).toBe(false);
    expect(store.set).not.toHaveBeenCalled();
  });

  it('is available with a client id', () => {
    expect(setup().auth.available()).toBe(true);
  });
});

describe('createAuth: signIn', () => {
  it('runs PKCE + state through the consent page, exchanges the code and stores the pair', async () => {
    const { auth, cal, store, clock } = setup();
    expect(await auth.signIn()).toEqual({ owner: OWNER });

    const authorize = cal.authorizeUrls[0]!;
    expect(authorize.origin + authorize.pathname).toBe('https://auth.calendly.com/oauth/authorize');
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(authorize.searchParams.has('scope')).toBe(false);

    const [exchange] = cal.tokenPosts();
    expect(exchange!.fields).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT, code: 'code-1', redirect_uri: REDIRECT });
    expect(createHash('sha256').update(exchange!.fields.code_verifier!).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'));

    expect(store.value()).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: clock.now() + 2 * HOUR,
      obtainedAt: clock.now(),
      tokenType: 'Bearer',
      owner: OWNER,
      scope: null,
    });
    expect(await auth.getToken()).toBe('at-1');
    expect(await auth.isSignedIn()).toBe(true);
  });

  it('sends the scopes when configured', async () => {
    const { auth, cal } = setup({ scopes: ['users:read', 'event_types:read'] });
    await auth.signIn();
    expect(cal.authorizeUrls[0]!.searchParams.get('scope')).toBe('users:read event_types:read');
  });

  it('rejects a redirect whose state does not match, without exchanging the code', async () => {
    const { auth, cal, store } = setup();
    cal.approve.mockImplementationOnce(async () => `${REDIRECT}?code=stolen&state=forged`);
    const info = await failure(auth.signIn());
    expect(info).toMatchObject({ kind: 'invalid_request', message: OAUTH_MESSAGES.stateMismatch });
    expect(cal.tokenPosts()).toHaveLength(0);
    expect(store.value()).toBeNull();
  });

  it('a closed consent window is a clear "cancelled" error', async () => {
    const { auth, cal, store } = setup();
    cal.approve.mockRejectedValueOnce(new Error('The user did not approve access.'));
    const info = await failure(auth.signIn());
    expect(info).toMatchObject({ kind: 'not_connected', message: OAUTH_MESSAGES.cancelled });
    cal.approve.mockResolvedValueOnce(undefined);
    expect((await failure(auth.signIn())).message).toBe(OAUTH_MESSAGES.cancelled);
    expect(store.set).not.toHaveBeenCalled();
  });

  it('a page that cannot load is a network error', async () => {
    const { auth, cal } = setup();
    cal.approve.mockRejectedValueOnce(new Error('Authorization page could not be loaded.'));
    const info = await failure(auth.signIn());
    expect(info.kind).toBe('network');
    expect(info.details).toEqual(['Authorization page could not be loaded.']);
  });

  it('"Deny" on the consent page is a clear not-connected error', async () => {
    const { auth, cal } = setup();
    cal.approve.mockImplementationOnce(async (url) => {
      const state = new URL(url).searchParams.get('state')!;
      return `${REDIRECT}?error=access_denied&error_description=The+user+denied+the+request&state=${state}`;
    });
    expect(await failure(auth.signIn())).toMatchObject({ kind: 'not_connected', message: OAUTH_MESSAGES.denied });
  });

  it('a code Calendly refuses is unauthenticated and stores nothing', async () => {
    const { auth, cal, store } = setup();
    cal.approve.mockImplementationOnce(async (url) => `${REDIRECT}?code=unknown&state=${new URL(url).searchParams.get('state')}`);
    expect(await failure(auth.signIn())).toMatchObject({ kind: 'unauthenticated', message: OAUTH_MESSAGES.codeRejected });
    expect(store.value()).toBeNull();
  });

  it('concurrent sign-ins share one consent window', async () => {
    const { auth, cal } = setup();
    const [a, b] = await Promise.all([auth.signIn(), auth.signIn()]);
    expect(a).toEqual(b);
    expect(cal.approve).toHaveBeenCalledTimes(1);
  });

  it('signing in again replaces the pair and revokes the previous one', async () => {
    const { auth, cal, store } = setup();
    await auth.signIn();
    await auth.signIn();
    await vi.waitFor(() => expect(cal.revoked).toEqual(['rt-1', 'at-1']));
    expect(store.value()?.refreshToken).toBe('rt-2');
  });
});

describe('createAuth: tokens and signOut', () => {
  it('getToken refreshes a token about to expire, once for many callers', async () => {
    const { auth, cal, clock } = setup();
    await auth.signIn();
    clock.advance(2 * HOUR - 60_000);
    const got = await Promise.all(Array.from({ length: 10 }, () => auth.getToken()));
    expect(new Set(got)).toEqual(new Set(['at-2']));
    expect(cal.tokenPosts().filter((p) => p.fields.grant_type === 'refresh_token')).toHaveLength(1);
  });

  it('signOut clears the tokens and revokes both at Calendly', async () => {
    const { auth, cal, store } = setup();
    await auth.signIn();
    expect(await auth.signOut()).toEqual({ revoked: true });
    expect(store.value()).toBeNull();
    expect(cal.posts.filter((p) => p.path === '/oauth/revoke').map((p) => p.fields)).toEqual([
      { client_id: CLIENT, token: 'rt-1' },
      { client_id: CLIENT, token: 'at-1' },
    ]);
    expect(await auth.getToken()).toBeNull();
    expect(await auth.isSignedIn()).toBe(false);
  });

  it('signOut offline still forgets the tokens', async () => {
    const { auth, cal, store } = setup();
    await auth.signIn();
    cal.setOffline(true);
    expect(await auth.signOut()).toEqual({ revoked: false });
    expect(store.value()).toBeNull();
  });

  it('signOut when not signed in sends nothing', async () => {
    const { auth, cal } = setup();
    expect(await auth.signOut()).toEqual({ revoked: false });
    expect(cal.posts).toHaveLength(0);
  });

  it('a revoked grant (reused refresh token) clears the pair with the "sign-in has expired" sentence', async () => {
    const expired: OAuthTokens = {
      accessToken: 'at-old',
      refreshToken: 'rt-old',
      expiresAt: Date.parse('2026-11-20T11:00:00Z'),
      obtainedAt: Date.parse('2026-11-20T09:00:00Z'),
      tokenType: 'Bearer',
      owner: OWNER,
      scope: null,
    };
    const { auth, store } = setup({}, expired);
    const info = await failure(auth.getToken());
    expect(info).toMatchObject({ kind: 'unauthenticated', message: 'Your Calendly sign-in has expired. Sign in again in Open Slots options.' });
    expect(store.value()).toBeNull();
  });
});
