import * as React from 'react';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { Summary } from '../../core/summary';
import type { Status } from '../../core/types';
import { ConnectionsTable } from './ConnectionsTable';
import type { HubRow, SortKey } from './hubRows';
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
  /** What to say when there is no connection at all. */
  emptyText: string;
  /** More filters beside the keyword (the organization hub's project filter). */
  filters?: React.ReactNode;
  showProject?: boolean;
}

/** Status counts, filters and the connections table: the same view in the project and organization hubs. */
export function ConnectionsView(props: Props) {
  const { rows, visible } = props;
  return (
    <>
      <SummaryBar summary={props.summary} selected={props.statuses} onToggle={props.onToggleStatus} />
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
        <span className="secondary-text sce-count" aria-live="polite">
          {visible.length === rows.length
            ? `${rows.length} connections`
            : `${visible.length} of ${rows.length} connections`}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="sce-empty">{props.emptyText}</p>
      ) : visible.length === 0 ? (
        <p className="sce-empty">No connection matches the filter.</p>
      ) : (
        <ConnectionsTable
          rows={visible}
          sort={props.sort}
          onSort={props.onSort}
          onOpen={props.onOpen}
          showProject={props.showProject}
        />
      )}
    </>
  );
}
