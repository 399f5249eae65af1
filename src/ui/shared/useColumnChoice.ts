import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColumnChoices, ColumnChoiceStore } from '../../adapters/sdk/columnChoices';
import type { HubRow } from './rows';
import { COLUMNS, visibleColumns, type TableContext } from './tableColumns';

/** Every row has the same tenant, or none says one. */
function oneTenant(rows: HubRow[]): boolean {
  const tenants = new Set<string>();
  for (const r of rows) if (r.connection.tenantId) tenants.add(r.connection.tenantId.toLowerCase());
  return tenants.size <= 1;
}

/** The columns a viewer shows: their remembered choice, else each column's default for these rows. */
export function useColumnChoice(store: ColumnChoiceStore | undefined, rows: HubRow[], showProject: boolean) {
  const [choices, setChoices] = useState<ColumnChoices>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    // A choice that cannot be read leaves the defaults: the table never waits on it.
    store
      ?.read()
      .then((stored) => {
        if (!cancelled && stored) setChoices((current) => ({ ...stored, ...current }));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [store]);
  const single = useMemo(() => oneTenant(rows), [rows]);
  const ctx: TableContext = useMemo(() => ({ showProject, oneTenant: single }), [showProject, single]);
  const columns = useMemo(() => visibleColumns(ctx, choices), [ctx, choices]);
  const choose = useCallback(
    (next: ColumnChoices) => {
      setChoices(next);
      setSaveError(null);
      store?.write(next).catch((e: unknown) => setSaveError((e as Error)?.message ?? String(e)));
    },
    [store],
  );
  const choosable = useMemo(
    () =>
      COLUMNS.filter((c) => c.choosable && (c.available?.(ctx) ?? true)).map((c) => ({
        id: c.id,
        name: c.name,
        shown: columns.includes(c),
      })),
    [ctx, columns],
  );
  return { columns, choosable, choose, saveError };
}
