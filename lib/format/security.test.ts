import { describe, expect, it } from 'vitest';
import { formatSlots, type FormatInput, type Layout } from './format';

const SAFE = 'https://calendly.com/jane/30min/2026-11-24T14:00:00Z';
const ALLOWED_TAGS = new Set(['DIV', 'P', 'B', 'STRONG', 'UL', 'LI', 'A', 'BR', 'SPAN']);
const ALLOWED_ATTRS = new Set(['href', 'style']);

const HOSTILE_NAMES = [
  '"><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  `' onmouseover='alert(1)`,
  '</p><a href="javascript:alert(1)">click</a>',
  '<style>*{display:none}</style><svg onload=alert(1)>',
  '&lt;script&gt; &amp; friends',
];
const HOSTILE_URLS = [
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://calendly.com.evil.com/x',
  'https://evilcalendly.com/x',
  'https://evil.com/?https://calendly.com',
  'https://calendly.com/x" onmouseover="alert(1)',
  'https://calendly.com@evil.com/x',
  '"><img src=x onerror=alert(1)>',
];

function hostileInput(eventName: string, badUrl: string, withSlots = true): FormatInput {
  return {
    eventName,
    durationMinutes: 30,
    bookingUrl: badUrl,
    slots: withSlots
      ? [
          { start_time: '2026-11-24T14:00:00.000000Z', scheduling_url: SAFE },
          { start_time: '2026-11-24T14:30:00.000000Z', scheduling_url: badUrl },
          { start_time: '<script>alert(1)</script>', scheduling_url: SAFE },
        ]
      : [],
  };
}

/** Parses with both DOMParser and a template element and checks the invariants on each. */
function assertSafe(html: string, eventName: string) {
  const viaParser = new DOMParser().parseFromString(html, 'text/html').body;
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const root of [viaParser, template.content]) {
    const elements = [...root.querySelectorAll('*')];
    expect(elements.length).toBeGreaterThan(0);
    expect(root.querySelectorAll('script, img, style, svg, iframe, object, embed, form, input')).toHaveLength(0);
    for (const el of elements) {
      expect(ALLOWED_TAGS.has(el.tagName)).toBe(true);
      for (const attr of [...el.attributes]) {
        expect(attr.name.startsWith('on')).toBe(false);
        expect(ALLOWED_ATTRS.has(attr.name)).toBe(true);
      }
    }
    for (const a of root.querySelectorAll('a')) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\/calendly\.com\//);
      expect(new URL(a.getAttribute('href')!).hostname).toBe('calendly.com');
    }
    // The hostile name survives only as text: exactly one text node carries it, inside <b>.
    const b = root.querySelector('b');
    expect(b?.textContent).toBe(eventName);
    expect(b?.children).toHaveLength(0);
  }
}

describe('hostile inputs', () => {
  const cases = HOSTILE_NAMES.flatMap((name) => HOSTILE_URLS.map((url) => [name, url] as const));

  it.each(cases)('name %j with url %j', (eventName, badUrl) => {
    for (const layout of ['list', 'compact'] as Layout[]) {
      for (const withSlots of [true, false]) {
        const f = formatSlots(hostileInput(eventName, badUrl, withSlots), {
          timeZone: 'America/New_York',
          secondTimeZone: 'Europe/Berlin',
          hour12: true,
          locale: 'en',
          layout,
          count: 5,
        });
        assertSafe(f.html, eventName);
        expect(f.slotCount).toBe(withSlots ? 2 : 0);
        // Unsafe URLs are never linked and never written out in the text either.
        expect(f.text.split('\n').slice(1).join('\n')).not.toContain(badUrl); // line 0 is the (hostile) name
        // Raw-string check too: no quote or angle bracket from the input reaches the markup unescaped.
        expect(f.html).not.toMatch(/href="(?!https:\/\/calendly\.com\/)/);
        expect(f.html).not.toMatch(/<(?!\/?(?:div|p|b|ul|li|a)[ >])/);
        expect(f.text.split('\n')[0]).toBe(`${eventName} · 30 min`);
        if (withSlots) {
          expect(f.days[0]!.times.map((t) => t.url)).toEqual([SAFE, null]);
          expect(f.text).toContain(SAFE);
        }
      }
    }
  });
});
