import * as React from 'react';
import { mark } from '../../adapters/userTiming';
import { summarize } from '../../core/summary';
import type { Status } from '../../core/types';
import { viewRows, type HubRow, type SortKey } from './rows';

/**
 * The table's own state in both hubs: keyword, status and sort filters, the rows they leave, the counts.
 * Returns what ConnectionsView takes, so a page spreads it and adds its own texts and filters.
 */
export function useConnectionsView(rows: HubRow[], projectId: string | null = null) {
  const [keyword, setKeyword] = React.useState('');
  const [statuses, setStatuses] = React.useState<Status[]>([]);
  const [sort, setSort] = React.useState<{ key: SortKey; descending: boolean } | null>(null);
  const visible = React.useMemo(() => {
    const view = viewRows(rows, { keyword, statuses, sort, projectId });
    if (view.length > 0) mark('sce:rows-sorted');
    return view;
  }, [rows, keyword, statuses, sort, projectId]);
  const summary = React.useMemo(() => summarize(rows.map((r) => r.verdict.status)), [rows]);
  const onToggleStatus = React.useCallback(
    (s: Status) => setStatuses((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s])),
    [],
  );
  const onSort = React.useCallback((key: SortKey, descending: boolean) => setSort({ key, descending }), []);
  return { rows, visible, summary, statuses, onToggleStatus, keyword, onKeyword: setKeyword, sort, onSort };
}
