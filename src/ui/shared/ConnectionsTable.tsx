import * as React from 'react';
import { ObservableValue } from 'azure-devops-ui/Core/Observable';
// From their own modules: the Table barrel also exports column menus that pull in Menu and Header.
import { ColumnSorting } from 'azure-devops-ui/Components/Table/ColumnSorting';
import { SimpleTableCell, Table } from 'azure-devops-ui/Components/Table/Table';
import { SortOrder, type ITableColumn } from 'azure-devops-ui/Components/Table/Table.Props';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { usedByText } from '../../core/usageFormat';
import { ExpiryCell } from './ExpiryCell';
import type { HubRow, SortKey } from './rows';
import { StatusBadge } from './StatusBadge';
import { useRowAttributes } from './useRowAttributes';

interface Props {
  rows: HubRow[];
  sort: { key: SortKey; descending: boolean } | null;
  onSort: (key: SortKey, descending: boolean) => void;
  onOpen: (row: HubRow) => void;
  /** The organization hub shows which projects each connection belongs to. */
  showProject?: boolean;
  /** Rows are still being read (the list, or Graph): said to assistive technology with aria-busy. */
  busy?: boolean;
}

type Column = ITableColumn<HubRow> & { sortKey: SortKey };

function cell(columnIndex: number, column: ITableColumn<HubRow>, content: React.ReactNode) {
  return (
    <SimpleTableCell key={column.id} columnIndex={columnIndex} tableColumn={column}>
      {content}
    </SimpleTableCell>
  );
}

function twoLines(first: React.ReactNode, second: React.ReactNode) {
  return (
    <div className="flex-column sce-two-lines">
      <span className="text-ellipsis">{first}</span>
      {second ? <span className="secondary-text text-ellipsis">{second}</span> : null}
    </div>
  );
}

function projectCell(r: HubRow) {
  const [first, ...others] = r.connection.projects;
  if (!first) return '—';
  return twoLines(first.name, others.length > 0 ? `also ${others.map((p) => p.name).join(', ')}` : null);
}

function makeColumns(showProject: boolean): Column[] {
  const col = (
    id: string,
    name: string,
    sortKey: SortKey,
    width: number,
    render: (r: HubRow) => React.ReactNode,
  ): Column => ({
    id,
    name,
    sortKey,
    width: new ObservableValue(width),
    sortProps: { ariaLabelAscending: 'Sorted A to Z', ariaLabelDescending: 'Sorted Z to A' },
    renderCell: (_rowIndex, columnIndex, column, item) => cell(columnIndex, column, render(item)),
  });
  return [
    col('name', 'Connection', 'name', -22, (r) => twoLines(r.connection.name, r.connection.subscriptionName)),
    ...(showProject ? [col('project', 'Project', 'project', -14, projectCell)] : []),
    col('type', 'Type', 'type', -12, (r) => <span className="text-ellipsis">{r.typeText}</span>),
    col('auth', 'Authentication', 'auth', -16, (r) => {
      const [scheme, mode] = r.authText.split(', ');
      return twoLines(scheme, mode ? mode[0].toUpperCase() + mode.slice(1) : null);
    }),
    col('app', 'App registration', 'app', -18, (r) =>
      r.connection.appId ? twoLines(r.appName ?? '—', r.connection.appId) : '—',
    ),
    col('tenant', 'Tenant', 'tenant', -12, (r) => (
      <span className="text-ellipsis">{r.connection.tenantId ?? '—'}</span>
    )),
    col('expiry', 'Expires', 'expiry', -12, (r) => <ExpiryCell row={r} />),
    col('usedBy', 'Used by', 'usedBy', -13, (r) => {
      const text = usedByText(r.usage);
      if (text) return twoLines(text.count, text.detail);
      // Unknown, never "unused": the reason is in the details panel.
      return r.usageError ? (
        twoLines('Not read', 'history refused or failed')
      ) : (
        <span className="secondary-text">—</span>
      );
    }),
    col('status', 'Status', 'status', -22, (r) =>
      twoLines(
        <StatusBadge status={r.verdict.status} />,
        r.pending
          ? 'Reading Microsoft Graph…'
          : r.health?.state === 'done' && r.health.result.ok
            ? `${r.verdict.reason} Works now.`
            : r.verdict.reason,
      ),
    ),
  ];
}

/** The connections, virtualized; a click or Enter on a row opens its details. */
export function ConnectionsTable(props: Props) {
  const container = React.useRef<HTMLDivElement>(null);
  const showProject = !!props.showProject;
  const columns = React.useMemo(() => makeColumns(showProject), [showProject]);
  columns.forEach((c) => {
    if (c.sortProps)
      c.sortProps.sortOrder =
        props.sort?.key === c.sortKey
          ? props.sort.descending
            ? SortOrder.descending
            : SortOrder.ascending
          : undefined;
  });
  const onSort = React.useRef(props.onSort);
  onSort.current = props.onSort;
  const sorting = React.useMemo(
    () =>
      new ColumnSorting<HubRow>((index, order) =>
        onSort.current(columns[index].sortKey, order === SortOrder.descending),
      ),
    [columns],
  );
  const provider = React.useMemo(() => new ArrayItemProvider(props.rows), [props.rows]);
  useRowAttributes(container, props.rows);
  return (
    <div ref={container} className="sce-table" aria-busy={props.busy || undefined}>
      {/* A card look without azure-devops-ui's Card, which pulls in the whole Header and its command bar. */}
      <div className="sce-card flex-grow">
        <Table<HubRow>
          ariaLabel="Service connections"
          columns={columns}
          itemProvider={provider}
          behaviors={[sorting]}
          onActivate={(_e, row) => props.onOpen(row.data)}
          containerClassName="h-scroll-auto"
        />
      </div>
    </div>
  );
}
