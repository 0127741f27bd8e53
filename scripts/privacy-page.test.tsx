import { existsSync, readFileSync } from 'node:fs';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { PrivacyApp } from '../components/privacy/PrivacyApp';
import { PRIVACY_PAGE, privacyPageHtml } from './privacy-page';

const words = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('docs/privacy.html', () => {
  it('is up to date with the extension’s privacy page (else: npm run docs:privacy)', () => {
    expect(existsSync(PRIVACY_PAGE)).toBe(true);
    expect(readFileSync(PRIVACY_PAGE, 'utf8')).toBe(privacyPageHtml());
  });

  it('has the same text as the privacy page in an OAuth build, less the link to the options page', () => {
    const hosted = new DOMParser().parseFromString(readFileSync(PRIVACY_PAGE, 'utf8'), 'text/html');
    const root = document.createElement('div');
    act(() => render(<PrivacyApp links={{ options: '/options.html' }} oauth />, root));
    const inExtension = words(root.textContent).replace(' Open options', '');
    expect(words(hosted.querySelector('#app')!.textContent)).toBe(inExtension);
    expect(inExtension.length).toBeGreaterThan(1500);
  });

  it('stands alone: no script, no link to an extension page, the icon inline', () => {
    const html = readFileSync(PRIVACY_PAGE, 'utf8');
    expect(html).not.toMatch(/<script|\/options\.html|src="\//);
    expect(html).toContain('src="data:image/svg+xml;base64,');
  });
});
