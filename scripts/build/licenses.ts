import license from 'rollup-plugin-license';
import type { Plugin } from 'vite';

/** The notice file shipped in every build and zip. */
export const NOTICE_FILE = 'THIRD_PARTY_LICENSES.txt';

/** The licences a bundled package may carry; anything else (or none) fails the build. */
// MPL-2.0 (webextension-polyfill) is file-level copyleft: shipping it unmodified, with its licence, is fine.
const ALLOWED = '(MIT OR ISC OR BSD-2-Clause OR BSD-3-Clause OR Apache-2.0 OR 0BSD OR MPL-2.0)';

type Dependency = license.Dependency;

/**
 * Third-party licences of what the bundles contain, collected by rollup-plugin-license. WXT runs one Vite
 * build per entrypoint group (background, content script, pages), so each build's plugin adds its
 * packages here and `text()` gives the whole notice once they are all done.
 */
export function thirdPartyLicenses() {
  const bundled = new Map<string, Dependency>();
  return {
    plugin: (): Plugin =>
      license({
        thirdParty: {
          allow: { test: ALLOWED, failOnUnlicensed: true, failOnViolation: true },
          multipleVersions: true,
          output: (deps: Dependency[]) => {
            for (const d of deps) bundled.set(`${d.name}@${d.version}`, d);
          },
        },
      }) as Plugin,
    /** How many packages the builds so far bundled. */
    get count(): number {
      return bundled.size;
    },
    text(): string {
      const deps = [...bundled.values()].sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`));
      const header =
        'Open Slots bundles the following third-party packages. Their licences follow.\n' +
        `(Generated at build time by rollup-plugin-license from the bundled code; ${deps.length} packages.)\n`;
      const parts = deps.map((d) =>
        [
          `${d.name} ${d.version}`,
          `License: ${d.license ?? 'UNKNOWN'}`,
          d.repository ? `Repository: ${typeof d.repository === 'string' ? d.repository : d.repository.url}` : '',
          '',
          (d.licenseText ?? `${d.license} (no licence text shipped in the package)`).trim(),
        ]
          .filter((line, i) => i !== 2 || line)
          .join('\n'),
      );
      return [header, ...parts].join(`\n${'-'.repeat(72)}\n\n`) + '\n';
    },
  };
}
