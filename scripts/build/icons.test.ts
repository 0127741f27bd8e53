import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderIcon } from './icons';

const svg = readFileSync('assets/icon.svg', 'utf8');

/** The box of pixels that are not fully transparent. */
function artBox(pixels: Buffer, size: number) {
  let [left, top, right, bottom] = [size, size, -1, -1];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (pixels[(y * size + x) * 4 + 3] === 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

describe('icons', () => {
  it('128 px: 96 px of art with 16 px of transparent padding on every side (Chrome Web Store guidance)', () => {
    expect(artBox(renderIcon(svg, 128).pixels, 128)).toEqual({ left: 16, top: 16, width: 96, height: 96 });
  });

  it.each([16, 32, 48])('%i px: the art fills the icon (a 1/32 margin of the tile itself)', (size) => {
    const box = artBox(renderIcon(svg, size).pixels, size);
    expect(box.width).toBeGreaterThanOrEqual(size - 2);
    expect(box.height).toBeGreaterThanOrEqual(size - 2);
  });
});
