import { render } from 'preact';
import { PrivacyApp } from '@/components/privacy/PrivacyApp';
import '@/components/page.css';
import '@/components/welcome/doc.css';

render(
  // Builds with a Calendly OAuth client id offer "Sign in with Calendly" (see wxt.config.ts); the policy covers it there.
  <PrivacyApp links={{ options: '/options.html' }} oauth={Boolean(import.meta.env.WXT_CALENDLY_CLIENT_ID?.trim())} />,
  document.getElementById('app')!,
);
