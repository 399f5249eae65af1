import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { ColumnChoiceStore } from '../../adapters/sdk/columnChoices';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { Summary } from '../../core/summary';
import type { Timeline, TimelineBar } from '../../core/timeline';
import type { Status } from '../../core/types';
import { ConnectionsTable } from './ConnectionsTable';
import { ExpiryTimeline } from './ExpiryTimeline';
import { barFilterText } from './timelineText';
import { ColumnsPanel } from './lazyPanels';
import { useColumnChoice } from './useColumnChoice';
import type { HubRow, SortKey } from './rows';
import { SummaryBar } from './SummaryBar';

interface Props {
  rows: HubRow[];
  visible: HubRow[];
  summary: Summary;
  statuses: Status[];
  onToggleStatus: (status: Status) => void;
  keyword: string;
  onKeyword: (keyword: string) => void;
  sort: { key: SortKey; descending: boolean } | null;
  onSort: (key: SortKey, descending: boolean) => void;
  onOpen: (row: HubRow) => void;
  /** What expires when (next 12 months) and the bar the table is filtered to. */
  timeline?: Timeline;
  selectedBar?: TimelineBar | null;
  onSelectBar?: (bar: TimelineBar | null) => void;
  /** What to say when there is no connection at all. */
  emptyText: string;
  /** More filters beside the keyword (the organization hub's project filter). */
  filters?: React.ReactNode;
  showProject?: boolean;
  /** Where the viewer's column choice is remembered. */
  columnChoices?: ColumnChoiceStore;
  /**
   * While the list is read: what the spinner says. The filters and the table's header are drawn already, so
   * the rows, when they come, are added to a table on screen rather than building the page around them.
   */
  loading?: string;
}

const NO_ROWS: HubRow[] = [];

/** Status counts, filters and the connections table: the same view in the project and organization hubs. */
export function ConnectionsView(props: Props) {
  const { rows, visible, loading } = props;
  // Rows still waiting for Graph, all of them (the table draws only those in view): tests and benches wait on it.
  const pending = React.useMemo(() => rows.reduce((n, r) => (r.pending ? n + 1 : n), 0), [rows]);
  const { columns, choosable, choose, saveError } = useColumnChoice(props.columnChoices, rows, !!props.showProject);
  const [choosing, setChoosing] = React.useState(false);
  // The children keep their places whatever the state, so the table is never rebuilt when the rows come.
  return (
    <>
      {loading ? null : (
        <SummaryBar summary={props.summary} selected={props.statuses} onToggle={props.onToggleStatus} />
      )}
      {loading || !props.timeline ? null : (
        <ExpiryTimeline
          timeline={props.timeline}
          spanText="next 12 months"
          selected={props.selectedBar?.key ?? null}
          onSelect={props.onSelectBar}
        />
      )}
      <div className="sce-filter flex-row flex-center flex-wrap">
        <TextField
          value={props.keyword}
          onChange={(_e, v) => props.onKeyword(v)}
          prefixIconProps={{ iconName: 'Filter' }}
          placeholder={
            props.showProject ? 'Filter by name, project, type, app, tenant…' : 'Filter by name, type, app, tenant…'
          }
          ariaLabel="Filter connections by keyword"
          width={TextFieldWidth.standard}
        />
        {props.filters}
        {props.selectedBar && props.onSelectBar ? (
          <Button
            className="sce-bar-filter"
            text={barFilterText(props.selectedBar)}
            iconProps={{ iconName: 'Cancel' }}
            ariaLabel={`Clear the filter: ${barFilterText(props.selectedBar)}`}
            onClick={() => props.onSelectBar?.(null)}
          />
        ) : null}
        <span className="secondary-text sce-count" aria-live="polite" data-pending-rows={loading ? undefined : pending}>
          {loading
            ? ''
            : visible.length === rows.length
              ? `${rows.length} connections`
              : `${visible.length} of ${rows.length} connections`}
        </span>
        <Button
          id="sce-columns"
          text="Column options"
          iconProps={{ iconName: 'QuadColumn' }}
          onClick={() => setChoosing(true)}
          subtle
        />
        {saveError ? (
          <span className="secondary-text" role="status">
            Your column choice applies to this page view only: it could not be saved ({saveError}).
          </span>
        ) : null}
      </div>
      {loading || visible.length > 0 ? (
        <ConnectionsTable
          rows={loading ? NO_ROWS : visible}
          columns={columns}
          sort={props.sort}
          onSort={props.onSort}
          onOpen={props.onOpen}
          busy={!!loading || pending > 0}
        />
      ) : null}
      {loading ? (
        <Spinner size={SpinnerSize.large} label={loading} />
      ) : rows.length === 0 ? (
        <p className="sce-empty">{props.emptyText}</p>
      ) : visible.length === 0 ? (
        <p className="sce-empty">No connection matches the filter.</p>
      ) : null}
      {choosing ? (
        <React.Suspense fallback={null}>
          <ColumnsPanel columns={choosable} onSave={choose} onDismiss={() => setChoosing(false)} />
        </React.Suspense>
      ) : null}
    </>
  );
}
