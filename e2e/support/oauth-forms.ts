/**
 * The fake Calendly logs each request's method, path and bearer fingerprint, not form bodies. OAuth tests
 * need to know what the extension POSTed to auth.calendly.com (grant_type, PKCE verifier, which refresh
 * token), so this stand-in route reads those bodies, records their fields, and hands the request on to the
 * fake unchanged (with the body replayed). Use: `const forms = recordOAuthForms(); startApp({ routes:
 * forms.routes })`, then `forms.attach(app.fake)`.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { FakeCalendly } from './fake-calendly';

export interface RecordedForm {
  path: string;
  fields: Record<string, string>;
  /** HTTP status the fake answered with (set when the response finished). */
  status?: number;
}

/** Whether `verifier` hashes (S256) to `challenge`. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

export function recordOAuthForms() {
  let fake: FakeCalendly | null = null;
  const forms: RecordedForm[] = [];

  function routes(req: IncomingMessage, res: ServerResponse): boolean {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (host !== 'auth.calendly.com' || req.method !== 'POST' || !fake) return false;
    const target = fake;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry: RecordedForm = { path: new URL(req.url ?? '/', 'https://auth.calendly.com').pathname, fields: Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
      forms.push(entry);
      res.on('finish', () => (entry.status = res.statusCode));
      // The fake reads the body as a stream, and only headers, method, url and socket besides.
      const replay = Object.assign(Readable.from([body]), { headers: req.headers, method: req.method, url: req.url, socket: req.socket });
      target.handle(replay as unknown as IncomingMessage, res);
    });
    return true;
  }

  return {
    routes,
    forms,
    /** Starts recording for `fakeCalendly` (until then, requests go straight to the fake). */
    attach(fakeCalendly: FakeCalendly) {
      fake = fakeCalendly;
    },
    /** Token requests (POST /oauth/token) of the given grant type. */
    tokenRequests(grantType: 'authorization_code' | 'refresh_token') {
      return forms.filter((f) => f.path === '/oauth/token' && f.fields.grant_type === grantType);
    },
  };
}

/** POSTs a form to the fake's auth.calendly.com (as Calendly's token endpoint would get it); resolves to status and JSON. */
export function authPost(port: number, path: string, fields: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = new URLSearchParams(fields).toString();
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { host: 'auth.calendly.com', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) },
        servername: 'auth.calendly.com',
        rejectUnauthorized: false,
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
