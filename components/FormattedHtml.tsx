import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Shows our formatter's HTML (lib/format: every API string escaped, only Calendly links) exactly as it will
 * be inserted, built from DOM nodes: the string is parsed into an inert document by DOMParser (no script
 * runs, nothing loads there) and its nodes are moved into the page. No page of ours assigns innerHTML.
 */
export function FormattedHtml({ html, class: className }: { html: string; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    ref.current?.replaceChildren(...Array.from(parsed.body.childNodes));
  }, [html]);
  return <div class={className} ref={ref} />;
}
