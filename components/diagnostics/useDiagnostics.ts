import { useEffect, useState } from 'preact/hooks';
import type { DiagnosticsSource, DiagnosticsState } from '@/lib/gmail/diagnostics';

/** The Gmail diagnostics, kept current while the page is open; null until read (or without a source). */
export function useDiagnostics(source: DiagnosticsSource | undefined): DiagnosticsState | null {
  const [state, setState] = useState<DiagnosticsState | null>(null);
  useEffect(() => {
    if (!source) return;
    let live = true;
    void source.get().then((s) => live && setState(s), () => live && setState({}));
    const unwatch = source.watch((s) => live && setState(s));
    return () => {
      live = false;
      unwatch();
    };
  }, [source]);
  return state;
}
