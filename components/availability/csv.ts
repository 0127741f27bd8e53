/** "Export CSV": the figures as a file the browser downloads. */
import { figuresToCsv, type Figures } from '@/lib/availability';

/** A file name such as `availability-avery-quinn-2026-11-30-to-2026-12-06.csv`. */
export function csvFileName(name: string, firstDate: string, lastDate: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `availability-${slug || 'member'}-${firstDate}-to-${lastDate}.csv`;
}

/** Downloads the figures as CSV through a temporary `<a download>` and an object URL. */
export function downloadCsv(figures: Figures, fileName: string, doc: Document = document): void {
  const blob = new Blob([figuresToCsv(figures)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoke after the click has been handled, or some browsers cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
