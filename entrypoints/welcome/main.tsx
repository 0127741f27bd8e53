import { render } from 'preact';
import browser from 'webextension-polyfill';
import { WelcomeApp } from '@/components/welcome/WelcomeApp';
import '@/components/page.css';
import '@/components/welcome/doc.css';

/** The shortcut as the user has it now (they may have changed it at chrome://extensions/shortcuts). */
async function currentShortcut(): Promise<string | null> {
  const commands = await browser.commands.getAll().catch(() => []);
  return commands.find((c) => c.name === 'insert-open-slots')?.shortcut || null;
}

void currentShortcut().then((shortcut) =>
  render(
    <WelcomeApp
      openOptions={() => void browser.runtime.openOptionsPage()}
      shortcut={shortcut}
      links={{ privacy: '/privacy.html' }}
      oauth={Boolean(import.meta.env.WXT_CALENDLY_CLIENT_ID?.trim())}
    />,
    document.getElementById('app')!,
  ),
);
