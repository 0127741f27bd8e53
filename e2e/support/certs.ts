/** A self-signed TLS certificate for the stand-in hosts, made with `openssl` at test time (never committed). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM key and certificate. */
export interface TestCert {
  key: string;
  cert: string;
}

/** Hosts the certificate names; the browser maps each to the local server with --host-resolver-rules. */
export const CERT_HOSTS = ['api.calendly.com', 'mail.google.com', 'calendly.com', 'auth.calendly.com', 'localhost'];

let cached: TestCert | undefined;

/**
 * Returns this process's test certificate, creating it (RSA 2048, 2 days, SAN for `CERT_HOSTS` and 127.0.0.1)
 * in `dir` or a fresh temp dir on first use.
 */
export function makeCert(dir?: string): TestCert {
  if (cached) return cached;
  const out = dir ?? mkdtempSync(join(tmpdir(), 'open-slots-cert-'));
  const keyPath = join(out, 'key.pem');
  const certPath = join(out, 'cert.pem');
  const san = [...CERT_HOSTS.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=open-slots-test',
      '-addext', `subjectAltName=${san}`, '-keyout', keyPath, '-out', certPath],
    { stdio: 'pipe' },
  );
  cached = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  return cached;
}
