/** Faults on demand: error statuses, slow, never-answering, malformed or dropped responses. */

/** What to do to matching requests. Without `times` the fault stays until `clearFaults()`. */
export interface FaultSpec {
  /** Path prefix to match, e.g. `/event_type_available_times`; default every path. */
  path?: string;
  /** HTTP method to match; default any. */
  method?: string;
  /** How many matching requests to affect; default unlimited. */
  times?: number;
  /** Answer with this status and Calendly's standard error body for it (or `body`). */
  status?: number;
  /** Body to send with `status` instead of the standard one. */
  body?: unknown;
  /** For `status: 429`: the `X-RateLimit-Reset` seconds to report (default 60). */
  resetSeconds?: number;
  /** Wait this long (real milliseconds) before answering; combines with the other fields. */
  delayMs?: number;
  /** Never answer (the connection stays open until the client gives up or the server closes). */
  hang?: boolean;
  /** Answer 200 with a JSON content type and the truncated body `{"collection": [`. */
  malformed?: boolean;
  /** Destroy the socket without any response. */
  dropConnection?: boolean;
}

/** A registered fault; `hits` counts the requests it affected. */
export interface Fault extends FaultSpec {
  hits: number;
  /** Unregisters this fault. */
  remove(): void;
}

/** Keeps the registered faults and picks the first active one matching a request. */
export function createFaults() {
  const faults: Fault[] = [];
  return {
    add(spec: FaultSpec): Fault {
      const fault: Fault = {
        ...spec,
        hits: 0,
        remove: () => {
          const i = faults.indexOf(fault);
          if (i >= 0) faults.splice(i, 1);
        },
      };
      faults.push(fault);
      return fault;
    },
    /** Takes (counts) the fault for this request, if any. */
    take(method: string, path: string): Fault | undefined {
      const fault = faults.find(
        (f) =>
          (f.times === undefined || f.hits < f.times) &&
          (!f.path || path.startsWith(f.path)) &&
          (!f.method || f.method.toUpperCase() === method),
      );
      if (fault) fault.hits += 1;
      return fault;
    },
    clear(): void {
      faults.length = 0;
    },
  };
}
