import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { OAUTH_PERMISSIONS, PERMISSIONS, PrivacyApp } from './PrivacyApp';
import { useCatalog } from '@/lib/i18n/testing';
import { pageRoot, text } from '../popup/testing';

const root = pageRoot();

function show(oauth = false) {
  act(() => {
    render(<PrivacyApp links={{ options: '/options.html' }} oauth={oauth} />, root());
  });
}


const section = (heading: string) =>
  [...root().querySelectorAll('section')].find((s) => text(s.querySelector('h2')) === heading)!;

describe('PrivacyApp', () => {
  it('has a title and a heading per topic, with no skipped levels', () => {
    show();
    const headings = [...root().querySelectorAll('h1, h2, h3')].map((h) => [h.tagName, text(h)]);
    expect(headings).toEqual([
      ['H1', en.privacyTitle],
      ['H2', en.privacyStoredHeading],
      ['H3', en.privacyTokenTitle],
      ['H3', en.privacySettingsTitle],
      ['H3', en.privacyCacheTitle],
      ['H3', en.privacyOffersTitle],
      ['H3', en.privacyRecipientZonesTitle],
      ['H2', en.privacyWhereHeading],
      ['H2', en.privacySentHeading],
      ['H2', en.privacyNotCollectedHeading],
      ['H2', en.privacyPermissionsHeading],
      ['H2', en.privacyDeleteHeading],
      ['H2', en.privacyChangesHeading],
    ]);
    for (const s of root().querySelectorAll('section')) {
      expect(root().querySelector(`#${s.getAttribute('aria-labelledby')}`)?.tagName).toBe('H2');
    }
    expect(document.title).toBe(en.privacyTitle);
    expect(document.documentElement.lang).toBe('en');
  });

  it('says what is stored and where: token local and never synced, settings synced, cache in session memory', () => {
    show();
    const stored = text(section(en.privacyStoredHeading));
    expect(stored).toContain('Kept in this browser only and never synced');
    expect(stored).toContain('If sync is turned on in your browser');
    expect(stored).toContain('session storage, which lives in memory and is gone when the browser closes');
    expect(text(section(en.privacyWhereHeading))).toContain('In this browser');
  });

  it('says which recipients’ addresses are kept (issue 19), that they are never sent, and how to delete them', () => {
    show();
    const stored = text(section(en.privacyStoredHeading));
    expect(stored).toContain('the email addresses in that message’s To field, each with that time zone');
    expect(stored).toContain('At most 500 addresses');
    expect(stored).toContain('never sent anywhere');
    expect(text(section(en.privacySentHeading))).toContain('the only thing it keeps from a message is the To addresses');
    expect(text(section(en.privacyDeleteHeading))).toContain('Disconnecting keeps the time zones remembered for recipients: click “Forget remembered time zones”');
  });

  it('says that only Calendly’s API is contacted, and nothing is collected, no analytics, no remote code', () => {
    show();
    const sent = text(section(en.privacySentHeading));
    expect(sent).toContain('api.calendly.com');
    expect(sent).toContain('Nothing is sent to us or to anyone else.');
    const not = text(section(en.privacyNotCollectedHeading));
    expect(not).toContain('No analytics');
    expect(not).toContain('No remote code');
  });

  it('lists the manifest’s permissions with their reasons', () => {
    show();
    const dl = section(en.privacyPermissionsHeading).querySelector('dl')!;
    expect([...dl.querySelectorAll('dt')].map(text)).toEqual(['storage', 'https://api.calendly.com/*', 'https://mail.google.com/*', 'scripting']);
    expect([...dl.querySelectorAll('dd')].map(text)).toEqual(PERMISSIONS.map(([, why]) => en[why]));
  });

  it('covers everything OAuth builds add: their tokens, auth.calendly.com and two more permissions', () => {
    show(true);
    expect(text(section(en.privacyStoredHeading))).toContain(en.privacyOAuthTokens);
    expect(text(section(en.privacySentHeading))).toContain('auth.calendly.com');
    const dl = section(en.privacyPermissionsHeading).querySelector('dl')!;
    expect([...dl.querySelectorAll('dt')].map(text)).toEqual([...PERMISSIONS, ...OAUTH_PERMISSIONS].map(([p]) => p));
    expect(text(dl)).toContain('to open Calendly’s sign-in page when you choose “Sign in with Calendly”');
  });

  it('mentions no OAuth in builds without it', () => {
    show(false);
    expect(text(root())).not.toContain('auth.calendly.com');
    expect(text(root())).not.toContain(en.privacyOAuthTokens);
  });

  it('covers every permission, host and content-script match the manifest can ask for (update the policy when they change)', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    const content = readFileSync('entrypoints/gmail.content/index.tsx', 'utf8');
    // Every quoted string on the `permissions:` / `host_permissions:` / `matches:` lines, whatever the build.
    const listed = (source: string, field: string) =>
      [...source.matchAll(new RegExp(`\\b${field}:[^\\n]*`, 'g'))].flatMap((line) =>
        [...line[0].matchAll(/'([^']+)'/g)].map((q) => q[1]!),
      );
    const asked = [...listed(config, 'permissions'), ...listed(config, 'host_permissions'), ...listed(content, 'matches')];
    expect(asked).toContain('storage');
    expect(new Set(asked)).toEqual(new Set([...PERMISSIONS, ...OAUTH_PERMISSIONS].map(([p]) => p)));
  });

  it('explains how to delete: Disconnect (with a link to the options page), forgetting the remembered zones, removing the extension, revoking', () => {
    show();
    const del = section(en.privacyDeleteHeading);
    const items = [...del.querySelectorAll('li')].map(text);
    expect(items).toHaveLength(4);
    expect(items[0]).toContain('Click “Disconnect” on the options page');
    expect(items[1]).toContain('click “Forget remembered time zones” on the options page');
    expect(items[2]).toContain('remove the extension');
    expect(items[3]).toContain('revoke it in Calendly');
    const link = del.querySelector<HTMLAnchorElement>('a[href="/options.html"]')!;
    expect(text(link)).toBe(en.openOptions);
  });

  it('takes every visible string from the catalogue', () => {
    useCatalog((key) => `‹${key}›`);
    show();
    const allowed = new Set(PERMISSIONS.map(([p]) => p));
    const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = n.textContent!.trim();
      if (s) expect(s.startsWith('‹') || allowed.has(s), s).toBe(true);
    }
  });

  it('shows the browser’s language: Japanese, with <html lang="ja">', () => {
    useCatalog((key) => ja[key as keyof typeof ja]);
    show();
    expect(text(root().querySelector('h1'))).toBe('Open Slots プライバシー ポリシー');
    expect(text(section(ja.privacyDeleteHeading))).toContain('オプションページで「接続を解除」をクリック');
    expect(document.documentElement.lang).toBe('ja');
  });
});
