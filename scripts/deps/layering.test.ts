// @vitest-environment node
/**
 * The layering rule (.dependency-cruiser.cjs, run by `npm run lint:deps` in `npm test`) fails on what it
 * is meant to catch. dependency-cruiser runs, with the project's own config, on a small made-up project
 * in a temp folder: clean first (exit 0), then with a planted cycle and planted wrong-way imports.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A project folder with the repo's config and the given files; returns depcruise's exit code and output. */
function cruise(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'open-slots-layering-'));
  dirs.push(dir);
  for (const name of ['.dependency-cruiser.cjs', '.dependency-cruiser.resolve.cjs']) copyFileSync(join(ROOT, name), join(dir, name));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler' } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(process.execPath, [DEPCRUISE, 'entrypoints', 'components', 'lib', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project laid out the right way: entrypoints -> components -> lib, lib/background only from its entrypoint. */
const CLEAN = {
  'lib/contract/index.ts': "export type Status = { connected: boolean };\n",
  'lib/background/service.ts': "import type { Status } from '../contract';\nexport const getStatus = (): Status => ({ connected: true });\n",
  'lib/background/service.test.ts': "import { getStatus } from './service';\nexport const t = getStatus();\n",
  'components/Badge.tsx': "import type { Status } from '@/lib/contract';\nexport const Badge = (s: Status) => String(s.connected);\n",
  'entrypoints/background.ts': "import { getStatus } from '@/lib/background/service';\nexport default getStatus;\n",
  'entrypoints/popup/main.tsx': "import { Badge } from '@/components/Badge';\nexport default Badge;\n",
};

describe('dependency rules', () => {
  it('pass a project that follows them, and fail on a planted cycle and on imports the wrong way', () => {
    const clean = cruise(CLEAN);
    expect(clean.output).not.toMatch(/error/);
    expect(clean.status).toBe(0);

    const planted = cruise({
      ...CLEAN,
      // A cycle through type-only imports (the kind lib/messages.ts and lib/background/* had).
      'lib/contract/index.ts': "import type { Answer } from './answer';\nexport type Status = { connected: boolean; last?: Answer };\n",
      'lib/contract/answer.ts': "import type { Status } from './index';\nexport type Answer = { status: Status };\n",
      // lib importing components, and a component reaching into the background.
      'lib/gmail/mount.ts': "import type { Badge } from '@/components/Badge';\nexport type Render = typeof Badge;\n",
      'components/Team.tsx': "import { getStatus } from '@/lib/background/service';\nexport const Team = () => getStatus();\n",
      // Something importing an entrypoint.
      'lib/x.ts': "import main from '../entrypoints/background';\nexport const x = main;\n",
    });
    expect(planted.status).not.toBe(0);
    expect(planted.output).toMatch(/no-circular: lib\/contract\/(index|answer)\.ts/);
    expect(planted.output).toContain('lib-not-to-components: lib/gmail/mount.ts → components/Badge.tsx');
    expect(planted.output).toContain('background-only-from-its-entrypoint: components/Team.tsx → lib/background/service.ts');
    expect(planted.output).toContain('entrypoints-are-leaves: lib/x.ts → entrypoints/background.ts');
  }, 60_000);
});
