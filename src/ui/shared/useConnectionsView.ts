import * as React from 'react';
import { mark } from '../../adapters/userTiming';
import { summarize } from '../../core/summary';
import { expiryTimeline, type TimelineBar } from '../../core/timeline';
import type { Status } from '../../core/types';
import { viewRows, type HubRow, type SortKey } from './rows';

/**
 * The table's own state in both hubs: keyword, status and sort filters, the rows they leave, the counts.
 * Returns what ConnectionsView takes, so a page spreads it and adds its own texts and filters.
 */
export function useConnectionsView(rows: HubRow[], projectId: string | null = null, nowMs: number = Date.now()) {
  const [keyword, setKeyword] = React.useState('');
  const [statuses, setStatuses] = React.useState<Status[]>([]);
  const [sort, setSort] = React.useState<{ key: SortKey; descending: boolean } | null>(null);
  const [bar, setBar] = React.useState<TimelineBar | null>(null);
  // The timeline of the rows in scope (the organization hub's project filter), before the other filters.
  const timeline = React.useMemo(() => {
    const scope = projectId ? viewRows(rows, { keyword: '', statuses: [], sort: null, projectId }) : rows;
    return expiryTimeline(
      scope.map((r) => ({ id: r.id, status: r.verdict.status, expiresAt: r.verdict.expiresAt })),
      nowMs,
      { unit: 'month', count: 12 },
    );
  }, [rows, projectId, nowMs]);
  // A bar keeps its key across Graph answers; its connections are today's.
  const selectedBar = bar ? (timeline.bars.find((b) => b.key === bar.key) ?? null) : null;
  const onlyIds = React.useMemo(() => (selectedBar ? new Set(selectedBar.ids) : null), [selectedBar]);
  const visible = React.useMemo(() => {
    const view = viewRows(rows, { keyword, statuses, sort, projectId, onlyIds });
    if (view.length > 0) mark('sce:rows-sorted');
    return view;
  }, [rows, keyword, statuses, sort, projectId, onlyIds]);
  const summary = React.useMemo(() => summarize(rows.map((r) => r.verdict.status)), [rows]);
  const onToggleStatus = React.useCallback(
    (s: Status) => setStatuses((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s])),
    [],
  );
  const onSort = React.useCallback((key: SortKey, descending: boolean) => setSort({ key, descending }), []);
  return {
    rows,
    visible,
    summary,
    statuses,
    onToggleStatus,
    keyword,
    onKeyword: setKeyword,
    sort,
    onSort,
    timeline,
    selectedBar,
    onSelectBar: setBar,
  };
}
