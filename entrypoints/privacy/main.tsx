import { render } from 'preact';
import { PrivacyApp } from '@/components/privacy/PrivacyApp';
import '@/components/page.css';
import '@/components/welcome/doc.css';

render(<PrivacyApp links={{ options: '/options.html' }} />, document.getElementById('app')!);
