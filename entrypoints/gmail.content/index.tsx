import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ComposeButton } from '@/components/compose/ComposeButton';
import css from '@/components/compose/compose.css?inline';
import { takeOver } from '@/lib/gmail/handover';
import { mountComposeButtons } from '@/lib/gmail/mount';

// Thin entrypoint: detection, caret memory and insertion live in lib/gmail; the UI in components/compose.
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    mountComposeButtons({
      doc: document,
      // Older copies of this script in the page (before an update re-injected it) stop first.
      signal: takeOver(document, ctx.signal),
      css,
      render: (container, props) => render(<ComposeButton {...props} />, container),
      unrender: (container) => render(null, container),
      watchSettings: (listener) => browser.storage.onChanged.addListener((_, area) => area === 'sync' && listener()),
    });
  },
});
