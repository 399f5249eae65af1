import { useEffect, type RefObject } from 'react';

/**
 * The table is one tab stop, as a grid is (WAI-ARIA grid pattern): Tab enters it on a row (the one last
 * focused, else the first), the arrow keys move within it (Up from the first row reaches the sortable
 * headers, Left and Right move between them), and the next Tab leaves it. azure-devops-ui makes the table
 * and each sortable header a tab stop of its own and no row one (the List's defaultTabbableRow is -1 once
 * a column sorts), so Tab walked 8 stops without reaching a single row.
 */

const TABBABLE = 'a[href], button, input, select, textarea, [tabindex]';

export function useOneTabStop(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    let lastRowId: string | null = null;
    let byTab = false;

    // Take every stop inside out of the tab order for this one key press, so the browser's own Tab moves on
    // past the table (to the next control, or out of the frame to the host page), then put them back.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
      const held: [HTMLElement, string | null][] = [];
      root.querySelectorAll<HTMLElement>(TABBABLE).forEach((el) => {
        if (el.tabIndex < 0) return;
        held.push([el, el.getAttribute('tabindex')]);
        el.tabIndex = -1;
      });
      setTimeout(() => {
        for (const [el, value] of held)
          if (value === null) el.removeAttribute('tabindex');
          else el.setAttribute('tabindex', value);
      }, 0);
    };
    const onDocKey = (e: KeyboardEvent) => {
      byTab = e.key === 'Tab';
    };
    const onPointer = () => {
      byTab = false;
    };
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      const row = target.closest<HTMLElement>('tr[data-row-index]');
      if (row) {
        lastRowId = row.getAttribute('data-connection-id');
        return;
      }
      const from = e.relatedTarget as Node | null;
      if (!byTab || (from && root.contains(from))) return;
      const rows = [...root.querySelectorAll<HTMLElement>('tbody tr[data-row-index]')];
      const again = rows.find((r) => lastRowId && r.getAttribute('data-connection-id') === lastRowId);
      (again ?? rows[0])?.focus();
    };
    const doc = root.ownerDocument;
    root.addEventListener('keydown', onKeyDown, true);
    root.addEventListener('focusin', onFocusIn);
    doc.addEventListener('keydown', onDocKey, true);
    doc.addEventListener('pointerdown', onPointer, true);
    return () => {
      root.removeEventListener('keydown', onKeyDown, true);
      root.removeEventListener('focusin', onFocusIn);
      doc.removeEventListener('keydown', onDocKey, true);
      doc.removeEventListener('pointerdown', onPointer, true);
    };
  }, [container]);
}
