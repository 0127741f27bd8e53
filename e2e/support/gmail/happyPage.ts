/**
 * Loads a Gmail stand-in page into a fresh happy-dom Window with its runtime running, for unit tests
 * (vitest + happy-dom). The runtime is our own code, so enabling script evaluation is safe here.
 */
import { Window } from 'happy-dom';
import type { GmailStandIn } from './api';
import { gmailPages } from './pages';
import { gmailVariantPages } from './variants';

export interface HappyGmailPage {
  window: Window;
  document: Document;
  gmail: GmailStandIn;
  /** Puts a collapsed caret at (`node`, `offset`) as the page's only selection; returns its range. */
  selectAt(node: Node, offset: number): Range;
  close(): Promise<void>;
}

let pages: Record<string, string> | undefined;

/** `path` is a page path of `gmailPages()` or `gmailVariantPages()`, optionally with `?query` and `#hash`. */
export async function loadGmailPage(path: string): Promise<HappyGmailPage> {
  if (!pages) {
    const base = gmailPages();
    pages = { ...base, ...gmailVariantPages(base) };
  }
  const url = new URL(path, 'https://mail.google.com');
  const html = pages[url.pathname];
  if (!html) throw new Error(`No stand-in page at ${url.pathname}`);
  const window = new Window({
    url: url.href,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(html);
  const gmail = (window as unknown as { __gmail: GmailStandIn }).__gmail;
  await gmail.ready;
  return {
    window,
    document: window.document as unknown as Document,
    gmail,
    selectAt(node, offset) {
      const doc = window.document as unknown as Document;
      const range = doc.createRange();
      range.setStart(node, offset);
      range.collapse(true);
      const selection = doc.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return range;
    },
    close: () => window.happyDOM.close(),
  };
}
