import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { backgroundClient } from '@/lib/client';
import '@/components/page.css';
import './options.css';

render(
  <OptionsApp client={backgroundClient} links={{ availability: '/availability.html', privacy: '/privacy.html' }} />,
  document.getElementById('app')!,
);
