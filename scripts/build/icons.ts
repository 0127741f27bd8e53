import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** The icon sizes Chrome and Firefox use (toolbar 16/32, extensions page 48, store 128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/**
 * The SVG for one size. The art (the tile, x/y 4..124 of the 128 viewBox) fills the small sizes. At 128 px
 * Chrome's store guidance wants 96 px of art and 16 px of transparent padding on every side: a viewBox of
 * 160 units starting at -16 maps the tile's 120 units to 96 px, from pixel 16 to 112.
 */
export function iconSvg(source: string, size: number): string {
  return size === 128 ? source.replace('viewBox="0 0 128 128"', 'viewBox="-16 -16 160 160"') : source;
}

/** One size rendered: PNG bytes, and the RGBA pixels (for tests). */
export function renderIcon(source: string, size: number): { png: Buffer; pixels: Buffer } {
  const image = new Resvg(iconSvg(source, size), { fitTo: { mode: 'width', value: size } }).render();
  return { png: image.asPng(), pixels: image.pixels };
}

/** Renders assets/icon.svg to PNGs in `outDir` (the SVG in the repo is the only source of the icon). */
export function renderIcons(root: string, outDir: string): { size: number; file: string }[] {
  const svg = readFileSync(join(root, 'assets/icon.svg'), 'utf8');
  mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = join(outDir, `${size}.png`);
    writeFileSync(file, renderIcon(svg, size).png);
    return { size, file };
  });
}
