import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectedUser, Result, Status } from '@/lib/contract';
import { byLabel, button, click, mount, submit, type, unmountAll, USER } from '../popup/testing';
import { AccountCard, initials, TOKEN_PAGE } from './AccountCard';


function fakeClient(connect: (token: string) => Promise<Result<ConnectedUser>>) {
  return {
    connect: vi.fn(connect),
    disconnect: vi.fn(async (): Promise<Result<null>> => ({ ok: true, data: null })),
  };
}

afterEach(unmountAll);

describe('AccountCard, not connected', () => {
  it('connects with the pasted token, reports the user and clears the field', async () => {
    const client = fakeClient(async () => ({ ok: true, data: USER }));
    const onChange = vi.fn<(s: Status) => void>();
    const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={onChange} />);
    const field = byLabel(el, 'Personal access token');
    expect(field.type).toBe('password');
    await type(field, '  secret-token  ');
    await submit(el.querySelector('form')!);
    expect(client.connect).toHaveBeenCalledWith('secret-token');
    expect(onChange).toHaveBeenCalledWith({ connected: true, user: USER });
    expect(field.value).toBe('');
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows why a token was refused, keeps it in the field for fixing, and reports nothing', async () => {
    const client = fakeClient(async () => ({
      ok: false,
      error: { kind: 'forbidden', message: 'This token lacks the users:read scope.' },
    }));
    const onChange = vi.fn();
    const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={onChange} />);
    const field = byLabel(el, 'Personal access token');
    await type(field, 'weak-token');
    await submit(el.querySelector('form')!);
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('This token lacks the users:read scope.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(alert!.id);
    expect(field.value).toBe('weak-token');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('says a 401 means this token was not accepted (not "reconnect in options")', async () => {
    const client = fakeClient(async () => ({
      ok: false,
      error: { kind: 'unauthenticated', message: 'Your Calendly connection has expired or was revoked. Reconnect in Open Slots options.' },
    }));
    const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={() => {}} />);
    await type(byLabel(el, 'Personal access token'), 'wrong');
    await submit(el.querySelector('form')!);
    expect(el.querySelector('[role="alert"]')?.textContent).toMatch(/^Calendly did not accept this token/);
  });

  it('asks for a token when the field is empty, without calling the background', async () => {
    const client = fakeClient(async () => ({ ok: true, data: USER }));
    const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={() => {}} />);
    await type(byLabel(el, 'Personal access token'), '   ');
    await submit(el.querySelector('form')!);
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('Paste a personal access token first.');
    expect(client.connect).not.toHaveBeenCalled();
  });

  it('says so when the background cannot be reached', async () => {
    const client = fakeClient(() => Promise.reject(new Error('Could not establish connection')));
    const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={() => {}} />);
    await type(byLabel(el, 'Personal access token'), 'token');
    await submit(el.querySelector('form')!);
    expect(el.querySelector('[role="alert"]')?.textContent).toMatch(/could not reach its background service/);
  });

  it('links to Calendly’s token page in a new tab', async () => {
    const el = await mount(<AccountCard client={fakeClient(async () => ({ ok: true, data: USER }))} status={{ connected: false }} onChange={() => {}} />);
    const link = el.querySelector<HTMLAnchorElement>(`a[href="${TOKEN_PAGE}"]`);
    expect(link?.textContent).toContain('Open Calendly’s token page');
    expect(link?.target).toBe('_blank');
    expect(link?.rel).toContain('noopener');
  });
});

describe('AccountCard, Sign in with Calendly', () => {
  function oauthClient(signIn: () => Promise<Result<ConnectedUser>>, available = true) {
    return { ...fakeClient(async () => ({ ok: true, data: USER })), signIn: vi.fn(signIn), oauthAvailable: vi.fn(async () => available) };
  }

  it('is offered only when the build has OAuth', async () => {
    const without = await mount(<AccountCard client={oauthClient(async () => ({ ok: true, data: USER }), false)} status={{ connected: false }} onChange={() => {}} />);
    expect(() => button(without, 'Sign in with Calendly')).toThrow();
    const plain = await mount(<AccountCard client={fakeClient(async () => ({ ok: true, data: USER }))} status={{ connected: false }} onChange={() => {}} />);
    expect(() => button(plain, 'Sign in with Calendly')).toThrow();
  });

  it('signs in and reports the user; the token form stays as the alternative', async () => {
    const client = oauthClient(async () => ({ ok: true, data: { ...USER, via: 'oauth' } }));
    const onChange = vi.fn();
    const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={onChange} />);
    expect(el.textContent).toContain('or use a personal access token');
    expect(byLabel(el, 'Personal access token')).toBeTruthy();
    await click(button(el, 'Sign in with Calendly'));
    expect(client.signIn).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ connected: true, user: { ...USER, via: 'oauth' } });
  });

  it('shows why signing in failed', async () => {
    const client = oauthClient(async () => ({ ok: false, error: { kind: 'forbidden', message: 'You declined access in Calendly.' } }));
    const onChange = vi.fn();
    const el = await mount(<AccountCard client={client} status={{ connected: false }} onChange={onChange} />);
    await click(button(el, 'Sign in with Calendly'));
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('You declined access in Calendly.');
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('AccountCard, connected', () => {
  it('shows name, email, organization, zone and booking page', async () => {
    const el = await mount(<AccountCard client={fakeClient(async () => ({ ok: true, data: USER }))} status={{ connected: true, user: USER }} onChange={() => {}} />);
    const text = el.textContent ?? '';
    expect(text).toContain('Connected as Avery Quinn');
    expect(text).toContain('avery@example.com');
    expect(text).toContain('Member of a Calendly organization');
    expect(text).toContain('America/New_York');
    expect(el.querySelector<HTMLAnchorElement>('a[href="https://calendly.com/avery-quinn"]')).not.toBeNull();
    expect(el.querySelector('.avatar')?.textContent).toBe('AQ');
    expect(text).toContain('Connected withPersonal access token');
    expect(el.querySelector('input')).toBeNull();
  });

  it('names the organization when Calendly told us its name, as text', async () => {
    const named = { ...USER, organizationName: 'Quinn & Co <b>Ltd</b>' };
    const el = await mount(<AccountCard client={fakeClient(async () => ({ ok: true, data: named }))} status={{ connected: true, user: named }} onChange={() => {}} />);
    expect(el.querySelector('.account-org')?.textContent).toBe('Member of Quinn & Co <b>Ltd</b>');
    expect(el.querySelector('.account-org b')).toBeNull();
  });

  it('has no organization line for a user without one', async () => {
    const solo = { ...USER, organization: null };
    const el = await mount(<AccountCard client={fakeClient(async () => ({ ok: true, data: solo }))} status={{ connected: true, user: solo }} onChange={() => {}} />);
    expect(el.textContent).not.toContain('organization');
  });

  it('disconnects through the background and reports the new status', async () => {
    const client = fakeClient(async () => ({ ok: true, data: USER }));
    const onChange = vi.fn();
    const el = await mount(<AccountCard client={client} status={{ connected: true, user: USER }} onChange={onChange} />);
    await click(button(el, 'Disconnect'));
    expect(client.disconnect).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ connected: false });
  });

  it('stays connected and explains when disconnecting fails', async () => {
    const client = fakeClient(async () => ({ ok: true, data: USER }));
    client.disconnect.mockResolvedValueOnce({ ok: false, error: { kind: 'server', message: 'Storage is not available.' } });
    const onChange = vi.fn();
    const el = await mount(<AccountCard client={client} status={{ connected: true, user: USER }} onChange={onChange} />);
    await click(button(el, 'Disconnect'));
    expect(onChange).not.toHaveBeenCalled();
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('Storage is not available.');
  });
});

describe('initials', () => {
  it('takes the first and last word', () => {
    expect(initials('Avery Quinn')).toBe('AQ');
    expect(initials('Mary Ann de la Cruz')).toBe('MC');
    expect(initials('Cher')).toBe('C');
    expect(initials('  ')).toBe('?');
    expect(initials('émile zola')).toBe('ÉZ');
  });
});
