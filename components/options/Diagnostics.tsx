import type { ComposeKind, DetectionPath } from '@/lib/gmail/selectors';
import type { DiagnosticsSource } from '@/lib/gmail/diagnostics';
import { t } from '@/lib/i18n/t';
import type { MessageKey } from '@/lib/i18n/en';
import { useDiagnostics } from '../diagnostics/useDiagnostics';

const KIND: Record<ComposeKind, MessageKey> = {
  mole: 'composeKindMole',
  fullscreen: 'composeKindFullscreen',
  inline: 'composeKindInline',
  popout: 'composeKindPopout',
};
const PATH: Record<DetectionPath, MessageKey> = {
  toolbar: 'pathToolbar',
  toolbarByRole: 'pathToolbarByRole',
  belowBody: 'pathBelowBody',
};

/** The options page's "Diagnostics" section: which way each open Gmail compose was found (local only). */
export function Diagnostics({ source }: { source: DiagnosticsSource }) {
  const state = useDiagnostics(source);
  const tabs = state ? Object.values(state).sort((a, b) => a.tabId - b.tabId) : [];
  return (
    <section class="card diagnostics" aria-labelledby="diagnostics-h">
      <h2 id="diagnostics-h">{t('diagnosticsTitle')}</h2>
      <p class="muted">{t('diagnosticsIntro')}</p>
      {state && tabs.length === 0 && <p>{t('diagnosticsNone')}</p>}
      {tabs.map((tab, i) => (
        <div class="diagnostics-tab" key={tab.tabId}>
          <h3>{t('diagnosticsWindow', String(i + 1))}</h3>
          <ul>
            {tab.composes.map((c, j) => (
              <li key={j} data-path={c.path}>
                <strong>{t(KIND[c.kind])}</strong>: {t(PATH[c.path])}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
