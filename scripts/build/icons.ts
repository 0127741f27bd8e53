import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** The icon sizes Chrome and Firefox use (toolbar 16/32, extensions page 48, store 128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/** Renders assets/icon.svg to PNGs in `outDir` (the SVG in the repo is the only source of the icon). */
export function renderIcons(root: string, outDir: string): { size: number; file: string }[] {
  const svg = readFileSync(join(root, 'assets/icon.svg'));
  mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    const file = join(outDir, `${size}.png`);
    writeFileSync(file, png);
    return { size, file };
  });
}
