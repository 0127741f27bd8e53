import { describe, expect, it } from 'vitest';
import { safeCalendlyUrl } from './url';

describe('safeCalendlyUrl', () => {
  it.each([
    ['https://calendly.com/jane/30min', 'https://calendly.com/jane/30min'],
    ['https://calendly.com/d/abc-123/intro?month=2026-11&date=2026-11-24', 'https://calendly.com/d/abc-123/intro?month=2026-11&date=2026-11-24'],
    ['https://calendly.com/jane/30min/2026-11-24T09:00:00-05:00', 'https://calendly.com/jane/30min/2026-11-24T09:00:00-05:00'],
    ['https://www.calendly.com/jane', 'https://www.calendly.com/jane'],
    ['https://CALENDLY.com/jane', 'https://calendly.com/jane'],
    ['https://calendly.com:443/jane', 'https://calendly.com/jane'],
    ['https://calendly.com', 'https://calendly.com/'],
  ])('accepts %s', (input, expected) => {
    expect(safeCalendlyUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://calendly.com/jane',
    'ftp://calendly.com/jane',
    'https://calendly.com.evil.com/x',
    'https://evilcalendly.com/x',
    'https://calendly.co/x',
    'https://evil.com/?https://calendly.com',
    'https://evil.com/#https://calendly.com',
    'https://calendly.com/x" onmouseover="alert(1)',
    "https://calendly.com/x' onmouseover='alert(1)",
    'https://calendly.com/x><script>alert(1)</script>',
    'https://user:pass@calendly.com/x',
    'https://calendly.com@evil.com/x',
    'https://calendly.com\\@evil.com/x',
    'https://calendly.com:8443/x',
    'https://calendly.com%2eevil.com/x',
    'https://calendly.com./x',
    'https://.calendly.com/x',
    ' https://calendly.com/x',
    'https://calendly.com/x\n',
    'https://calendly.com/\tx',
    '//calendly.com/x',
    'calendly.com/x',
    '/jane/30min',
    '',
  ])('rejects %j', (input) => {
    expect(safeCalendlyUrl(input)).toBeNull();
  });

  it('rejects non-strings from untyped callers', () => {
    expect(safeCalendlyUrl(undefined as unknown as string)).toBeNull();
  });
});
