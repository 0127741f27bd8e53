// @vitest-environment node
/**
 * The OAuth functions and createAuth against the real fake Calendly (e2e/support) over HTTPS: a fetch adapter
 * sends `https://auth.calendly.com/...` and `https://api.calendly.com/...` to the local stand-in with the right
 * Host header and SNI, verifying the test certificate for that host.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeCalendly, type FakeCalendly } from '../../e2e/support/fake-calendly';
import { startStandIns, type StandIns } from '../../e2e/support/server';
import { standInFetch } from '../../e2e/support/stand-in-fetch';
import { createAuth } from '../background/auth';
import { createCalendlyApi } from './api';
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
import { createPkce, randomState } from './pkce';
import { failure } from './testing';

const CLIENT = 'open-slots-test-client';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const HOUR = 3_600_000;

let fake: FakeCalendly;
let standIns: StandIns;

let fetch: typeof globalThis.fetch;
const now = () => fake.now().getTime();

/** What the browser does on the consent page: GET the authorize URL and read the 302's Location. */
async function consent(authorizeUrl: string): Promise<string> {
  const res = await fetch(authorizeUrl);
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

async function signInByHand(): Promise<OAuthTokens> {
  const { verifier, challenge } = await createPkce();
  const state = randomState();
  const location = await consent(buildAuthorizeUrl({ clientId: CLIENT, redirectUri: REDIRECT, challenge, state }));
  const code = parseRedirect(location, { redirectUri: REDIRECT, state });
  return exchangeCode({ clientId: CLIENT, code, verifier, redirectUri: REDIRECT }, { fetch, now });
}

async function me(token: string): Promise<number> {
  return (await fetch('https://api.calendly.com/users/me', { headers: { authorization: `Bearer ${token}` } })).status;
}

function memoryStore(initial: OAuthTokens | null = null): TokenStore & { value(): OAuthTokens | null } {
  let value = initial;
  return {
    get: async () => value,
    set: async (t) => {
      value = t;
    },
    value: () => value,
  };
}

const tokenPosts = () => fake.requests.filter((r) => r.host === 'auth.calendly.com' && r.path === '/oauth/token');

beforeAll(async () => {
  fake = createFakeCalendly({ now: '2026-11-25T14:00:00Z' });
  fake.oauth.clientId = CLIENT;
  standIns = await startStandIns({ fakeCalendly: fake });
  fetch = standInFetch(standIns.port);
});
afterAll(() => standIns.close());
beforeEach(() => {
  fake.resetLog();
  fake.oauth.deny = false;
});

describe('OAuth against the fake Calendly over HTTPS', () => {
  it('authorize → code → exchange gives a token the API accepts', async () => {
    const t = await signInByHand();
    expect(t.accessToken).toMatch(/^oat_/);
    expect(t.refreshToken).toMatch(/^ort_/);
    expect(t.expiresAt).toBe(now() + 2 * HOUR);
    expect(t.owner).toBe(fake.defaultUser.uri);
    expect(await me(t.accessToken)).toBe(200);
    const [post] = tokenPosts();
    expect(post).toMatchObject({ method: 'POST', status: 200 });
  });

  it('refreshes twice (rotation); reusing an old refresh token is invalid_grant → unauthenticated', async () => {
    const first = await signInByHand();
    const second = await refresh({ clientId: CLIENT, refreshToken: first.refreshToken }, { fetch, now });
    const third = await refresh({ clientId: CLIENT, refreshToken: second.refreshToken }, { fetch, now });
    expect(new Set([first.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3);
    expect(await me(third.accessToken)).toBe(200);
    for (const old of [first.refreshToken, second.refreshToken]) {
      const info = await failure(refresh({ clientId: CLIENT, refreshToken: old }, { fetch, now }));
      expect(info).toMatchObject({ kind: 'unauthenticated', status: 400, message: OAUTH_MESSAGES.expired });
      expect(info.details?.[0]).toBe('invalid_grant');
    }
  });

  it('a wrong PKCE verifier, a reused code and a wrong client id are refused', async () => {
    const { challenge } = await createPkce();
    const state = randomState();
    const code = parseRedirect(await consent(buildAuthorizeUrl({ clientId: CLIENT, redirectUri: REDIRECT, challenge, state })), {
      redirectUri: REDIRECT,
      state,
    });
    const wrong = await failure(exchangeCode({ clientId: CLIENT, code, verifier: 'not-the-verifier', redirectUri: REDIRECT }, { fetch, now }));
    expect(wrong).toMatchObject({ kind: 'unauthenticated', message: OAUTH_MESSAGES.codeRejected });
    const again = await failure(exchangeCode({ clientId: CLIENT, code, verifier: 'x', redirectUri: REDIRECT }, { fetch, now }));
    expect(again.kind).toBe('unauthenticated');
    const t = await signInByHand();
    const badClient = await failure(refresh({ clientId: 'someone-else', refreshToken: t.refreshToken }, { fetch, now }));
    expect(badClient).toMatchObject({ kind: 'invalid_request', message: OAUTH_MESSAGES.badClient });
  });

  it('"Deny" comes back as access_denied with our state', async () => {
    fake.oauth.deny = true;
    const state = randomState();
    const location = await consent(buildAuthorizeUrl({ clientId: CLIENT, redirectUri: REDIRECT, challenge: 'c'.repeat(43), state }));
    expect(() => parseRedirect(location, { redirectUri: REDIRECT, state })).toThrow(OAUTH_MESSAGES.denied);
  });

  it('the token source refreshes an expired token once for 10 callers, and the API client uses it', async () => {
    const store = memoryStore(await signInByHand());
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch, now });
    const api = createCalendlyApi({ getToken: () => source.getToken(), fetch, now });
    expect((await api.getCurrentUser()).uri).toBe(fake.defaultUser.uri);

    fake.advance(2 * HOUR + 1000);
    fake.resetLog();
    const got = await Promise.all(Array.from({ length: 10 }, () => source.getToken()));
    expect(new Set(got).size).toBe(1);
    expect(tokenPosts()).toHaveLength(1);
    expect(store.value()?.accessToken).toBe(got[0]);
    expect((await api.getCurrentUser()).uri).toBe(fake.defaultUser.uri);

    // Two hours later the API client's own request triggers the next refresh.
    fake.advance(2 * HOUR);
    expect((await api.getCurrentUser()).uri).toBe(fake.defaultUser.uri);
    expect(tokenPosts()).toHaveLength(2);
    expect(tokenPosts().every((r) => r.status === 200)).toBe(true);
  });

  it('revoking the refresh token makes the next refresh fail and clears the store', async () => {
    const t = await signInByHand();
    await revoke({ clientId: CLIENT, token: t.refreshToken }, { fetch, now });
    await revoke({ clientId: CLIENT, token: t.accessToken }, { fetch, now });
    expect(await me(t.accessToken)).toBe(401);
    const store = memoryStore({ ...t, expiresAt: now() - 1 });
    const source = createOAuthTokenSource({ clientId: CLIENT, store, fetch, now });
    expect((await failure(source.getToken())).message).toBe(OAUTH_MESSAGES.expired);
    expect(store.value()).toBeNull();
  });

  it('createAuth end to end: sign in through the consent page, use, refresh, sign out', async () => {
    const store = memoryStore();
    const auth = createAuth({ clientId: CLIENT, launchWebAuthFlow: consent, redirectUri: REDIRECT, tokenStore: store, fetch, now });
    expect(await auth.signIn()).toEqual({ owner: fake.defaultUser.uri });
    const token = (await auth.getToken())!;
    expect(await me(token)).toBe(200);

    fake.advance(2 * HOUR - 4 * 60_000); // inside the 5-minute margin
    const renewed = (await auth.getToken())!;
    expect(renewed).not.toBe(token);
    expect(await me(renewed)).toBe(200);

    expect(await auth.signOut()).toEqual({ revoked: true });
    expect(store.value()).toBeNull();
    expect(await me(renewed)).toBe(401);
  });
});
