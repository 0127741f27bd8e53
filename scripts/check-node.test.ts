import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types (it must run before anything is installed)
import { unsupportedNode } from './check-node.mjs';

describe('check-node', () => {
  it.each(['18.19.0', 'v18.20.4', '20.11.1', '21.7.3', '16.20.2', '19.0.0'])('stops Node %s with one sentence naming the versions that work', (v) => {
    const message: string = unsupportedNode(v);
    expect(message).toContain('Node.js 20.12 or a later 20.x, or Node.js 22 or later');
    expect(message).toContain(`this is Node.js ${v.replace(/^v/, '')}`);
    expect(message.split('\n')).toHaveLength(1);
  });

  it.each(['20.12.0', '20.19.1', 'v22.0.0', '22.11.0', '24.3.0'])('lets Node %s through', (v) => {
    expect(unsupportedNode(v)).toBeNull();
  });

  it('agrees with "engines" in package.json and passes this Node silently', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.12 <21 || >=22');
    expect(execFileSync(process.execPath, ['scripts/check-node.mjs'], { encoding: 'utf8' })).toBe('');
  });
});
