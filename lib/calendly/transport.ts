/**
 * What every request to Calendly (API and OAuth) shares below its own rules: a deadline that aborts the
 * exchange, how a failed exchange is told apart (the deadline, or the network), and the JSON body.
 */
import { CalendlyError, MESSAGES, type ErrorInfo } from './errors';

/** An AbortController that aborts with a `TimeoutError` after `ms`; `timedOut()` says whether that happened. */
export function deadline(ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('timeout', 'TimeoutError'));
  }, ms);
  return { controller, timedOut: () => timedOut, clear: () => clearTimeout(timer) };
}

/** Why an exchange that threw failed: the deadline passed, or the network let it down. */
export function transportFailure(timedOut: boolean): ErrorInfo {
  return timedOut ? { kind: 'timeout', message: MESSAGES.timeout } : { kind: 'network', message: MESSAGES.network };
}

/** The body of a 2xx answer as JSON; anything else is a malformed answer. */
export function parseJson(text: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CalendlyError({ kind: 'malformed', message: MESSAGES.malformed, status, details: ['response is not JSON'] });
  }
}
