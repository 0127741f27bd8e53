import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundClient } from '@/lib/client';
import type { Status } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { answer, EVENT_TYPES, flush, mount, unmountAll } from '../popup/testing';
import { OptionsApp } from './OptionsApp';

const USER = {
  name: 'Avery Quinn',
  email: 'avery@example.com',
  timezone: 'America/New_York',
  schedulingUrl: 'https://calendly.com/avery-quinn',
  organization: null,
  organizationName: null,
  via: 'token',
} as const;

function client(status: Promise<Status>) {
  return {
    getStatus: vi.fn(() => status),
    connect: vi.fn(),
    disconnect: vi.fn(),
    loadSettings: vi.fn(async () => DEFAULT_SETTINGS),
    saveSettings: vi.fn(),
    listEventTypes: vi.fn(async () => ({ ok: true, data: EVENT_TYPES }) as const),
    getSlots: vi.fn(async () => ({ ok: true, data: answer() }) as const),
  } as unknown as BackgroundClient;
}

afterEach(unmountAll);

describe('OptionsApp', () => {
  it('shows a loading state while the status is asked for', async () => {
    const el = await mount(<OptionsApp client={client(new Promise(() => {}))} links={{ privacy: '/privacy.html' }} />);
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Loading…');
    expect(el.querySelector('input')).toBeNull();
  });

  it('not connected: the token form only, no defaults and no team link', async () => {
    const el = await mount(
      <OptionsApp client={client(Promise.resolve({ connected: false }))} links={{ privacy: '/privacy.html', availability: '/availability.html' }} />,
    );
    expect(el.querySelector('input[type="password"]')).not.toBeNull();
    expect(el.textContent).not.toContain('Defaults for inserted slots');
    expect(el.querySelector('a[href="/availability.html"]')).toBeNull();
    expect(el.querySelector('a[href="/privacy.html"]')?.textContent).toBe('Privacy policy');
  });

  it('connected: the account, the defaults with their preview, the team link and the shortcut', async () => {
    const el = await mount(
      <OptionsApp
        client={client(Promise.resolve({ connected: true, user: USER }))}
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
    const el = await mount(<OptionsApp client={client(Promise.reject(new Error('no receiver')))} links={{ privacy: '/privacy.html' }} />);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('could not reach its background service');
  });
});
