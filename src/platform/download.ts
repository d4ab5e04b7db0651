/**
 * Save a file the page made (a PNG, an export) the way a person expects: the browser's own
 * download, with no network (an object URL, revoked once the download has started).
 */
export function download(content: string | Blob, name: string, type = 'text/html'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is of no further use.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
