import { afterEach, describe, expect, it } from 'vitest';
import { flush, mount, optionsClient, SOLO_USER, unmountAll } from '../popup/testing';
import { OptionsApp } from './OptionsApp';


afterEach(unmountAll);

describe('OptionsApp', () => {
  it('shows a loading state while the status is asked for', async () => {
    const el = await mount(<OptionsApp client={optionsClient(new Promise(() => {}))} links={{ privacy: '/privacy.html' }} />);
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Loading…');
    expect(el.querySelector('input')).toBeNull();
  });

  it('not connected: the token form only, no defaults and no team link', async () => {
    const el = await mount(
      <OptionsApp client={optionsClient(Promise.resolve({ connected: false }))} links={{ privacy: '/privacy.html', availability: '/availability.html' }} />,
    );
    expect(el.querySelector('input[type="password"]')).not.toBeNull();
    expect(el.textContent).not.toContain('Defaults for inserted slots');
    expect(el.querySelector('a[href="/availability.html"]')).toBeNull();
    expect(el.querySelector('a[href="/privacy.html"]')?.textContent).toBe('Privacy policy');
  });

  it('connected: the account, the defaults with their preview, the team link and the shortcut', async () => {
    const el = await mount(
      <OptionsApp
        client={optionsClient(Promise.resolve({ connected: true, user: SOLO_USER }))}
        links={{ privacy: '/privacy.html', availability: '/availability.html' }}
        shortcut="Alt+Shift+S"
      />,
    );
    await flush(); // the form loads its settings, then its preview
    expect(el.textContent).toContain('Connected as Avery Quinn');
    expect(el.textContent).toContain('Defaults for inserted slots');
    expect(el.querySelector('.email-body a')).not.toBeNull();
    expect(el.querySelector('a[href="/availability.html"]')?.textContent).toBe('Team availability');
    expect(el.textContent).toContain('Keyboard shortcut in Gmail: Alt+Shift+S');
  });

  it('says so when the background cannot be reached', async () => {
    const el = await mount(<OptionsApp client={optionsClient(Promise.reject(new Error('no receiver')))} links={{ privacy: '/privacy.html' }} />);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('could not reach its background service');
  });
});
