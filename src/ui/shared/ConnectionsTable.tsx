import * as React from 'react';
import { ObservableValue } from 'azure-devops-ui/Core/Observable';
// From their own modules: the Table barrel also exports column menus that pull in Menu and Header.
import { ColumnSorting } from 'azure-devops-ui/Components/Table/ColumnSorting';
import { SimpleTableCell, Table } from 'azure-devops-ui/Components/Table/Table';
import { SortOrder, type ITableColumn } from 'azure-devops-ui/Components/Table/Table.Props';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { HubRow, SortKey } from './rows';
import type { ColumnDef } from './tableColumns';
import { useOneTabStop } from './useOneTabStop';
import { useRowAttributes } from './useRowAttributes';

interface Props {
  rows: HubRow[];
  /** The columns to draw, in order (the viewer's choice: see useColumnChoice). */
  columns: ColumnDef[];
  sort: { key: SortKey; descending: boolean } | null;
  onSort: (key: SortKey, descending: boolean) => void;
  onOpen: (row: HubRow) => void;
  /** Rows are still being read (the list, or Graph): said to assistive technology with aria-busy. */
  busy?: boolean;
}

type Column = ITableColumn<HubRow> & { sortKey?: SortKey };

function toTableColumn(def: ColumnDef): Column {
  return {
    id: def.id,
    name: def.name,
    ariaLabel: def.name || 'Open details',
    sortKey: def.sortKey,
    width: new ObservableValue(def.width),
    minWidth: def.minWidth,
    sortProps: def.sortKey ? { ariaLabelAscending: 'Sorted A to Z', ariaLabelDescending: 'Sorted Z to A' } : undefined,
    renderCell: (_rowIndex, columnIndex, column, item) => (
      <SimpleTableCell key={column.id} columnIndex={columnIndex} tableColumn={column}>
        {def.render(item)}
      </SimpleTableCell>
    ),
  };
}

/** The order a column shows: the chosen sort, or (none chosen) the default order, which is the status column's. */
function sortOrderOf(column: Column, sort: Props['sort']): SortOrder | undefined {
  if (!column.sortKey) return undefined;
  if (!sort) return column.sortKey === 'status' ? SortOrder.ascending : undefined;
  if (sort.key !== column.sortKey) return undefined;
  return sort.descending ? SortOrder.descending : SortOrder.ascending;
}

/** The connections, virtualized; a click or Enter on a row opens its details. */
export function ConnectionsTable(props: Props) {
  const container = React.useRef<HTMLDivElement>(null);
  const columns = React.useMemo(() => props.columns.map(toTableColumn), [props.columns]);
  columns.forEach((c) => {
    if (c.sortProps) c.sortProps.sortOrder = sortOrderOf(c, props.sort);
  });
  // The Table initializes its behaviors once: the one sorting behavior reads the columns drawn now.
  const latest = React.useRef({ onSort: props.onSort, columns });
  latest.current = { onSort: props.onSort, columns };
  const sorting = React.useMemo(
    () =>
      new ColumnSorting<HubRow>((index, order) => {
        const key = latest.current.columns[index]?.sortKey;
        if (key) latest.current.onSort(key, order === SortOrder.descending);
      }),
    [],
  );
  const provider = React.useMemo(() => new ArrayItemProvider(props.rows), [props.rows]);
  useRowAttributes(container, props.rows);
  useUnsortedHeaders(container);
  useOneTabStop(container);
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

/** azure-devops-ui sets aria-sort on the sorted header only; the other sortable ones say "none", as ARIA asks. */
function useUnsortedHeaders(container: React.RefObject<HTMLElement | null>) {
  React.useLayoutEffect(() => {
    container.current
      ?.querySelectorAll<HTMLElement>('th.bolt-table-header-cell-actionable:not([aria-sort])')
      .forEach((th) => th.setAttribute('aria-sort', 'none'));
  });
}
