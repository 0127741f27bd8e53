/**
 * Mozilla's addons-linter (what addons.mozilla.org runs on every upload) on the Firefox zip made by
 * `npm run zip:firefox`. Part of `npm test`: any error fails, and so does any warning that REVIEWER_NOTES.md
 * does not explain. The explained ones are matched on the code they point at (the minified source around
 * the reported line and column), not just on their file, so a new one in the same file still fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: addons-linter ships no types
import linter from 'addons-linter';

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Warnings explained in REVIEWER_NOTES.md (its section names are `id`). */
export const EXPLAINED: { id: string; code: string; file: RegExp; source: RegExp }[] = [
  {
    // Preact's renderer: `dangerouslySetInnerHTML` support in preact/src/diff/index.js. Bundled with Preact
    // in every bundle that renders; none of our components uses it (a unit test checks that).
    id: 'preact-dangerouslysetinnerhtml',
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^(chunks\/[\w-]+\.js|content-scripts\/gmail\.js)$/,
    source: /\.innerHTML=\w+\.__html\)/,
  },
];

/** The minified source around a message's line and column. */
function around(dir: string, m: Message): string {
  if (!m.file || !m.line) return '';
  const line = readFileSync(join(dir, m.file), 'utf8').split('\n')[m.line - 1] ?? '';
  const at = m.column ?? 0;
  return line.slice(Math.max(0, at - 80), at + 80);
}

export function explain(dir: string, m: Message) {
  const source = around(dir, m);
  return EXPLAINED.find((e) => e.code === m.code && m.file !== undefined && e.file.test(m.file) && e.source.test(source));
}

async function main() {
  const out = join(process.cwd(), '.output');
  const zip = readdirSync(out).find((f) => /-firefox\.zip$/.test(f));
  // The build the zip was made from: the newest firefox-mv* folder (an older build may have left another).
  const dir = readdirSync(out)
    .filter((f) => /^firefox-mv\d$/.test(f))
    .sort((a, b) => statSync(join(out, b)).mtimeMs - statSync(join(out, a)).mtimeMs)[0];
  if (!zip || !dir) throw new Error('No Firefox zip in .output: run `npm run zip:firefox` first.');
  const notes = readFileSync('REVIEWER_NOTES.md', 'utf8');
  const instance = linter.createInstance({
    config: { _: [join(out, zip)], logLevel: 'fatal', stack: false, pretty: false, warningsAsErrors: false, metadata: false, output: 'none', boring: false, selfHosted: false },
    runAsBinary: false,
  });
  const result = (await instance.run()) as { errors: Message[]; warnings: Message[]; notices: Message[] };
  const unexplained = result.warnings.filter((w) => {
    const e = explain(join(out, dir), w);
    return !e || !notes.includes(`(${e.id})`);
  });
  console.log(
    `addons-linter on ${zip}: ${result.errors.length} errors, ${result.warnings.length} warnings ` +
      `(${result.warnings.length - unexplained.length} explained in REVIEWER_NOTES.md), ${result.notices.length} notices`,
  );
  for (const m of [...result.errors, ...unexplained]) console.error(`  ${m.code} ${m.file ?? ''}:${m.line ?? ''}:${m.column ?? ''} ${m.message}`);
  if (result.errors.length || unexplained.length) process.exit(1);
}

if (process.argv[1]?.endsWith('lint-firefox.ts')) await main();
