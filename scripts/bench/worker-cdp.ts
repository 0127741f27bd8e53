/**
 * DevTools Protocol commands on the extension's service worker. Playwright's `context.newCDPSession()`
 * takes only a Page or Frame (1.65: "page: expected Page or Frame"), and a service worker has no
 * `performance.memory`, so this goes through a browser-level session (`browser.newBrowserCDPSession()`):
 * `Target.attachToTarget` on the worker's target with `flatten: false`, then `Target.sendMessageToTarget`
 * / `Target.receivedMessageFromTarget` carry the worker's own commands (Runtime.getHeapUsage,
 * HeapProfiler.collectGarbage). A restarted worker is a new target: attach again.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';

export interface WorkerSession {
  targetId: string;
  call<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  detach(): Promise<void>;
}

export interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize?: number;
  backingStorageSize?: number;
}

export async function attachToExtensionWorker(context: BrowserContext, extensionId: string): Promise<WorkerSession> {
  const browser = context.browser();
  if (!browser) throw new Error('attachToExtensionWorker: no Browser for this context');
  const root: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await root.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) throw new Error(`attachToExtensionWorker: no running service worker for ${extensionId}`);
  const { sessionId } = (await root.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };

  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  root.on('Target.receivedMessageFromTarget', (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const msg = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id!);
    if (msg.error) waiter.reject(new Error(msg.error.message));
    else waiter.resolve(msg.result);
  });

  return {
    targetId: target.targetId,
    call<T>(method: string, params: Record<string, unknown> = {}) {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        // The `sessionId` form of sendMessageToTarget is deprecated in the protocol but still served.
        root.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) } as never).catch(reject);
      });
    },
    async detach() {
      await root.send('Target.detachFromTarget', { sessionId } as never).catch(() => undefined);
      await root.detach().catch(() => undefined);
    },
  };
}

/** Heap of the worker's isolate after a forced full GC. */
export async function heapAfterGc(worker: WorkerSession): Promise<HeapUsage> {
  await worker.call('HeapProfiler.collectGarbage');
  await worker.call('HeapProfiler.collectGarbage');
  return worker.call<HeapUsage>('Runtime.getHeapUsage');
}
