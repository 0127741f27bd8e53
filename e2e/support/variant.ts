/**
 * Builds a variant of the extension (e.g. with WXT_CALENDLY_CLIENT_ID) into its own directory, never into
 * the default `.output/chrome-mv3` that other test files load at the same time. Runs WXT's programmatic
 * `build()` in a child process with an inline `outDir`, so wxt.config.ts is read as usual (it sees the env
 * given here) and nothing in the project changes. WXT still regenerates `.wxt/` (same contents).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BuiltVariant {
  /** The unpacked extension (`<outDir>/chrome-mv3`), to pass as `extensionDir`. */
  dir: string;
  /** Removes the build. */
  remove(): void;
}

const SCRIPT = `const { build } = await import('wxt'); await build({ outDir: process.env.OPEN_SLOTS_VARIANT_OUT, logLevel: 1 });`;

/** Builds the Chrome MV3 extension with `env` added to the environment; resolves to its directory. */
export async function buildVariant(env: Record<string, string>, name = 'variant'): Promise<BuiltVariant> {
  const outDir = mkdtempSync(join(tmpdir(), `open-slots-${name}-`));
  const remove = () => rmSync(outDir, { recursive: true, force: true });
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', SCRIPT],
        { cwd: process.cwd(), env: { ...process.env, ...env, OPEN_SLOTS_VARIANT_OUT: outDir }, timeout: 60_000, maxBuffer: 16 << 20 },
        (err, stdout, stderr) => (err ? reject(new Error(`wxt build failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve()),
      );
    });
    const dir = join(outDir, 'chrome-mv3');
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`wxt build wrote no manifest.json to ${dir}`);
    return { dir, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
