/**
 * One local HTTPS server standing in for every origin the extension touches, routed by Host header:
 * api.calendly.com and auth.calendly.com -> the fake Calendly, mail.google.com -> the given Gmail pages,
 * calendly.com -> a stub booking page. The browser reaches it via --host-resolver-rules (see browser.ts).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeCert } from './certs';
import type { FakeCalendly } from './fake-calendly';

/** Options of `startStandIns`. */
export interface StandInOptions {
  fakeCalendly: FakeCalendly;
  /** Gmail stand-in pages by path (e.g. `/mail/u/0/`), served as text/html; read per request, so tests may edit it. */
  gmailPages?: Record<string, string>;
  /** Called first for every request; return true when it answered. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** A running stand-in server. */
export interface StandIns {
  port: number;
  server: Server;
  /** Stops the server, closing every open (even hung) connection. */
  close(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function bookingPage(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  if (path.startsWith('/.well-known/oauth-authorization-server')) {
    const body = JSON.stringify({
      issuer: 'https://auth.calendly.com',
      authorization_endpoint: 'https://auth.calendly.com/oauth/authorize',
      token_endpoint: 'https://auth.calendly.com/oauth/token',
      revocation_endpoint: 'https://auth.calendly.com/oauth/revoke',
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    return;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Calendly booking page</title></head>
<body><h1>Calendly booking page</h1><p id="booking-path">${escapeHtml(path)}</p></body></html>`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
}

function gmail(pages: Record<string, string> | undefined, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'https://mail.google.com').pathname;
  const html = pages?.[path];
  if (html === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`No Gmail stand-in page for ${path}`);
    return;
  }
  // Gmail's own policy since 2024: HTML sinks (innerHTML, insertHTML, …) need TrustedHTML in the page's world.
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "require-trusted-types-for 'script'" }).end(html);
}

/** Starts the stand-ins on 127.0.0.1 at a random port. */
export async function startStandIns(options: StandInOptions): Promise<StandIns> {
  const { key, cert } = makeCert();
  const sockets = new Set<Socket>();
  const server = createServer({ key, cert }, (req, res) => {
    if (options.routes?.(req, res)) return;
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (host === 'mail.google.com') return gmail(options.gmailPages, req, res);
    if (host === 'calendly.com') return void (options.fakeCalendly.shares.bookingPage(req, res) || bookingPage(req, res));
    // api.calendly.com, auth.calendly.com, and direct requests to 127.0.0.1/localhost from unit tests.
    options.fakeCalendly.handle(req, res);
  });
  // Idle connections stay open as a CDN's do (minutes), not Node's 5 s: a request written just as Node closed
  // an idle socket reached nothing, and a fault test counting attempts saw one fewer (3 of 4, under load).
  server.keepAliveTimeout = 600_000;
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        options.fakeCalendly.releaseHanging();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
