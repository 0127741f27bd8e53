import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { de } from '@/lib/i18n/de';
import { en } from '@/lib/i18n/en';
import { GMAIL_URL, SCOPES, SCREENSHOT, TOKEN_PAGE, WelcomeApp } from './WelcomeApp';
import { useCatalog } from '@/lib/i18n/testing';
import { pageRoot, text } from '../popup/testing';

const root = pageRoot();
let openOptions: ReturnType<typeof vi.fn<() => void>>;

function show(shortcut: string | null = 'Alt+Shift+S', oauth = false) {
  openOptions = vi.fn<() => void>();
  act(() => {
    render(
      <WelcomeApp openOptions={openOptions} shortcut={shortcut} links={{ privacy: '/privacy.html' }} oauth={oauth} />,
      root(),
    );
  });
}



describe('WelcomeApp', () => {
  it('has one h1 and the three steps as h2s in an ordered list', () => {
    show();
    expect([...root().querySelectorAll('h1')].map(text)).toEqual([en.welcomeTitle]);
    const steps = root().querySelectorAll('ol.steps > li');
    expect(steps).toHaveLength(3);
    expect([...steps].map((li) => text(li.querySelector('h2')))).toEqual([
      en.welcomeStep1Title,
      en.welcomeStep2Title,
      en.welcomeStep3Title,
    ]);
    expect(document.title).toBe(en.welcomeTitle);
    expect(document.documentElement.lang).toBe('en');
  });

  it('step 1 links to Calendly’s token page in a new tab and lists the four scopes with their use', () => {
    show();
    const link = root().querySelector<HTMLAnchorElement>(`a[href="${TOKEN_PAGE}"]`)!;
    expect(TOKEN_PAGE).toBe('https://calendly.com/integrations/api_webhooks');
    expect(text(link)).toBe(en.tokenPage);
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
    expect([...root().querySelectorAll('.scopes code')].map(text)).toEqual([
      'users:read',
      'event_types:read',
      'availability:read',
      'organizations:read',
    ]);
    for (const [, purpose] of SCOPES) expect(text(root())).toContain(en[purpose]);
    expect(text(root())).toContain(en.welcomeStep1Note);
  });

  it('step 2 names the options page’s field and button, and its button opens the options page', () => {
    show();
    const step = root().querySelectorAll('ol.steps > li')[1]!;
    expect(text(step)).toContain('“Personal access token” field and click “Connect”');
    const button = step.querySelector('button')!;
    expect(button.type).toBe('button');
    expect(text(button)).toBe(en.openOptions);
    act(() => button.click());
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('step 3 explains the compose button, opens Gmail and shows the screenshot in a fixed frame', () => {
    show();
    const step = root().querySelectorAll('ol.steps > li')[2]!;
    expect(text(step)).toContain('Click the calendar button beside Send, “Insert open slots”');
    expect(text(step)).toContain('Keyboard shortcut: Alt+Shift+S. You can change it at chrome://extensions/shortcuts.');
    const gmail = step.querySelector<HTMLAnchorElement>(`a[href="${GMAIL_URL}"]`)!;
    expect(text(gmail)).toBe(en.welcomeOpenGmail);
    expect(gmail.target).toBe('_blank');
    const img = step.querySelector<HTMLImageElement>('.shot > img')!;
    expect(img.getAttribute('src')).toBe('/welcome-compose.png');
    expect(img.getAttribute('width')).toBe(String(SCREENSHOT.width));
    expect(img.getAttribute('height')).toBe(String(SCREENSHOT.height));
    expect(img.alt).toBe(
      'A Gmail draft with the “Insert open slots” button beside Send, and open times inserted into the message as booking links',
    );
  });

  it('keeps the frame and shows the description when the screenshot cannot load', () => {
    show();
    const img = root().querySelector<HTMLImageElement>('.shot > img')!;
    act(() => {
      img.dispatchEvent(new Event('error'));
    });
    expect(root().querySelector('.shot > img')).toBeNull();
    expect(text(root().querySelector('.shot'))).toBe(img.alt);
  });

  it('offers “Sign in with Calendly” as the alternative to a token only in builds that have it', () => {
    show();
    expect(text(root())).not.toContain('Sign in with Calendly');
    act(() => render(null, root()));
    show('Alt+Shift+S', true);
    expect(text(root().querySelector('ol.steps > li'))).toContain(
      'Rather not make a token? Click “Sign in with Calendly” on the options page instead',
    );
  });

  it('leaves the shortcut out when none is set', () => {
    show(null);
    expect(text(root())).not.toContain('Keyboard shortcut');
  });

  it('ends with a link to the privacy policy', () => {
    show();
    const foot = root().querySelector('footer')!;
    expect(text(foot)).toContain(en.welcomeDone);
    const link = foot.querySelector<HTMLAnchorElement>('a[href="/privacy.html"]')!;
    expect(text(link)).toBe(en.privacy);
  });

  it('is keyboard reachable: every control is a real link or button, no tabindex tricks', () => {
    show();
    const controls = [...root().querySelectorAll('a, button')];
    expect(controls).toHaveLength(4); // token page, options, Gmail, privacy
    for (const c of controls) {
      expect(c.getAttribute('tabindex')).toBeNull();
      if (c.tagName === 'A') expect(c.getAttribute('href')).toBeTruthy();
    }
    expect(root().querySelector('[onclick], div[role="button"]')).toBeNull();
  });

  it('takes every visible string from the catalogue', () => {
    useCatalog((key) => `‹${key}›`);
    show('⌥⇧S', true);
    const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
    const allowed = new Set(['1', '2', '3', '⌥⇧S', ...SCOPES.map(([s]) => s)]);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = n.textContent!.trim();
      if (s) expect(s.startsWith('‹') || allowed.has(s), s).toBe(true);
    }
    for (const img of root().querySelectorAll('img')) expect(img.alt === '' || img.alt.startsWith('‹'), img.alt).toBe(true);
  });

  it('shows the browser’s language: German, with <html lang="de">', () => {
    useCatalog(de);
    show();
    expect(text(root().querySelector('h1'))).toBe('Willkommen bei Open Slots');
    expect(text(root().querySelectorAll('ol.steps > li')[1]!)).toContain('„Persönliches Zugriffstoken“');
    expect(root().querySelector('img.shot, .shot img')!.getAttribute('alt')).toContain('„Freie Termine einfügen“');
    expect(document.documentElement.lang).toBe('de');
  });
});
