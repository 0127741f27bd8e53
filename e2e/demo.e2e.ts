/**
 * `npm run demo` is a README command: run its script (headless) on the built extension and check it
 * connects, inserts and saves its four screenshots, so a UI change cannot break it unnoticed.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('connects, inserts slots and saves its screenshots', async () => {
    const started = Date.now();
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/demo.ts'], {
      env: { ...process.env, HEADLESS: '1', DISPLAY: '' },
      timeout: 90_000,
    });
    expect(stdout).toMatch(/Inserted 6 links/);
    for (const name of ['1-options-connected', '2-compose-open', '3-slots-inserted', '4-picker']) {
      const file = join(process.cwd(), 'demo-output', `${name}.png`);
      expect(stdout).toContain(file);
      expect(existsSync(file) && statSync(file).mtimeMs).toBeGreaterThanOrEqual(started);
    }
  }, 120_000);
});
