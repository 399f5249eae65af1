/** Hands text to the browser as a file to save (the extension's iframe allows downloads). */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  // A byte-order mark, so spreadsheet programs read the CSV's names as UTF-8.
  const body = mimeType.startsWith('text/csv') ? `\ufeff${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
