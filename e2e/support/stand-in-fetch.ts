/**
 * A `fetch` for Calendly URLs that talks to the local stand-in server from Node (integration tests): the
 * request goes to 127.0.0.1:<port> with the URL's Host header and SNI, the test certificate trusted, and no
 * redirects followed (a 302 comes back as is, as the OAuth consent step needs).
 */
import { request, type Agent } from 'node:https';
import { makeCert } from './certs';

export function standInFetch(port: number, opts: { agent?: Agent } = {}): typeof globalThis.fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const headers: Record<string, string> = { host: url.host };
      new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
      const body = init?.body == null ? undefined : String(init.body);
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: url.pathname + url.search,
          method: init?.method ?? 'GET',
          headers,
          servername: url.hostname,
          ca: makeCert().cert,
          agent: opts.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const out = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
            }
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            resolve(new Response(status === 204 || status === 304 ? null : text, { status, headers: out }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      init?.signal?.addEventListener('abort', () => req.destroy(init.signal?.reason as Error), { once: true });
      req.end(body);
    })) as typeof globalThis.fetch;
}
