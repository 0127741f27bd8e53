/**
 * "Fresh until sent" (issue 19): while a draft with our times stays open, re-check those times and tell its
 * button when one was taken. The inserted block is marked (lib/format/marks.ts); nothing is changed in the
 * draft here: the user's "Update" does that (insert.ts `replaceBlockContent`).
 *
 * Budget: one check a minute per tab at most, only while the tab is shown, only for composes that are
 * visible (not minimized), and only for blocks that have been in the draft for a minute (their times were
 * fetched when they went in). One message per check covers every open compose of the tab, for one event type
 * (drafts offering several take turns); the background answers it from the same cached answer a click
 * uses, so a check is at most one request to Calendly, and none when a click or a prefetch fetched the
 * times in the last minute.
 */
import type { OfferedAnswer, OfferedCheck, Result } from '../contract';
import { isEventTypeUri, isMarkedStart, MARK_EVENT_TYPE, MARK_START } from '../format';
import { closestFirst, GMAIL } from './selectors';

/** At most one check per this long. */
export const CHECK_EVERY_MS = 60_000;
/** How often the tab looks whether a check is due: nothing is read while a check is not due (a minute after
 * the last one); when one is, each visible compose's body is searched for our blocks (one querySelectorAll). */
export const LOOK_EVERY_MS = 5_000;

/** One of our blocks in a draft and the times its links offer. */
export interface OfferedBlock {
  block: HTMLElement;
  eventTypeUri: string;
  starts: string[];
}

/**
 * Our marked blocks in one compose body (not those inside the signature or a quoted message), each with
 * the distinct well-formed instants its links carry. A block whose links were all deleted offers nothing.
 */
export function offeredBlocks(body: Element): OfferedBlock[] {
  const out: OfferedBlock[] = [];
  for (const block of body.querySelectorAll<HTMLElement>(`[${MARK_EVENT_TYPE}]`)) {
    if (closestFirst(block, GMAIL.bodyEnd)) continue;
    // A block pasted inside another counts with the outer one.
    if (block.parentElement?.closest(`[${MARK_EVENT_TYPE}]`)) continue;
    const eventTypeUri = block.getAttribute(MARK_EVENT_TYPE);
    if (!isEventTypeUri(eventTypeUri)) continue;
    const starts = new Set<string>();
    for (const link of block.querySelectorAll(`a[${MARK_START}]`)) {
      const start = link.getAttribute(MARK_START);
      if (isMarkedStart(start)) starts.add(start);
    }
    if (starts.size > 0) out.push({ block, eventTypeUri, starts: [...starts] });
  }
  return out;
}

/** What a compose's button is told after a check. */
export interface Staleness {
  /** How many offered times in this draft are no longer free (0: all still free, or nothing offered). */
  gone: number;
  /** The first block holding one of them: what "Update" replaces. */
  block: HTMLElement | null;
  /** That block's event type and how many times it offered ("Update" asks for as many, of the same type). */
  eventTypeUri: string | null;
  offered: number;
}

export const FRESH: Staleness = { gone: 0, block: null, eventTypeUri: null, offered: 0 };

/** A compose the checker looks at. */
export interface WatchedCompose {
  /** Its body; null if it has none any more (it is then forgotten). A closed compose usually leaves earlier,
   * through the weak reference. */
  body(): HTMLElement | null;
  /** Whether the user can see it (not minimized). */
  visible(): boolean;
  report(state: Staleness): void;
}

export interface FreshnessDeps {
  doc: Document;
  signal: AbortSignal;
  check(req: OfferedCheck): Promise<Result<OfferedAnswer>>;
  now?: () => number;
}

export function createFreshness({ doc, signal, check, now = Date.now }: FreshnessDeps) {
  // Weakly: a compose's record (held by its button's host) keeps its entry alive, so a closed compose is
  // freed with its DOM even before the next check notices it is gone.
  const watched = new Set<WeakRef<WatchedCompose>>();
  let lastCheck = Number.NEGATIVE_INFINITY;
  let running = false;
  let turn = 0;
  /** When each block was first seen (weakly: a block removed from the draft is forgotten with it). */
  const firstSeen = new WeakMap<HTMLElement, number>();
  /** What the last check of each event type found taken. */
  const gone = new Map<string, Set<string>>();

  /** Runs a check if one is due and there is something to check; resolves when it is over. */
  async function tick(): Promise<void> {
    if (signal.aborted || running || doc.hidden || now() - lastCheck < CHECK_EVERY_MS) return;
    const seen: { compose: WatchedCompose; blocks: OfferedBlock[] }[] = [];
    for (const ref of watched) {
      const compose = ref.deref();
      const body = compose?.body();
      if (!compose || !body) {
        watched.delete(ref);
        continue;
      }
      if (!compose.visible()) continue;
      const all = offeredBlocks(body);
      if (all.length === 0) {
        compose.report(FRESH);
        continue;
      }
      // A block is checked once it has been in the draft a minute: its times were fetched when it went in.
      const at = now();
      const blocks = all.filter((b) => {
        const since = firstSeen.get(b.block);
        if (since === undefined) firstSeen.set(b.block, at);
        return since !== undefined && at - since >= CHECK_EVERY_MS;
      });
      if (blocks.length > 0) seen.push({ compose, blocks });
    }
    if (seen.length === 0) return;
    const byType = new Map<string, Set<string>>();
    for (const { blocks } of seen) {
      for (const b of blocks) {
        const set = byType.get(b.eventTypeUri) ?? new Set<string>();
        for (const s of b.starts) set.add(s);
        byType.set(b.eventTypeUri, set);
      }
    }
    // One event type per check (one request at most, whatever is open); with several, they take turns.
    const types = [...byType.keys()].sort();
    const uri = types[turn++ % types.length]!;
    lastCheck = now();
    running = true;
    let r: Result<OfferedAnswer> | null;
    try {
      r = await check({ offers: [{ eventTypeUri: uri, starts: [...byType.get(uri)!] }] });
    } catch {
      r = null; // the background was unreachable (e.g. the extension updated): next minute
    } finally {
      running = false;
    }
    // A failed check (offline, Calendly down) says nothing about the times: the notices stay as they were.
    if (!r?.ok || signal.aborted) return;
    gone.set(uri, new Set(r.data.gone));
    for (const known of gone.keys()) if (!byType.has(known)) gone.delete(known);
    for (const { compose, blocks } of seen) {
      let count = 0;
      let first: OfferedBlock | null = null;
      for (const b of blocks) {
        const taken = gone.get(b.eventTypeUri);
        const n = taken ? b.starts.filter((s) => taken.has(s)).length : 0;
        count += n;
        if (n > 0 && !first) first = b;
      }
      compose.report(first ? { gone: count, block: first.block, eventTypeUri: first.eventTypeUri, offered: first.starts.length } : FRESH);
    }
  }

  const timer = setInterval(() => void tick(), LOOK_EVERY_MS);
  // Back to a tab left in the background for a while: check now if a check is due, not in up to 5 s.
  doc.addEventListener('visibilitychange', () => void tick(), { signal });
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });

  return {
    /** Starts watching a compose, held weakly: the caller keeps `compose` alive as long as it matters. */
    watch(compose: WatchedCompose): void {
      watched.add(new WeakRef(compose));
    },
    /** For tests and the entrypoint's own timing: runs a check now if one is due. */
    tick,
  };
}
