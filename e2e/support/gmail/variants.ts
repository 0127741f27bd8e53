/**
 * Stand-in variants of Gmail after it changed (issue 16), generated from the stand-in pages and the real
 * 2020 capture (pages.ts), never hand-written:
 *
 * - `renamed`: Gmail's class-token experiment (InboxSDK, 2026-07-07: `Ht` became `Ht-<hash>`), applied to
 *   EVERY class token: each gets `CLASS_SUFFIX`. Ids, roles, aria attributes, `g_editable`, form field
 *   names and `command` attributes are kept; so are the `gmail_*` classes of the draft's own HTML
 *   (signature, quote), which are part of the email and travel to its recipients.
 * - `noToolbar`: the bottom bar's table (`table[role=group]` with the row holding Send) rebuilt from divs,
 *   as Gmail did with the thread's reply bar in 2025 (InboxSDK 240ca0ea, `.amn` moved out of a table):
 *   the body and a Send button are there, but no toolbar row is recognisable.
 * - `replyWrapper`: an inline reply inside one more wrapper element between the reply area (`.ip`) and the
 *   compose, plus the renamed class tokens (the experiment runs on the same page). The Gmail DOM reference
 *   notes that wrapper depths vary between builds ("~"); this variant makes the compose reachable only by
 *   roles and structure.
 *
 * The page runtime (runtime.js) follows the renamed classes through `classSuffix` in its config, so the
 * stand-ins still open, close and re-render composes the way Gmail does.
 */
import { GMAIL_PATHS, gmailPages } from './pages';

/** What every class token gets in the `renamed` variants (Gmail's experiment adds `-<hash>`). */
export const CLASS_SUFFIX = '-q7x';

/** Paths of the variant pages; `capture` ones exist only where the real capture is (../shared). */
export const VARIANT_PATHS = {
  renamed: '/mail/u/0/v/renamed',
  renamedCapture: '/mail/u/0/v/renamed-capture',
  noToolbar: '/mail/u/0/v/no-toolbar',
  noToolbarCapture: '/mail/u/0/v/no-toolbar-capture',
  replyWrapper: '/mail/u/0/v/reply-wrapper',
} as const;

const keep = (token: string) => token.startsWith('gmail_') || token.endsWith(CLASS_SUFFIX);
const renameToken = (token: string) => (keep(token) ? token : token + CLASS_SUFFIX);

/** Every class token in `class="…"` / `class='…'` attributes gets the suffix. */
export function renameClassTokens(html: string): string {
  return html.replace(/(\sclass=)(["'])([^"']*)\2/g, (_, attr: string, q: string, value: string) =>
    attr + q + value.split(/\s+/).filter(Boolean).map(renameToken).join(' ') + q,
  );
}

/** Class selectors in a stylesheet get the suffix (`.M9` -> `.M9-q7x`). */
export function renameCssClasses(css: string): string {
  return css.replace(/\.([A-Za-z_][\w-]*)/g, (_, name: string) => `.${renameToken(name)}`);
}

/**
 * The bottom bar's `table[role=group]` (and any bare toolbar `<tr>`) rebuilt from divs: same buttons, same
 * classes, no table, no row. Tables nested inside it are converted too.
 */
export function withoutToolbarRow(html: string): string {
  const divs = (part: string) =>
    part
      .replace(/<colgroup\b[\s\S]*?<\/colgroup>/g, '')
      .replace(/<(\/?)(?:table|tbody|tr|td)\b/g, '<$1div')
      .replace(/\srole="group"/g, '');
  let out = html;
  for (;;) {
    const at = out.search(/<table\b[^>]*\srole="group"/);
    if (at < 0) break;
    let depth = 0;
    const tags = /<(\/?)table\b/g;
    tags.lastIndex = at;
    let end = -1;
    for (let m = tags.exec(out); m; m = tags.exec(out)) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) {
        end = out.indexOf('>', m.index) + 1;
        break;
      }
    }
    if (end < 0) throw new Error('unbalanced toolbar table');
    out = out.slice(0, at) + divs(out.slice(at, end)) + out.slice(end);
  }
  // A bare toolbar row (the template Gmail re-renders) has no table around it.
  return /^\s*<tr\b/.test(out) ? divs(out) : out;
}

/** One more wrapper element around the inline reply's compose (the `.M9` root). */
export function withReplyWrapper(composeReply: string): string {
  if (!composeReply.startsWith('<div class="M9">')) throw new Error('unexpected reply template');
  return `<div class="aO9 nH">${composeReply}</div>`;
}

type Templates = Record<string, string | undefined>;

interface Transform {
  /** Rename every class token (page, CSS, and everything the runtime inserts). */
  rename?: boolean;
  templates?(t: Templates): void;
  /** Compose kinds opened after load (the config's `autoCompose`). */
  autoCompose?: string;
}

const CONFIG = /<script>window\.__gmailConfig = ([\s\S]*?);<\/script>/;

/** A stand-in page (complete HTML from pages.ts) turned into a variant. */
export function variantOf(page: string, transform: Transform): string {
  const match = CONFIG.exec(page);
  if (!match) throw new Error('no __gmailConfig in the stand-in page');
  const config = JSON.parse(match[1]!) as { templates: Templates; classSuffix?: string; autoCompose?: string };
  transform.templates?.(config.templates);
  if (transform.autoCompose !== undefined) config.autoCompose = transform.autoCompose;
  let head = page.slice(0, match.index);
  if (transform.rename) {
    config.classSuffix = CLASS_SUFFIX;
    head = renameClassTokens(head).replace(/<style>([\s\S]*?)<\/style>/g, (_, css: string) => `<style>${renameCssClasses(css)}</style>`);
  }
  return head + `<script>window.__gmailConfig = ${scriptJson(config)};</script>` + page.slice(match.index + match[0].length);
}

function noToolbar(t: Templates): void {
  for (const key of ['composeNew', 'composeReply', 'toolbarRow', 'capture'] as const) {
    const html = t[key];
    if (html) t[key] = withoutToolbarRow(html);
  }
}

/**
 * The variant pages, keyed by path like `gmailPages()`. Capture variants are left out (with the reason in
 * `missing`) when the stand-in pages hold no capture page.
 */
export function gmailVariantPages(pages: Record<string, string | undefined> = gmailPages()): Record<string, string> {
  const inbox = pages[GMAIL_PATHS.inbox]!;
  const thread = pages[GMAIL_PATHS.thread]!;
  const capture = pages[GMAIL_PATHS.capture];
  const out: Record<string, string> = {
    [VARIANT_PATHS.renamed]: variantOf(inbox, { rename: true }),
    [VARIANT_PATHS.noToolbar]: variantOf(inbox, { templates: noToolbar }),
    [VARIANT_PATHS.replyWrapper]: variantOf(thread, {
      rename: true,
      templates: (t) => void (t.composeReply = withReplyWrapper(t.composeReply!)),
    }),
  };
  if (capture) {
    out[VARIANT_PATHS.renamedCapture] = variantOf(capture, { rename: true });
    out[VARIANT_PATHS.noToolbarCapture] = variantOf(capture, { templates: noToolbar });
  }
  return out;
}

/** JSON safe inside an inline <script> (as pages.ts writes it). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
