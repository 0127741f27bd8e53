import { render } from 'preact';
import { AvailabilityApp } from '@/components/availability/AvailabilityApp';
import type { AvailabilityClient } from '@/components/availability/types';
import { backgroundClient } from '@/lib/client';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messages';
import '@/components/page.css';
import '@/components/availability/availability.css';

// Glue until lib/client.ts carries the availability calls: the rest comes from the shared client.
const client: AvailabilityClient = {
  listMembers: backgroundClient.listMembers,
  loadSettings: backgroundClient.loadSettings,
  getAvailability: (req) => sendMessage('getAvailability', req),
  startTeamSummary: (req) => sendMessage('startTeamSummary', req),
  getTeamSummary: () => sendMessage('getTeamSummary', undefined),
  cancelTeamSummary: () => sendMessage('cancelTeamSummary', undefined),
};

document.title = `${t('extName')} · ${t('avTitle')}`;
render(<AvailabilityApp client={client} optionsUrl="/options.html" />, document.getElementById('app')!);
