/**
 * Gmail stand-in pages, served at https://mail.google.com by the e2e HTTPS server: look pages up by
 * the URL's PATHNAME (query and hash are read by the page itself). Compose windows appear after load
 * (a timeout, or a click on "Compose"), and every page exposes `window.__gmail` (see api.ts).
 *
 * Query options on every page: `?compose=mole,inline,…` opens those composes after load
 * (kinds: mole, fullscreen, inline, plaintext, popout), `?delay=ms` (default 100) sets when.
 * `/mail/u/0/#inbox/<thread>` routes to the conversation view client-side, as Gmail does.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EN, ES, type GmailLabels } from './labels';
import {
  chip,
  composeTemplate,
  dialogTemplate,
  esc,
  inboxView,
  plainTextMenu,
  quoteHtml,
  signatureHtml,
  threadView,
  toolbarRow,
} from './markup';

const here = dirname(fileURLToPath(import.meta.url));

export { CAPTURE_PATH, HAS_CAPTURE } from '../shared-material';
import { CAPTURE_PATH, HAS_CAPTURE } from '../shared-material';

/** Paths of the stand-in pages. */
export const GMAIL_PATHS = {
  inbox: '/mail/u/0/',
  thread: '/mail/u/0/thread',
  popout: '/mail/u/0/popout',
  capture: '/mail/u/0/capture',
  spanish: '/mail/u/0/es',
} as const;

type PageKind = 'inbox' | 'thread' | 'popout' | 'capture';

interface PageOptions {
  L: GmailLabels;
  page: PageKind;
  autoCompose?: string;
  capture?: string;
}

/**
 * Every stand-in page, as complete HTML documents keyed by URL path. The capture page is there only when
 * the capture is (HAS_CAPTURE); without it that path is simply not served, and nothing else changes.
 */
export function gmailPages(): Record<string, string> {
  return {
    [GMAIL_PATHS.inbox]: gmailPage({ L: EN, page: 'inbox' }),
    [GMAIL_PATHS.thread]: gmailPage({ L: EN, page: 'thread', autoCompose: 'inline' }),
    [GMAIL_PATHS.popout]: gmailPage({ L: EN, page: 'popout', autoCompose: 'popout' }),
    ...(HAS_CAPTURE ? { [GMAIL_PATHS.capture]: gmailPage({ L: EN, page: 'capture', capture: readFileSync(CAPTURE_PATH, 'utf8') }) } : {}),
    [GMAIL_PATHS.spanish]: gmailPage({ L: ES, page: 'inbox' }),
  };
}

function gmailPage({ L, page, autoCompose = '', capture }: PageOptions): string {
  const config = {
    page,
    delay: 100,
    autoCompose,
    draftSaved: L.draftSaved,
    templates: {
      composeNew: composeTemplate(L, 'new'),
      composeReply: composeTemplate(L, 'reply'),
      dialog: dialogTemplate(L),
      plainMenu: plainTextMenu(L),
      toolbarRow: toolbarRow(L),
      signature: signatureHtml(),
      quote: quoteHtml(L),
      replyChips: chip('Bob Booker', 'bob@example.com'),
      chip: chip('{{name}}', '{{email}}'),
      inbox: inboxView(L),
      thread: threadView(L),
      capture,
    },
  };
  const title = page === 'popout' ? L.newMessage : `${L.inbox} - ann@example.com - Gmail`;
  const content =
    page === 'popout'
      ? `<div class="nH"><div class="nH" role="main"></div></div>`
      : appChrome(L, page === 'thread' ? threadView(L) : inboxView(L));
  return (
    `<!doctype html><html lang="${L.lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<style>${asset('gmail.css')}</style></head>` +
    `<body${page === 'popout' ? ' class="xE xp"' : ''}>${content}` +
    `<script>window.__gmailConfig = ${scriptJson(config)};</script>` +
    `<script>${asset('runtime.js')}</script>` +
    `</body></html>`
  );
}

/** Header, left navigation with the Compose button (`[gh=cm]`), and `[role=main]`. */
function appChrome(L: GmailLabels, main: string): string {
  return (
    `<div class="nH">` +
    `<div class="nH w-asV aiw"><header class="gb_" role="banner"><span class="gb_logo">Gmail</span>` +
    `<form class="aJf" role="search"><input class="gb_search" aria-label="${esc(L.search)}" placeholder="${esc(L.search)}"></form></header></div>` +
    `<div class="nH bkL">` +
    `<div class="aeN" role="navigation"><div class="aic"><div class="z0">` +
    `<div class="T-I T-I-KE L3" role="button" tabindex="0" gh="cm" style="user-select: none;">${esc(L.compose)}</div>` +
    `</div></div><div class="TK"><div class="aim"><a class="J-Ke n0" href="#inbox">${esc(L.inbox)}</a></div></div></div>` +
    `<div class="nH bkK"><div class="nH"><div class="nH ar4 z" role="main">${main}</div></div></div>` +
    `</div></div>`
  );
}

function asset(name: string): string {
  return readFileSync(resolve(here, name), 'utf8');
}

/** JSON safe inside an inline <script> (no `</script>` or `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
