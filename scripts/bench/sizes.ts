/**
 * Sizes of each built entrypoint, raw and gzipped (zlib.gzipSync, default level), read from the build.
 * The content script and background come from manifest.json. Each HTML page (popup, options, then the
 * rest) counts every JS and CSS file it loads (script src, modulepreload, stylesheet) plus the JS chunks
 * those import statically, shared chunks included, since the page loads them all. Gzip is per file, summed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrySize {
  name: string;
  files: string[];
  raw: number;
  gzip: number;
}

const STATIC_IMPORT = /(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bexport\s*[\w*{}\s,$]*\s*from\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** `file` (relative to `root`) and every JS file it imports statically, transitively. */
function withImports(root: string, file: string, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  if (!file.endsWith('.js')) return;
  const code = readFileSync(join(root, file), 'utf8');
  for (const m of code.matchAll(STATIC_IMPORT)) {
    const target = normalize(join(dirname(file), m[1]!));
    if (existsSync(join(root, target))) withImports(root, target, seen);
  }
}

function htmlAssets(root: string, page: string): string[] {
  const html = readFileSync(join(root, page), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!),
  ];
  const seen = new Set<string>();
  for (const ref of refs) {
    const file = ref.startsWith('/') ? ref.slice(1) : normalize(join(dirname(page), ref));
    withImports(root, file, seen);
  }
  return [...seen];
}

function measure(root: string, name: string, files: string[]): EntrySize {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(root, f));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { name, files: files.map((f) => relative(root, join(root, f))), raw, gzip };
}

export function entrypointSizes(root: string): EntrySize[] {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const out: EntrySize[] = [];
  for (const cs of manifest.content_scripts ?? []) {
    const files = new Set<string>();
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) withImports(root, f, files);
    const label = (cs.js?.[0] ?? 'content script') as string;
    out.push(measure(root, `content script (${label})`, [...files]));
  }
  const sw = manifest.background?.service_worker as string | undefined;
  if (sw) {
    const files = new Set<string>();
    withImports(root, sw, files);
    out.push(measure(root, `background (${sw})`, [...files]));
  }
  // The popup and options pages first, then any other extension page (welcome, privacy...).
  const pages = new Map<string, string>();
  if (manifest.action?.default_popup) pages.set(manifest.action.default_popup, 'popup');
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (options) pages.set(options, 'options');
  for (const f of readdirSync(root).sort()) if (f.endsWith('.html') && !pages.has(f)) pages.set(f, f.replace(/\.html$/, ''));
  for (const [page, label] of pages) out.push(measure(root, `${label} page (${page}: JS+CSS)`, htmlAssets(root, page)));
  return out;
}
