import { describe, expect, it } from 'vitest';
import { toErrorInfo, type ErrorInfo } from './errors';
import {
  buildAuthorizeUrl,
  createOAuthTokenSource,
  exchangeCode,
  OAUTH_MESSAGES,
  parseRedirect,
  refresh,
  revoke,
  type OAuthTokens,
  type TokenStore,
} from './oauth';
import { failure, fakeClock, json } from './testing';

const CLIENT = 'client-123';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const HOUR = 3_600_000;

interface Post {
  url: URL;
  headers: Headers;
  fields: Record<string, string>;
}

/** A fetch that records form-encoded POSTs and answers with `route`. */
function formFetch(route: (post: Post, index: number) => Response | Promise<Response>) {
  const posts: Post[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const post = { url, headers: new Headers(init?.headers), fields: Object.fromEntries(new URLSearchParams(String(init?.body ?? ''))) };
    posts.push(post);
    return route(post, posts.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, posts };
}

/** A Calendly-like token endpoint with single-use, rotating refresh tokens. */
function fakeAuthServer(clock: { now: () => number }) {
  let n = 0;
  const live = new Set<string>(['rt-0']);
  const answer = () => {
    n++;
    live.add(`rt-${n}`);
    return json({
      token_type: 'Bearer',
      access_token: `at-${n}`,
      refresh_token: `rt-${n}`,
      expires_in: 7200,
      created_at: Math.floor(clock.now() / 1000),
      owner: 'https://api.calendly.com/users/u1',
      scope: 'default',
      organization: 'https://api.calendly.com/organizations/o1',
    });
  };
  const f = formFetch(async (post) => {
    await Promise.resolve();
    if (post.url.pathname === '/oauth/revoke') {
      live.delete(post.fields.token ?? '');
      return json({});
    }
    if (post.fields.grant_type === 'refresh_token') {
      const rt = post.fields.refresh_token ?? '';
      if (!live.has(rt)) return json({ error: 'invalid_grant', error_description: 'The refresh token is invalid or was already used' }, 400);
      live.delete(rt);
      return answer();
    }
    return answer();
  });
  return { ...f, live, refreshes: () => f.posts.filter((p) => p.fields.grant_type === 'refresh_token') };
}

function memoryStore(initial: OAuthTokens | null, log: string[] = []) {
  let value = initial;
  const store: TokenStore & { value(): OAuthTokens | null } = {
    async get() {
      return value ? { ...value } : null;
    },
    async set(t) {
      log.push(t ? `set ${t.refreshToken}` : 'set null');
      value = t ? { ...t } : null;
    },
    value: () => value,
  };
  return store;
}

const tokens = (over: Partial<OAuthTokens> = {}): OAuthTokens => ({
  accessToken: 'at-0',
  refreshToken: 'rt-0',
  expiresAt: Date.parse('2026-11-20T12:00:00Z') + 2 * HOUR,
  obtainedAt: Date.parse('2026-11-20T12:00:00Z'),
  tokenType: 'Bearer',
  owner: null,
  scope: null,
  ...over,
});

describe('buildAuthorizeUrl', () => {
  it('asks for a code with PKCE S256 and the state', () => {
    const url = new URL(buildAuthorizeUrl({ clientId: CLIENT, redirectUri: REDIRECT, challenge: 'chal', state: 'st8' }));
    expect(url.origin + url.pathname).toBe('https://auth.calendly.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT,
      response_type: 'code',
      redirect_uri: REDIRECT,
      code_challenge: 'chal',
      code_challenge_method: 'S256',
      state: 'st8',
    });
  });

  it('adds scopes only when given', () => {
    const url = new URL(
      buildAuthorizeUrl({ clientId: CLIENT, redirectUri: REDIRECT, challenge: 'c', state: 's', scopes: ['users:read', 'event_types:read'] }),
    );
    expect(url.searchParams.get('scope')).toBe('users:read event_types:read');
  });
});

describe('parseRedirect', () => {
  const expected = { redirectUri: REDIRECT, state: 'st8' };

  it('returns the code', () => {
    expect(parseRedirect(`${REDIRECT}?code=abc&state=st8`, expected)).toBe('abc');
  });

  it('rejects a state mismatch or a missing state, even with a code', async () => {
    for (const url of [`${REDIRECT}?code=abc&state=other`, `${REDIRECT}?code=abc`]) {
      const info = await failure(Promise.resolve().then(() => parseRedirect(url, expected)));
      expect(info).toMatchObject({ kind: 'invalid_request', message: OAUTH_MESSAGES.stateMismatch, details: ['state mismatch'] });
    }
  });

  it('rejects a redirect to another address', async () => {
    const info = await failure(Promise.resolve().then(() => parseRedirect('https://evil.example/?code=abc&state=st8', expected)));
    expect(info.kind).toBe('invalid_request');
  });

  it('turns access_denied into a clear not-connected error', async () => {
    const info = await failure(
      Promise.resolve().then(() => parseRedirect(`${REDIRECT}?error=access_denied&error_description=nope&state=st8`, expected)),
    );
    expect(info).toMatchObject({ kind: 'not_connected', message: OAUTH_MESSAGES.denied });
  });

  it('reports a redirect without a code as malformed', async () => {
    const info = await failure(Promise.resolve().then(() => parseRedirect(`${REDIRECT}?state=st8`, expected)));
    expect(info.kind).toBe('malformed');
  });
});

describe('exchangeCode / refresh / revoke', () => {
  it('exchanges the code with a form-encoded POST and stores the expiry on the local clock', async () => {
    const clock = fakeClock();
    const server = fakeAuthServer(clock);
    const t = await exchangeCode({ clientId: CLIENT, code: 'the-code', verifier: 'the-verifier', redirectUri: REDIRECT }, { fetch: server.fetch, now: clock.now });
    expect(server.posts).toHaveLength(1);
    const post = server.posts[0]!;
    expect(post.url.href).toBe('https://auth.calendly.com/oauth/token');
    expect(post.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(post.fields).toEqual({
      grant_type: 'authorization_code',
      client_id: CLIENT,
      code: 'the-code',
      redirect_uri: REDIRECT,
      code_verifier: 'the-verifier',
    });
    expect(t).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: clock.now() + 2 * HOUR,
      obtainedAt: clock.now(),
      tokenType: 'Bearer',
      owner: 'https://api.calendly.com/users/u1',
      scope: 'default',
    });
  });

  it('a rejected code is unauthenticated with a sign-in-again sentence', async () => {
    const f = formFetch(() => json({ error: 'invalid_grant', error_description: 'The authorization code is invalid or expired' }, 400));
    const info = await failure(exchangeCode({ clientId: CLIENT, code: 'c0de', verifier: 'v', redirectUri: REDIRECT }, { fetch: f.fetch }));
    expect(info).toMatchObject({ kind: 'unauthenticated', status: 400, message: OAUTH_MESSAGES.codeRejected });
  });

  it('refreshes with the refresh token; a reused one is invalid_grant → "sign-in has expired"', async () => {
    const clock = fakeClock();
    const server = fakeAuthServer(clock);
    const t = await refresh({ clientId: CLIENT, refreshToken: 'rt-0' }, { fetch: server.fetch, now: clock.now });
    expect(server.posts[0]!.fields).toEqual({ grant_type: 'refresh_token', client_id: CLIENT, refresh_token: 'rt-0' });
    expect(t.refreshToken).toBe('rt-1');
    const info = await failure(refresh({ clientId: CLIENT, refreshToken: 'rt-0' }, { fetch: server.fetch, now: clock.now }));
    expect(info).toEqual({
      kind: 'unauthenticated',
      status: 400,
      message: 'Your Calendly sign-in has expired. Sign in again in Open Slots options.',
      details: ['invalid_grant', 'The refresh token is invalid or was already used'],
    });
  });

  it('maps other failures to error kinds, never echoing the secrets sent', async () => {
    const cases: [() => Response | Promise<Response>, Partial<ErrorInfo>][] = [
      [() => json({ error: 'invalid_client', error_description: 'Unknown client_id' }, 401), { kind: 'invalid_request', message: OAUTH_MESSAGES.badClient }],
      [() => json({ title: 'Internal Server Error', message: 'boom' }, 500), { kind: 'server' }],
      [() => json({}, 429, { 'X-RateLimit-Reset': '12' }), { kind: 'rate_limited', retryAfterSeconds: 12 }],
      [() => new Response('<html>', { status: 200 }), { kind: 'malformed' }],
      [() => json({ access_token: 'at', refresh_token: 'rt-secret-x', token_type: 'Bearer' }), { kind: 'malformed', details: ['expires_in: invalid'] }],
      [() => json({ error: 'invalid_request', error_description: 'bad refresh_token rt-secret-1' }, 400), { kind: 'invalid_request' }],
      [() => Promise.reject(new TypeError('Failed to fetch')), { kind: 'network' }],
    ];
    for (const [route, expected] of cases) {
      const f = formFetch(route);
      const info = await failure(refresh({ clientId: CLIENT, refreshToken: 'rt-secret-1' }, { fetch: f.fetch }));
      expect(info).toMatchObject(expected);
      expect(JSON.stringify(info)).not.toContain('rt-secret-1');
    }
  });

  it('times out a request that never answers', async () => {
    const hang = formFetch(() => new Promise<Response>(() => undefined));
    // The adapter ignores the signal, like a stuck fetch; the abort must still win.
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        void hang.fetch(input, init).then(resolve);
      })) as typeof globalThis.fetch;
    const info = await failure(refresh({ clientId: CLIENT, refreshToken: 'r' }, { fetch, timeoutMs: 10 }));
    expect(info.kind).toBe('timeout');
  });

  it('revokes with client_id and token', async () => {
    const f = formFetch(() => json({}));
    await revoke({ clientId: CLIENT, token: 'rt-9' }, { fetch: f.fetch });
    expect(f.posts[0]!.url.href).toBe('https://auth.calendly.com/oauth/revoke');
    expect(f.posts[0]!.fields).toEqual({ client_id: CLIENT, token: 'rt-9' });
  });
});

describe('createOAuthTokenSource', () => {
  function setup(initial: OAuthTokens | null, extra: { lock?: <T>(fn: () => Promise<T>) => Promise<T> } = {}) {
    const clock = fakeClock();
    const server = fakeAuthServer(clock);
    const log: string[] = [];
    const store = memoryStore(initial, log);
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch: server.fetch, now: clock.now, ...extra });
    return { clock, server, store, log, source };
  }

  it('returns null when not signed in, without a request', async () => {
    const { source, server } = setup(null);
    expect(await source.getToken()).toBeNull();
    expect(server.posts).toHaveLength(0);
  });

  it('returns the stored token while more than 5 minutes are left', async () => {
    const { source, server, clock } = setup(tokens());
    expect(await source.getToken()).toBe('at-0');
    clock.advance(2 * HOUR - 5 * 60_000 - 1000); // 5 min 1 s left
    expect(await source.getToken()).toBe('at-0');
    expect(server.posts).toHaveLength(0);
  });

  it('refreshes before expiry (5 minutes left) and rotates the refresh token', async () => {
    const { source, server, clock, store } = setup(tokens());
    clock.advance(2 * HOUR - 5 * 60_000);
    expect(await source.getToken()).toBe('at-1');
    expect(server.refreshes()[0]!.fields.refresh_token).toBe('rt-0');
    expect(store.value()).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: clock.now() + 2 * HOUR });
    clock.advance(2 * HOUR);
    expect(await source.getToken()).toBe('at-2');
    expect(server.refreshes().map((p) => p.fields.refresh_token)).toEqual(['rt-0', 'rt-1']);
  });

  it('a token that lives less than 10 minutes is refreshed at half-life, not on every call', async () => {
    const clock = fakeClock();
    const server = fakeAuthServer(clock);
    const store = memoryStore(tokens({ obtainedAt: clock.now(), expiresAt: clock.now() + 60_000 }));
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch: server.fetch, now: clock.now });
    clock.advance(29_000);
    expect(await source.getToken()).toBe('at-0');
    clock.advance(1_000);
    expect(await source.getToken()).toBe('at-1');
    expect(server.posts).toHaveLength(1);
  });

  it('10 concurrent callers with an expired token share exactly one refresh', async () => {
    const { source, server, clock, store } = setup(tokens());
    clock.advance(3 * HOUR);
    const got = await Promise.all(Array.from({ length: 10 }, () => source.getToken()));
    expect(got).toEqual(Array(10).fill('at-1'));
    expect(server.refreshes()).toHaveLength(1);
    expect(store.value()?.refreshToken).toBe('rt-1');
    // and later callers find the new token without another request
    expect(await source.getToken()).toBe('at-1');
    expect(server.posts).toHaveLength(1);
  });

  it('renew: a token Calendly refused (401) while our clock says it is valid is refreshed, once for all callers', async () => {
    const { source, server, store } = setup(tokens());
    const got = await Promise.all(Array.from({ length: 5 }, () => source.renew('at-0')));
    expect(got).toEqual(Array(5).fill('at-1'));
    expect(server.refreshes()).toHaveLength(1);
    expect(store.value()?.refreshToken).toBe('rt-1');
    // A caller still holding the old token gets the newer one without another refresh.
    expect(await source.renew('at-0')).toBe('at-1');
    expect(server.refreshes()).toHaveLength(1);
  });

  it('renew when not signed in returns null without a request', async () => {
    const { source, server } = setup(null);
    expect(await source.renew('at-0')).toBeNull();
    expect(server.posts).toHaveLength(0);
  });

  it('stores the new pair before any caller gets the new access token', async () => {
    const { source, clock, log } = setup(tokens());
    clock.advance(3 * HOUR);
    const token = await source.getToken().then((t) => {
      log.push(`returned ${t}`);
      return t;
    });
    expect(token).toBe('at-1');
    expect(log).toEqual(['set rt-1', 'returned at-1']);
  });

  it('re-reads the store before refreshing: a pair refreshed elsewhere is used as is', async () => {
    const clock = fakeClock();
    const server = fakeAuthServer(clock);
    let reads = 0;
    const stale = tokens({ expiresAt: clock.now() - 1 });
    const other = tokens({ accessToken: 'at-other', refreshToken: 'rt-other', expiresAt: clock.now() + 2 * HOUR });
    const store: TokenStore = {
      get: async () => (reads++ === 0 ? stale : other), // another context refreshed after our first read
      set: async () => undefined,
    };
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch: server.fetch, now: clock.now });
    expect(await source.getToken()).toBe('at-other');
    expect(server.posts).toHaveLength(0);
  });

  it('a reused refresh token (400 invalid_grant) clears the tokens and fails unauthenticated', async () => {
    const { source, server, clock, store } = setup(tokens({ refreshToken: 'rt-used' }));
    clock.advance(3 * HOUR);
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => source.getToken()));
    expect(server.refreshes()).toHaveLength(1);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const info = toErrorInfo((r as PromiseRejectedResult).reason);
      expect(info.kind).toBe('unauthenticated');
      expect(info.message).toBe('Your Calendly sign-in has expired. Sign in again in Open Slots options.');
    }
    expect(store.value()).toBeNull();
    expect(await source.getToken()).toBeNull();
  });

  it('when the refresh is refused because another context rotated the pair, uses the new pair', async () => {
    const clock = fakeClock();
    const server = fakeAuthServer(clock);
    let value: OAuthTokens = tokens({ expiresAt: clock.now() - 1 });
    const f = formFetch(async (post) => {
      // the other context won the race: it rotated rt-0 and stored its pair just before we were refused
      value = tokens({ accessToken: 'at-theirs', refreshToken: 'rt-theirs', expiresAt: clock.now() + 2 * HOUR });
      return server.fetch(post.url, { method: 'POST', body: new URLSearchParams({ ...post.fields, refresh_token: 'rt-gone' }) });
    });
    const store: TokenStore = { get: async () => value, set: async (t) => void (value = t!) };
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch: f.fetch, now: clock.now });
    expect(await source.getToken()).toBe('at-theirs');
    expect(value.refreshToken).toBe('rt-theirs');
  });

  it('a transient failure inside the margin keeps using the still-valid token', async () => {
    const clock = fakeClock();
    const f = formFetch(() => Promise.reject(new TypeError('offline')));
    const store = memoryStore(tokens());
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch: f.fetch, now: clock.now });
    clock.advance(2 * HOUR - 60_000); // 1 minute left
    expect(await source.getToken()).toBe('at-0');
    clock.advance(2 * 60_000); // expired
    expect((await failure(source.getToken())).kind).toBe('network');
    expect(store.value()?.refreshToken).toBe('rt-0'); // kept for the next try
  });

  it('a sign-out during a refresh wins: the stray pair is revoked, not stored', async () => {
    const clock = fakeClock();
    const server = fakeAuthServer(clock);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/oauth/token')) await gate;
      return server.fetch(input, init);
    }) as typeof globalThis.fetch;
    const store = memoryStore(tokens({ expiresAt: clock.now() - 1 }));
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch, now: clock.now });
    const pending = source.getToken();
    await new Promise((r) => setTimeout(r, 0));
    await source.replace(null);
    release();
    expect(await pending).toBeNull();
    expect(store.value()).toBeNull();
    const revoked = server.posts.filter((p) => p.url.pathname === '/oauth/revoke').map((p) => p.fields.token);
    expect(revoked).toEqual(['rt-1']);
    expect(server.live.has('rt-1')).toBe(false);
  });

  it('runs the refresh inside the given lock', async () => {
    const events: string[] = [];
    const { source, clock } = setup(tokens(), {
      lock: async (fn) => {
        events.push('lock');
        try {
          return await fn();
        } finally {
          events.push('unlock');
        }
      },
    });
    clock.advance(3 * HOUR);
    await Promise.all([source.getToken(), source.getToken()]);
    expect(events).toEqual(['lock', 'unlock']);
  });
});
