import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64url, challengeFor, createPkce, randomState } from './pkce';

describe('pkce', () => {
  it('base64url has no padding and uses - and _', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([]))).toBe('');
  });

  it('matches the RFC 7636 appendix B example', async () => {
    expect(await challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates a 43-character verifier and its S256 challenge', async () => {
    const { verifier, challenge } = await createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('never repeats verifiers or states', async () => {
    const verifiers = new Set(await Promise.all(Array.from({ length: 50 }, async () => (await createPkce()).verifier)));
    const states = new Set(Array.from({ length: 50 }, () => randomState()));
    expect(verifiers.size).toBe(50);
    expect(states.size).toBe(50);
    for (const s of states) expect(s).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
