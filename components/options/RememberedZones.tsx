import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/lib/contract/pages';
import { t, tn } from '@/lib/i18n/t';

export interface RememberedZonesProps {
  client: Pick<BackgroundClient, 'countRecipientZones' | 'forgetRecipientZones'>;
}

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'forgotten' } | { kind: 'failed'; message: string };

/**
 * Issue 19: the second time zones remembered per recipient (kept by the background, in this browser): how
 * many, and a button that forgets them all. Shown whether or not an account is connected, since disconnecting
 * keeps them; hidden while there are none.
 */
export function RememberedZones({ client }: RememberedZonesProps) {
  const [count, setCount] = useState<number | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    void client.countRecipientZones().then(setCount, () => setCount(0));
  }, []);

  async function forget() {
    setState({ kind: 'busy' });
    const r = await client.forgetRecipientZones().catch(() => ({ ok: false, error: { message: t('backgroundUnreachable') } }) as const);
    if (r.ok) {
      setCount(0);
      setState({ kind: 'forgotten' });
    } else {
      setState({ kind: 'failed', message: r.error.message });
    }
  }

  if (!count && state.kind !== 'forgotten') return null;
  return (
    <section class="card" aria-labelledby="zones-h">
      <h2 id="zones-h">{t('rememberedZones')}</h2>
      <p class="muted">{t('rememberedZonesHelp')}</p>
      <p role="status">{state.kind === 'forgotten' ? t('recipientZonesForgotten') : tn('rememberedZonesCount', count ?? 0)}</p>
      {state.kind === 'failed' && (
        <p class="alert" role="alert">
          {state.message}
        </p>
      )}
      <div class="card-foot">
        <button type="button" class="btn" disabled={state.kind === 'busy' || !count} onClick={() => void forget()}>
          {t('forgetRecipientZones')}
        </button>
      </div>
    </section>
  );
}
