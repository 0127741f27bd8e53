import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { unmountAll } from './popup/testing';
import { FormattedHtml } from './FormattedHtml';

afterEach(unmountAll);

async function show(html: string, root = document.createElement('div')) {
  if (!root.isConnected) document.body.append(root);
  await act(() => render(<FormattedHtml html={html} class="email-body" />, root));
  return root.querySelector('.email-body')!;
}

describe('FormattedHtml', () => {
  it('shows the formatter’s HTML as nodes, links and text intact', async () => {
    const el = await show('<p><strong>Mon, Mar 2</strong></p><ul><li><a href="https://calendly.com/ann/30min/2026-03-02T14:00:00Z">9:00 AM</a></li></ul>');
    expect(el.querySelector('strong')!.textContent).toBe('Mon, Mar 2');
    expect(el.querySelector('a')!.getAttribute('href')).toBe('https://calendly.com/ann/30min/2026-03-02T14:00:00Z');
    expect(el.children).toHaveLength(2);
  });

  it('escaped text stays text', async () => {
    const el = await show('<p>&lt;img src=x onerror=alert(1)&gt; Intro &amp; Q&amp;A</p>');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toBe('<img src=x onerror=alert(1)> Intro & Q&A');
  });

  it('a new string replaces the old nodes', async () => {
    const root = document.createElement('div');
    await show('<p>one</p><p>two</p>', root);
    const el = await show('<p>three</p>', root);
    expect(el.innerHTML).toBe('<p>three</p>');
  });

  it('the components use it, not dangerouslySetInnerHTML (which Firefox reviewers flag)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync('components', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'));
    const users = files.filter((f) => readFileSync(`components/${f}`, 'utf8').includes('dangerouslySetInnerHTML'));
    expect(users).toEqual([]);
  });
});
