/** Kinds of compose the stand-ins can open. `plaintext` is a mole in Gmail's plain-text mode. */
export type StandInComposeKind = 'mole' | 'fullscreen' | 'inline' | 'plaintext' | 'popout';

export interface OpenComposeOptions {
  /** Default: `mole` (`popout` on the pop-out page). `inline` shows the conversation first if needed. */
  kind?: StandInComposeKind;
  /** Initial HTML of the draft's own text, before the signature (default `<div><br></div>`). */
  body?: string;
  /** Include the signature (default true). Inline replies always end with the quote. */
  signature?: boolean;
  subject?: string;
  /** Plain-text mode for any kind (same as kind `plaintext` for a mole). */
  plainText?: boolean;
  /** Open a mole already minimized (its body hidden), to test detection on restore. */
  minimized?: boolean;
  /**
   * Addresses in the To field, as recipient chips (`div[role=option][data-hovercard-id]`). Default: none for a
   * new message, Bob Booker <bob@example.com> for an inline reply.
   */
  to?: string[];
}

/** What the stand-in's draft autosave saw on one compose body. */
export interface DraftRecord {
  /** Every `input` event on the body; `isTrusted` is true for native ones (execCommand, typing). */
  inputs: { inputType: string; isTrusted: boolean }[];
  /** Saves done (300 ms after the last input, like a debounced autosave). */
  saves: number;
  /** Body HTML at the last save. */
  html: string | null;
}

/**
 * `window.__gmail` on every stand-in page. Compose ids are the values of Gmail's hidden
 * `input[name=composeid]` (the capture's compose is "1"). Use from Playwright:
 * `await page.evaluate(() => window.__gmail.openCompose({ kind: 'inline' }))`.
 */
export interface GmailStandIn {
  /** Opens a compose now and returns its id. */
  openCompose(opts?: OpenComposeOptions): string;
  /** Hides the mole's body container with an inline `display: none`, as Gmail does. */
  minimize(id: string): void;
  restore(id: string): void;
  /** Removes the dialog and re-inserts it under `body > div.aSs > div.aSt`, as Gmail does. */
  toFullscreen(id: string): void;
  /** Back from full screen into a new mole slot. */
  toMole(id: string): void;
  close(id: string): void;
  /** Renders (once) and checks/unchecks the "Plain text mode" item of the compose's More options menu. */
  setPlainText(id: string, on?: boolean): void;
  /** Replaces the compose's `tr.btC` with a freshly rendered row (Gmail re-rendering the toolbar). */
  rerenderToolbar(id: string): void;
  /** In-app navigation: replaces `[role=main]` content. `thread` opens its inline reply and returns its id. */
  navigate(view?: 'inbox' | 'thread'): string | null;
  /** Adds `n` unrelated nodes in bursts (default 50 per task), for observer cost benchmarks. */
  addNoise(n: number, opts?: { burst?: number }): Promise<void>;
  /** Gmail's theme setting (independent of the OS colour scheme): `dark` paints the page and composes dark. */
  setTheme(theme?: 'light' | 'dark'): void;
  /** The compose root (`div.M9`) for an id. */
  root(id: string): HTMLElement | null;
  /** Ids of all composes in the page. */
  ids(): string[];
  draft(id: string): DraftRecord | null;
  /** Resolves once the composes the page opens after load (?compose=, thread, pop-out, capture) are in. */
  ready: Promise<void>;
  /**
   * The stand-in's Trusted Types policy: the page is served with Gmail's `require-trusted-types-for 'script'`,
   * so a test that sets `innerHTML` in the page's world passes its HTML through this.
   */
  trusted(html: string): string;
  /**
   * Keyboard shortcuts the stand-in ran (Gmail's, when turned on in its settings): "c" pressed outside a
   * text field opens a new message.
   */
  shortcuts: string[];
}

declare global {
  interface Window {
    __gmail: GmailStandIn;
  }
}
