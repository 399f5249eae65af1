import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageDeps } from './pageDeps';

/** The open details panel, mirrored in the host URL as `?connection=<id>` so a link can point at it. */
export function useSelectedConnection(param: PageDeps['connectionParam'], ready: boolean) {
  const [id, setId] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  current.current = id;
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    void param.read().then((fromUrl) => {
      if (!cancelled && fromUrl) setId((current) => current ?? fromUrl);
    });
    return () => {
      cancelled = true;
    };
  }, [param, ready]);
  const open = useCallback(
    (next: string) => {
      setId(next);
      void param.write(next);
    },
    [param],
  );
  const close = useCallback(() => {
    const closed = current.current;
    setId(null);
    void param.write(null);
    if (closed) returnFocusTo(closed);
  }, [param]);
  return { id, open, close };
}

/**
 * Focus goes back to the row that opened the panel (Escape or Close), as in Azure DevOps's own lists, once the
 * panel's focus trap is gone; a row scrolled out of the virtualized list leaves focus on the table.
 */
function returnFocusTo(connectionId: string): void {
  if (typeof document === 'undefined') return;
  requestAnimationFrame(() => {
    const rows = document.querySelectorAll<HTMLElement>('tr[data-connection-id]');
    const row = [...rows].find((r) => r.getAttribute('data-connection-id') === connectionId);
    (row ?? document.querySelector<HTMLElement>('.bolt-table'))?.focus();
  });
}
