/**
 * Gmail's theme is a Gmail setting (Settings > Themes), not the OS colour scheme: a user may run a dark OS
 * with Gmail's light theme, or the reverse. So the button follows what Gmail actually paints behind it:
 * the first opaque background among the ancestors of our shadow host.
 */
export type Theme = 'light' | 'dark';

/** Parses `rgb(r, g, b)` / `rgba(r, g, b, a)` (what getComputedStyle returns); null if unknown. */
export function parseRgb(color: string): { r: number; g: number; b: number; a: number } | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(color.trim());
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
}

/** Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white). */
export function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The theme of what is painted behind `el` (crossing out of shadow roots); light when nothing is opaque. */
export function themeBehind(el: Element | null): Theme {
  for (let node: Element | null = el; node; node = parentAcrossShadow(node)) {
    const view = node.ownerDocument.defaultView;
    const color = view ? parseRgb(view.getComputedStyle(node).backgroundColor) : null;
    if (color && color.a >= 0.5) return luminance(color) < 0.2 ? 'dark' : 'light';
  }
  return 'light';
}

function parentAcrossShadow(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}
