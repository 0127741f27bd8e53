/**
 * The few things a browser test does, behind one interface with a Chromium (playwright-core) and a Firefox
 * (puppeteer-core over WebDriver BiDi) implementation, so the same scenarios run in both browsers
 * (e2e/scenarios/). Elements are found as a user finds them: by role and accessible name, or by label.
 */

/** What to act on: by role and accessible name (exact), or by label (no role); within a CSS scope. */
export interface Target {
  role?: 'button' | 'textbox' | 'dialog' | 'alert' | 'region' | 'combobox' | 'spinbutton' | 'link' | 'status';
  /** Exact accessible name (or label). */
  name: string;
  /** CSS selector of the element to search in (its open shadow roots included). */
  within?: string;
}

export interface UiPage {
  /** Runs `fn` in the page's own world (extension pages: with the extension's APIs). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** A real mouse click on the target (found by role/name or label), waiting for it to appear. */
  click(target: Target | { css: string }): Promise<void>;
  /** Replaces the value of the field `target` by typing `value` into it. */
  fill(target: Target, value: string): Promise<void>;
  /** Whether the target is there (and exposed to assistive technology) now. */
  has(target: Target): Promise<boolean>;
  /** Waits for the target (default 15 s). */
  waitFor(target: Target, timeoutMs?: number): Promise<void>;
  /** Keys on the focused element: `"Control+z"`, `"End"`, `"Enter"`. */
  press(keys: string): Promise<void>;
  type(text: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  bringToFront(): Promise<void>;
  /** A PNG of the viewport into test-output/`name`.png; returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** What a content-script world can see of every storage area (see probe.ts). */
export interface StorageProbe {
  origin: string;
  /** `storage.<area>.get(null)` as JSON, or the error that refused it. */
  areas: Record<string, { json: string } | { refused: string }>;
  /** IndexedDB databases this world's origin has, and what opening the secrets database by name found. */
  indexedDB: { databases: string[]; secretsDb: string };
  webStorage: string;
}

export interface Driver {
  readonly browserName: 'chromium' | 'firefox';
  /** Opens one of the extension's pages (`options.html`, `popup.html`) in a new tab. */
  openExtensionPage(path: string): Promise<UiPage>;
  /**
   * The same browser with the system in dark mode, for `prefers-color-scheme: dark`. Chromium: this browser,
   * its new pages emulating dark. Firefox (BiDi has no colour-scheme emulation): a second Firefox launched
   * with dark prefs and its own profile, so not connected yet. Closed with this driver.
   */
  darkTwin(): Promise<Driver>;
  /** Opens a web page (a Gmail stand-in) in a new tab. */
  openPage(url: string): Promise<UiPage>;
  /** Reads every storage area from Open Slots' content-script world on `page`. */
  probeContentScript(page: UiPage): Promise<StorageProbe>;
  close(): Promise<void>;
}
