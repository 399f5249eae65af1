/**
 * Runs inside a hub's frame (Playwright's `waitForFunction(verdictsSettledAt, command)`; self-contained, as the
 * browser gets its source): the instant every verdict is settled, else 0. Settled means rows are listed, no row
 * waits for Graph (all rows, from the count line: the virtualized table draws only ~30) and the page's command
 * is enabled again: `refresh` in the project hub, `export-json` in the organization hub (every project answered,
 * Graph done).
 */
export function verdictsSettledAt(command: string): number {
  const button = document.querySelector<HTMLButtonElement>(`button[id$="sce-command-${command}"]`);
  const ready =
    !!document.querySelector('tr[data-connection-id]') &&
    document.querySelector('.sce-count')?.getAttribute('data-pending-rows') === '0' &&
    !!button &&
    !button.disabled &&
    button.getAttribute('aria-disabled') !== 'true';
  return ready ? performance.timeOrigin + performance.now() : 0;
}
