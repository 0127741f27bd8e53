/**
 * A fixed clock for the screenshots, so two runs give the same bytes. Pages get Playwright's clock
 * (`context.clock`). The extension's service worker, which Playwright's clock does not reach, gets the same
 * Date before its own script runs: the worker is stopped and, when it starts again, a DevTools session
 * (browser-level auto-attach, waiting for the debugger) defines the clock and lets it run. Playwright's
 * CDP sessions cannot talk to such auto-attached targets, so this uses the browser's own DevTools socket
 * (`--remote-debugging-port=0`, whose port Chromium writes to DevToolsActivePort in the profile).
 * Screenshots only: the shipped extension has no clock of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import WebSocket from 'ws';
import { stopServiceWorker } from '../../e2e/support/browser';

/** The launch flag that opens the DevTools socket. */
export const DEVTOOLS_PORT_ARG = '--remote-debugging-port=0';

/** The script that moves a worker's clock to `start` (it then ticks on from there). */
export function clockScript(start: number): string {
  return `(() => {
    const Real = Date, offset = ${start} - Real.now();
    class PinnedDate extends Real {
      constructor(...a) { a.length ? super(...a) : super(Real.now() + offset); }
      static now() { return Real.now() + offset; }
    }
    globalThis.Date = PinnedDate;
  })();`;
}

/**
 * Restarts the extension's worker with its clock at `start`, woken by `wake` (e.g. opening one of its
 * pages); resolves once the new worker has the clock. `profile` is the browser's user data dir.
 */
export async function pinWorkerClock(opts: { context: BrowserContext; profile: string; extensionId: string; start: number; wake: () => Promise<unknown> }) {
  const [port, path] = readFileSync(join(opts.profile, 'DevToolsActivePort'), 'utf8').trim().split('\n');
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const replies = new Map<number, (result: any) => void>();
  const send = (method: string, params: object = {}, sessionId?: string) =>
    new Promise<any>((resolve) => {
      replies.set(++id, resolve);
      socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
  let worker = '';
  let found!: () => void;
  const attached = new Promise<void>((resolve) => (found = resolve));
  let pinned!: () => void;
  const done = new Promise<void>((resolve) => (pinned = resolve));
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; method?: string; params?: any; sessionId?: string };
    if (msg.id !== undefined) replies.get(msg.id)?.(msg.result);
    if (msg.method === 'Target.attachedToTarget') {
      const { sessionId, targetInfo, waitingForDebugger } = msg.params;
      if (targetInfo.type === 'service_worker' && targetInfo.url.startsWith(`chrome-extension://${opts.extensionId}/`)) {
        worker = sessionId;
        found();
      }
      if (waitingForDebugger) void send('Runtime.runIfWaitingForDebugger', {}, sessionId);
    }
    // The restarted worker stops before its script runs: the clock goes in, then it runs.
    if (msg.method === 'Debugger.paused' && msg.sessionId === worker && worker) {
      void (async () => {
        await send('Runtime.evaluate', { expression: clockScript(opts.start) }, worker);
        await send('Debugger.removeInstrumentationBreakpoint', { instrumentation: 'beforeScriptExecution' }, worker);
        await send('Debugger.resume', {}, worker);
        pinned();
      })();
    }
  });
  await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
  await within(attached, 15_000, 'the extension worker to be attached');
  // The worker's DevTools target outlives a stop, and its debugger settings carry over to the next instance.
  await send('Debugger.enable', {}, worker);
  await send('Debugger.setInstrumentationBreakpoint', { instrumentation: 'beforeScriptExecution' }, worker);
  // A loaded run (2026-12-06) hung here: the pause never came. Each try is bounded; the stop and wake are
  // tried again (the breakpoint stays set), and a third miss is an error, not a hang.
  for (let attempt = 1; ; attempt++) {
    await stopServiceWorker(opts.context, opts.extensionId);
    await opts.wake();
    try {
      await within(done, 15_000, 'the restarted worker to pause before its script');
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  await send('Debugger.disable', {}, worker);
  await send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: true });
  socket.close();
}

/** `promise`, or an error naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`screenshots: timed out waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
