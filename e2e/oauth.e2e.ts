/**
 * "Sign in with Calendly" end to end, in a build made with WXT_CALENDLY_CLIENT_ID (built here, into a temp
 * directory: the default `.output/chrome-mv3` is never touched). The real chrome.identity.launchWebAuthFlow
 * runs in headless Chromium against the fake auth.calendly.com (which redirects straight back to
 * https://<id>.chromiumapp.org/ with code and state); then inserts with the OAuth access token, a refresh
 * the extension decides on by its own clock (the fake issues short-lived tokens), rotation, and sign-out
 * with revocation. Last, the ordinary build offers none of it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLinks, calendlyGet, compose, EVENT_30, EVENT_INTRO, futureSlots, openCompose, startApp, type App } from './support/app';
import { stopServiceWorker } from './support/browser';
import { tokenFingerprint } from './support/fake-calendly';
import { authPost, pkceMatches, recordOAuthForms } from './support/oauth-forms';
import { buildVariant, type BuiltVariant } from './support/variant';
import { clearSessionCache } from './support/faults';
import { readSecrets } from './support/secrets';

const CLIENT_ID = 'open-slots-test-client';
/** Lifetime of the first access token: the extension refreshes at half-life (8 s), by its own clock. */
const SHORT_TOKEN_SECONDS = 16;

interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  obtainedAt: number;
  owner: string | null;
}

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<any> }; storage: any };

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/** Sends a message from an extension page in @webext-core/messaging's wire format; resolves to the answer. */
function send(page: Page, type: string, data: unknown = undefined): Promise<any> {
  return page.evaluate(
    async ([t, d]) => (await chrome.runtime.sendMessage({ id: Math.random(), type: t, data: d, timestamp: Date.now() }))?.res,
    [type, data] as const,
  );
}

describe('Sign in with Calendly (OAuth build)', () => {
  let app: App;
  let variant: BuiltVariant;
  let options: Page;
  let gmail: Page;
  let messenger: Page;
  const forms = recordOAuthForms();

  /** The token pair the service worker keeps in the extension's IndexedDB (the single source of truth). */
  const stored = async () => ((await readSecrets(app.browser.serviceWorker)).calendlyOAuth ?? null) as StoredTokens | null;
  const apiRequestsSince = (n: number) => app.fake.requests.slice(n).filter((r) => r.host === 'api.calendly.com');

  /** Closes the open composes (moles pile up off screen), opens one, clicks into it and on the button. */
  async function insertInNewCompose() {
    await gmail.bringToFront(); // a background tab's timers are throttled
    await gmail.evaluate(() => {
      const g = (window as any).__gmail;
      for (const id of g.ids()) g.close(id);
    });
    const id = await openCompose(gmail, 'mole');
    const root = compose(gmail, id);
    const body = root.getByRole('textbox', { name: 'Message Body' });
    await body.locator('div').first().click();
    await root.getByRole('button', { name: 'Insert open slots' }).click();
    await expect.poll(() => body.locator('a[href*="/30min/"]').count()).toBe(5);
    return bodyLinks(body);
  }
  /** Inserts in a new compose (5 slot links) and returns the API requests that made it, and the stored tokens. */
  async function insertWithApiRequests() {
    const before = app.fake.requests.length;
    const links = await insertInNewCompose();
    expect(links.filter((l) => /\/30min\/\d{4}-/.test(l.href))).toHaveLength(5);
    const api = apiRequestsSince(before);
    expect(api.length).toBeGreaterThan(0);
    return { api, tokens: (await stored())! };
  }
  /** Drops the worker's short-lived answer cache (session storage), so the next request asks Calendly. */
  const dropCache = () => clearSessionCache(app.browser.serviceWorker);

  beforeAll(async () => {
    variant = await buildVariant({ WXT_CALENDLY_CLIENT_ID: CLIENT_ID }, 'oauth');
    app = await startApp({ launch: { extensionDir: variant.dir }, routes: forms.routes });
    forms.attach(app.fake);
    app.fake.oauth.clientId = CLIENT_ID;
    app.fake.oauth.accessTokenSeconds = SHORT_TOKEN_SECONDS;
    app.fake.setAvailability(EVENT_30, futureSlots([26, 27, 28, 50, 51, 75, 99]));
    app.fake.setAvailability(EVENT_INTRO, futureSlots([25, 49, 73]));
    await app.browser.installPage?.close();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    variant?.remove();
  });

  it('the build asks for identity and auth.calendly.com; the options page offers "Sign in with Calendly"', async () => {
    const m = manifest(variant.dir);
    expect(m.permissions).toEqual(['storage', 'identity', 'scripting']);
    expect(m.host_permissions).toEqual(['https://api.calendly.com/*', 'https://auth.calendly.com/*', 'https://mail.google.com/*']);
    options = await app.browser.openExtensionPage('options.html');
    await options.getByRole('button', { name: 'Sign in with Calendly' }).waitFor();
    await options.getByText(/^Sign in with your Calendly account, or connect with a personal access token/).waitFor();
    // The personal-token way stays beside it.
    expect(await options.getByLabel('Personal access token').count()).toBe(1);
  });

  it('signs in through chrome.identity.launchWebAuthFlow: PKCE, state, code exchange, "Connected as Avery Quinn"', async () => {
    app.fake.resetLog();
    await options.getByRole('button', { name: 'Sign in with Calendly' }).click();
    await options.getByText('Connected as Avery Quinn').waitFor();
    expect(await options.getByText('Sign in with Calendly').count()).toBe(1); // "Connected with: Sign in with Calendly"
    expect(await options.getByRole('button', { name: 'Sign in with Calendly' }).count()).toBe(0);

    // The authorize request, as Chromium's auth flow opened it.
    const authorize = app.fake.requests.filter((r) => r.path === '/oauth/authorize');
    expect(authorize).toHaveLength(1);
    const q = authorize[0]!.query;
    expect(authorize[0]!.status).toBe(302);
    expect(q.client_id).toBe(CLIENT_ID);
    expect(q.response_type).toBe('code');
    expect(q.redirect_uri).toBe(`https://${app.browser.extensionId}.chromiumapp.org/`);
    expect(q.code_challenge_method).toBe('S256');
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.state).toBeTruthy();

    // One code exchange, from the service worker, with the PKCE verifier that matches the challenge.
    const exchanges = forms.tokenRequests('authorization_code');
    expect(exchanges).toHaveLength(1);
    const f = exchanges[0]!;
    expect(f.status).toBe(200);
    expect(f.fields.client_id).toBe(CLIENT_ID);
    expect(f.fields.redirect_uri).toBe(q.redirect_uri);
    expect(f.fields.code).toMatch(/^code_/);
    expect(f.fields.code_verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(pkceMatches(f.fields.code_verifier!, q.code_challenge!)).toBe(true);
    expect(app.fake.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    expect(forms.tokenRequests('refresh_token')).toHaveLength(0);

    // The pair is stored for the worker only; /users/me went out with its access token.
    const tokens = (await stored())!;
    expect(tokens.accessToken).toMatch(/^oat_/);
    expect(tokens.refreshToken).toMatch(/^ort_/);
    expect(tokens.owner).toBe(app.fake.defaultUser.uri);
    expect(tokens.expiresAt - tokens.obtainedAt).toBe(SHORT_TOKEN_SECONDS * 1000);
    const me = app.fake.requests.find((r) => r.path === '/users/me')!;
    expect(me.tokenFingerprint).toBe(tokenFingerprint(tokens.accessToken));
    expect(me.status).toBe(200);
    const html = await options.content();
    for (const secret of [tokens.accessToken, tokens.refreshToken, f.fields.code!, f.fields.code_verifier!]) expect(html).not.toContain(secret);
  });

  it('the Gmail button inserts with the OAuth access token (not a personal token)', async () => {
    gmail = await app.gmail();
    // The options page's preview already asked Calendly (with the OAuth token); make the click ask again.
    await dropCache();
    // Normally still the first token (fresh for 8 s); on a slow run the worker may have refreshed already.
    const { api, tokens } = await insertWithApiRequests();
    for (const r of api) {
      expect(r.tokenFingerprint).toBe(tokenFingerprint(tokens.accessToken));
      expect(r.user).toBe(app.fake.defaultUser.uri);
    }
    expect(api.some((r) => r.tokenFingerprint === tokenFingerprint('demo-token'))).toBe(false);
    // Neither token reaches Gmail's page.
    const html = await gmail.content();
    expect(html).not.toContain(tokens.accessToken);
    expect(html).not.toContain(tokens.refreshToken);
  });

  it('an access token near expiry is refreshed once for many concurrent requests; the old refresh token is dead', async () => {
    // From now on the fake issues 2-hour tokens, so the refreshed pair stays fresh for the rest of the file.
    app.fake.oauth.accessTokenSeconds = 7200;
    messenger = await app.browser.openExtensionPage('privacy.html'); // a page that asks the worker nothing itself
    const old = (await stored())!;
    // Wait (real time: the extension's clock) until the stored token is past half its life.
    const staleAt = old.expiresAt - (old.expiresAt - old.obtainedAt) / 2 + 300;
    await new Promise((r) => setTimeout(r, Math.max(0, staleAt - Date.now())));
    expect((await stored())!.refreshToken).toBe(old.refreshToken); // nothing refreshed it meanwhile
    // The fake's clock moves just past the old access token's expiry (a few seconds: available times must
    // still start in the future by both clocks), so a request still sending it would get a 401.
    app.fake.advance(Math.max(0, app.fake.state.tokens.get(old.accessToken)!.expiresAt! - app.fake.now().getTime() + 1000));
    expect(await calendlyGet(app, '/users/me', old.accessToken)).toMatchObject({ title: 'Unauthenticated', message: 'The access token expired' });
    // Make every context ask Calendly.
    await dropCache();
    const formsBefore = forms.forms.length;
    const before = app.fake.requests.length;

    // At once: three getSlots/listEventTypes for different cache keys (so the cache's single-flight can't
    // fold them into one request), the popup opening (its own getSlots), and a compose opening (its
    // prefetch) whose button is then clicked.
    const popup = await app.browser.context.newPage();
    const [, inserted, ...answers] = await Promise.all([
      popup.goto(`chrome-extension://${app.browser.extensionId}/popup.html`),
      insertInNewCompose(),
      send(messenger, 'getSlots', { overrides: { eventTypeUri: EVENT_INTRO }, fresh: true }),
      send(messenger, 'getSlots', { overrides: { eventTypeUri: EVENT_30, count: 3 }, fresh: true }),
      send(messenger, 'listEventTypes'),
    ]);
    expect(inserted.filter((l) => /\/30min\/\d{4}-/.test(l.href))).toHaveLength(5);
    await expect.poll(() => popup.locator('.email a[href*="/30min/"]').count()).toBeGreaterThan(0);
    for (const a of answers) expect(a?.ok, JSON.stringify(a)).toBe(true);

    // Exactly one refresh, with the old refresh token, answered 200; it was the batch's first request to
    // Calendly (every API call waited for it).
    expect(app.fake.requests[before]!.path).toBe('/oauth/token');
    const refreshes = forms.forms.slice(formsBefore).filter((f) => f.path === '/oauth/token');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.fields.grant_type).toBe('refresh_token');
    expect(refreshes[0]!.fields.refresh_token).toBe(old.refreshToken);
    expect(refreshes[0]!.status).toBe(200);
    // The new pair is stored, and every API request of the batch carried the new access token.
    const next = (await stored())!;
    expect(next.refreshToken).not.toBe(old.refreshToken);
    expect(next.accessToken).not.toBe(old.accessToken);
    const api = apiRequestsSince(before);
    expect(api.length).toBeGreaterThanOrEqual(4);
    for (const r of api) {
      expect(r.tokenFingerprint).toBe(tokenFingerprint(next.accessToken));
      expect(r.status).toBe(200);
    }

    // Calendly's refresh tokens are single-use: the old one is refused now.
    const reuse = await authPost(app.standIns.port, '/oauth/token', { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: old.refreshToken });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');
    await popup.close();
  });

  it('inserts keep working with the new pair after the service worker restarts, with no further refresh', async () => {
    const formsBefore = forms.forms.length;
    await dropCache();
    // The pair lives in the extension's IndexedDB, not in the worker: Chrome stopping the worker loses nothing.
    await stopServiceWorker(app.browser.context, app.browser.extensionId);
    const { api, tokens } = await insertWithApiRequests();
    for (const r of api) expect([r.tokenFingerprint, r.status]).toEqual([tokenFingerprint(tokens.accessToken), 200]);
    expect(forms.forms.slice(formsBefore)).toHaveLength(0);
  });

  it('Disconnect revokes both tokens at Calendly; the popup then asks to connect again', async () => {
    const tokens = (await stored())!;
    const formsBefore = forms.forms.length;
    await options.bringToFront();
    await options.getByRole('button', { name: 'Disconnect' }).click();
    // Back to the sign-in choice.
    await options.getByRole('button', { name: 'Sign in with Calendly' }).waitFor();
    expect(await stored()).toBeNull();

    const revokes = forms.forms.slice(formsBefore).filter((f) => f.path === '/oauth/revoke');
    expect(revokes.map((f) => f.fields.token).sort()).toEqual([tokens.accessToken, tokens.refreshToken].sort());
    for (const f of revokes) expect([f.fields.client_id, f.status]).toEqual([CLIENT_ID, 200]);
    expect(app.fake.requests.filter((r) => r.path === '/oauth/revoke')).toHaveLength(2);
    // Calendly no longer honours either.
    const reuse = await authPost(app.standIns.port, '/oauth/token', { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens.refreshToken });
    expect([reuse.status, reuse.body.error]).toEqual([400, 'invalid_grant']);
    expect(app.fake.state.tokens.has(tokens.accessToken)).toBe(false);

    const popup = await app.browser.openExtensionPage('popup.html');
    await popup.getByText('Connect your Calendly account to see and share your open times.').waitFor();
    await popup.getByRole('button', { name: 'Open options' }).waitFor();
    expect(await send(popup, 'getStatus')).toEqual({ connected: false });
    await popup.close();
  });
});

describe('the ordinary build (no client id)', () => {
  const dir = resolve('.output/chrome-mv3');
  let app: App;

  beforeAll(async () => {
    app = await startApp({ launch: { extensionDir: dir } });
    await app.browser.installPage?.close();
  });
  afterAll(() => app?.close());

  it('asks for no identity permission and no auth.calendly.com, and offers no "Sign in with Calendly"', async () => {
    const m = manifest(dir);
    expect(m.permissions).toEqual(['storage', 'scripting']);
    expect(m.host_permissions).toEqual(['https://api.calendly.com/*', 'https://mail.google.com/*']);
    const options = await app.browser.openExtensionPage('options.html');
    await options.getByLabel('Personal access token').waitFor();
    // The worker says OAuth is unavailable (the page asked the same on load), and the page shows no button.
    expect(await send(options, 'oauthAvailable')).toBe(false);
    await options.getByText(/^Open Slots reads your event types and open times with a Calendly personal access token/).waitFor();
    expect(await options.getByRole('button', { name: 'Sign in with Calendly' }).count()).toBe(0);
    expect(await options.getByText('Sign in with Calendly').count()).toBe(0);
    // And signIn is refused by the worker itself.
    const r = await send(options, 'signIn');
    expect(r.ok).toBe(false);
    expect(app.fake.requests.some((x) => x.host === 'auth.calendly.com')).toBe(false);
  });
});
