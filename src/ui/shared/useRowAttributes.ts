import { useLayoutEffect, type RefObject } from 'react';
import type { HubRow } from './rows';

/**
 * azure-devops-ui's TableRow takes no data-* props, so rows are stamped with `data-connection-id`
 * and `data-status` after render, and again whenever the virtualized list materializes rows.
 */
export function useRowAttributes(container: RefObject<HTMLElement | null>, rows: HubRow[]): void {
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const stamp = () => {
      root.querySelectorAll<HTMLElement>('tr[data-row-index]').forEach((tr) => {
        const row = rows[Number(tr.getAttribute('data-row-index'))];
        if (!row) return;
        setIfChanged(tr, 'data-connection-id', row.id);
        setIfChanged(tr, 'data-status', row.verdict.status);
        setIfChanged(tr, 'data-pending', row.pending ? 'true' : 'false');
      });
    };
    stamp();
    const observer = new MutationObserver(stamp);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container, rows]);
}

function setIfChanged(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
