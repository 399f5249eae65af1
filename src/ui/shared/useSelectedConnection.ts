import { useCallback, useEffect, useState } from 'react';
import type { PageDeps } from './pageDeps';

/** The open details panel, mirrored in the host URL as `?connection=<id>` so a link can point at it. */
export function useSelectedConnection(param: PageDeps['connectionParam'], ready: boolean) {
  const [id, setId] = useState<string | null>(null);
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
    setId(null);
    void param.write(null);
  }, [param]);
  return { id, open, close };
}
