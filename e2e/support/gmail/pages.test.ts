import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGmailPage, type HappyGmailPage } from './happyPage';
import { CAPTURE_PATH, GMAIL_PATHS, gmailPages, HAS_CAPTURE } from './pages';

let page: HappyGmailPage;
afterEach(() => page?.close());

const composeCount = () => page.document.querySelectorAll('[g_editable="true"]').length;

describe('gmailPages', () => {
  it('maps every path to a complete HTML document', () => {
    const pages = gmailPages();
    const paths = Object.values(GMAIL_PATHS).filter((path) => HAS_CAPTURE || path !== GMAIL_PATHS.capture);
    expect(Object.keys(pages).sort()).toEqual(paths.sort());
    for (const html of Object.values(pages)) {
      expect(html).toMatch(/^<!doctype html><html lang="(en|es)"><head>.*<\/body><\/html>$/s);
      expect(html.match(/<\/script>/g)).toHaveLength(2);
    }
  });

  it.skipIf(!HAS_CAPTURE)('embeds the real capture unchanged', () => {
    const capture = readFileSync(CAPTURE_PATH, 'utf8');
    const html = gmailPages()[GMAIL_PATHS.capture]!;
    const config = JSON.parse(html.match(/window\.__gmailConfig = (.*?);<\/script>/s)![1]!);
    expect(config.templates.capture).toBe(capture);
  });

  it('the Spanish page carries no English labels', () => {
    const html = gmailPages()[GMAIL_PATHS.spanish]!;
    expect(html).toContain('Cuerpo del mensaje');
    expect(html).toContain('Enviar');
    expect(html).not.toContain('Message Body');
    expect(html).not.toMatch(/"Send|>Send</);
  });
});

describe('page runtime (window.__gmail)', () => {
  it('opens nothing by itself on the inbox; Compose opens a mole in a lazily created strip', async () => {
    page = await loadGmailPage('/mail/u/0/?delay=0');
    expect(composeCount()).toBe(0);
    expect(page.document.querySelector('.dw')).toBeNull();
    (page.document.querySelector('[gh="cm"]') as HTMLElement).click();
    const mole = page.document.querySelector('div.dw > .nH > .nH > .no > .nH.nn > .nH > .AD [role="dialog"] .M9');
    expect(mole).toBeTruthy();
    expect(mole!.querySelector('.gmail_signature')).toBeTruthy();
  });

  it('opens composes after load, not in the served HTML', async () => {
    for (const html of Object.values(gmailPages())) {
      const body = html.slice(html.indexOf('<body'), html.indexOf('<script>'));
      expect(body).not.toContain('g_editable');
    }
    page = await loadGmailPage('/mail/u/0/thread');
    expect(page.document.querySelector('.ip.adB .M9 .gmail_quote')).toBeTruthy();
  });

  it('the pop-out page: body.xE.xp, compose under [role=main], no dialog', async () => {
    page = await loadGmailPage('/mail/u/0/popout?delay=0');
    expect(page.document.body.className).toBe('xE xp');
    const root = page.gmail.root('1')!;
    expect(root.closest('[role="main"]')).toBeTruthy();
    expect(root.closest('[role="dialog"]')).toBeNull();
  });

  it('full screen re-parents the same dialog under body > .aSs > .aSt, and back', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const dialog = page.gmail.root('1')!.closest('[role="dialog"]');
    page.gmail.toFullscreen('1');
    expect(page.document.querySelector('body > .aSs > .aSt [role="dialog"]')).toBe(dialog);
    expect(page.document.querySelector('.dw .no')!.children).toHaveLength(0);
    page.gmail.toMole('1');
    expect(page.document.querySelector('.dw .AD [role="dialog"]')).toBe(dialog);
  });

  it('minimize hides the child holding the body with an inline style', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    page.gmail.minimize('1');
    const hidden = page.gmail.root('1')!.closest('.aaZ')!.parentElement!;
    expect(hidden.getAttribute('style')).toContain('display: none');
    page.gmail.restore('1');
    expect(hidden.style.display).toBe('');
  });

  it('navigate replaces [role=main] and keeps moles', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const reply = page.gmail.navigate('thread')!;
    expect(page.gmail.ids().sort()).toEqual(['1', reply].sort());
    expect(page.window.location.hash).toMatch(/^#inbox\//);
    expect(page.gmail.navigate('inbox')).toBeNull();
    expect(page.gmail.ids()).toEqual(['1']);
  });

  it('records input events on a body, like an autosave would see them', async () => {
    page = await loadGmailPage('/mail/u/0/?compose=mole&delay=0');
    const body = page.gmail.root('1')!.querySelector('[g_editable="true"]')!;
    body.dispatchEvent(new page.window.InputEvent('input', { bubbles: true, inputType: 'insertHTML' }) as unknown as Event);
    expect(page.gmail.draft('1')!.inputs.map((input) => input.inputType)).toEqual(['insertHTML']);
  });

  it('adds noise nodes in bursts', async () => {
    page = await loadGmailPage('/mail/u/0/?delay=0');
    await page.gmail.addNoise(120, { burst: 50 });
    expect(page.document.querySelector('.os-noise')!.children).toHaveLength(120);
    expect(composeCount()).toBe(0);
  });
});
