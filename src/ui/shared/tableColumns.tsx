import * as React from 'react';
import { firstFix } from '../../core/findings';
import { localDays } from '../../core/days';
import { showInvisibles } from '../../core/logSafe';
import { usedByText } from '../../core/usageFormat';
import { CellText, DetailsAffordance, TwoLines } from './CellText';
import { ExpiryCell } from './ExpiryCell';
import { healthText } from './healthText';
import type { HubRow, SortKey } from './rows';
import { StatusBadge } from './StatusBadge';
import { creatorLabel, ownerLabel } from '../../core/owners';
import { tenantLabel } from '../../core/tenantNames';

/** Where a table is shown: the organization hub adds the project column. */
export interface TableContext {
  showProject: boolean;
  /** Every row has the same tenant (or none): the tenant column starts hidden. */
  oneTenant: boolean;
}

/** One column of the connections table; `choosable` ones can be hidden in the column chooser. */
export interface ColumnDef {
  id: string;
  name: string;
  sortKey?: SortKey;
  /** Proportional share of the width (azure-devops-ui's negative width) or pixels when positive. */
  width: number;
  minWidth?: number;
  choosable: boolean;
  /** Shown unless the viewer chose otherwise. */
  shownByDefault: (ctx: TableContext) => boolean;
  /** Only on this kind of page. */
  available?: (ctx: TableContext) => boolean;
  render: (row: HubRow) => React.ReactNode;
}

/** The tenant by its domain when Graph gave one (contoso for contoso.onmicrosoft.com), else its id's first block; the whole id on hover and focus. */
function tenantCell(r: HubRow) {
  const id = r.connection.tenantId;
  if (!id) return <span className="secondary-text">—</span>;
  if (r.tenantDomain)
    return <CellText text={tenantLabel(r.tenantDomain)} tooltip={`Tenant ${r.tenantDomain} (${id})`} />;
  return <CellText text={`${id.slice(0, 8)}…`} tooltip={`Tenant ${id}`} />;
}

function projectCell(r: HubRow) {
  const [first, ...others] = r.connection.projects;
  if (!first) return '—';
  return (
    <TwoLines
      first={first.name}
      // One line of several names: each one's bidi controls are shown, so none reorders the others.
      second={others.length > 0 ? `also ${others.map((p) => showInvisibles(p.name)).join(', ')}` : null}
    />
  );
}

/** The first owner (and how many more), or "No owner" / "Owners not read"; the creator below. */
function ownersCell(r: HubRow) {
  const o = r.owners;
  const first =
    o === undefined
      ? 'Owners not read'
      : o.length === 0
        ? 'No owner'
        : // A name and a count on one line: the name's bidi controls are shown, so it cannot reorder the count.
          `${showInvisibles(ownerLabel(o[0]))}${o.length > 1 ? ` +${o.length - 1}` : ''}`;
  const created = showInvisibles(creatorLabel(r.connection.createdBy));
  return <TwoLines first={first} second={created === 'creator unknown' ? created : `created by ${created}`} />;
}

function usedByCell(r: HubRow) {
  const text = usedByText(r.usage, r.connection);
  if (text) return <TwoLines first={text.count} second={text.detail && localDays(text.detail)} />;
  // Unknown, never "unused": the reason is in the details panel.
  return r.usageError ? (
    <TwoLines first="Not read" second="history refused or failed" />
  ) : (
    <span className="secondary-text">—</span>
  );
}

/** The status, its whole reason (it wraps, never cut), and a check's result on its own line. */
function statusCell(r: HubRow) {
  const reason = r.pending ? 'Reading Microsoft Graph…' : localDays(r.verdict.reason);
  const check = healthText(r.health);
  return (
    <div className="flex-column sce-status-cell">
      <StatusBadge status={r.verdict.status} />
      <span className="secondary-text sce-wrap sce-reason">{reason}</span>
      {check ? <span className="secondary-text sce-wrap sce-row-check">{check}</span> : null}
    </div>
  );
}

/** A row opens its details: a "Details" chevron, whose tooltip is the fix's first step. */
export function fixHint(r: HubRow): string {
  const step = r.pending ? null : firstFix(r.verdict);
  return step ? `Open details. First step: ${localDays(step)}` : 'Open details';
}

function detailsCell(r: HubRow) {
  return <DetailsAffordance hint={fixHint(r)} />;
}

export const COLUMNS: ColumnDef[] = [
  {
    id: 'name',
    name: 'Connection',
    sortKey: 'name',
    width: -18,
    minWidth: 180,
    choosable: false,
    shownByDefault: () => true,
    render: (r) => (
      <TwoLines
        first={
          <span className="sce-wrap sce-name">
            <bdi>{r.connection.name}</bdi>
          </span>
        }
        second={r.connection.subscriptionName}
      />
    ),
  },
  {
    id: 'project',
    name: 'Project',
    sortKey: 'project',
    width: -12,
    choosable: true,
    shownByDefault: () => true,
    available: (ctx) => ctx.showProject,
    render: projectCell,
  },
  {
    id: 'type',
    name: 'Type and authentication',
    sortKey: 'type',
    width: -19,
    choosable: true,
    shownByDefault: () => true,
    render: (r) => <TwoLines first={r.typeText} second={r.authText} secondTooltip={`${r.typeText} · ${r.authText}`} />,
  },
  {
    id: 'app',
    name: 'App registration',
    sortKey: 'app',
    width: -15,
    choosable: true,
    shownByDefault: () => true,
    render: (r) =>
      r.connection.appId ? (
        <TwoLines first={r.appName ?? '—'} second={r.connection.appId} />
      ) : (
        <span className="secondary-text">—</span>
      ),
  },
  {
    id: 'tenant',
    name: 'Tenant',
    sortKey: 'tenant',
    width: 96,
    choosable: true,
    shownByDefault: (ctx) => !ctx.oneTenant,
    render: tenantCell,
  },
  {
    id: 'owners',
    name: 'Owners',
    sortKey: 'owners',
    width: -15,
    choosable: true,
    // Optional: chosen in the column chooser.
    shownByDefault: () => false,
    render: ownersCell,
  },
  {
    id: 'expiry',
    name: 'Expires',
    sortKey: 'expiry',
    width: 112,
    choosable: false,
    shownByDefault: () => true,
    render: (r) => <ExpiryCell row={r} />,
  },
  {
    id: 'usedBy',
    name: 'Used by',
    sortKey: 'usedBy',
    width: 124,
    choosable: true,
    shownByDefault: () => true,
    render: usedByCell,
  },
  {
    id: 'status',
    name: 'Status',
    sortKey: 'status',
    width: -28,
    minWidth: 260,
    choosable: false,
    shownByDefault: () => true,
    render: statusCell,
  },
  {
    id: 'details',
    name: '',
    width: 44,
    choosable: false,
    shownByDefault: () => true,
    render: detailsCell,
  },
];

/** The columns shown: the viewer's choices where they made one, else each column's default. */
export function visibleColumns(ctx: TableContext, choices: Record<string, boolean>, all = COLUMNS): ColumnDef[] {
  return all.filter((c) => (c.available?.(ctx) ?? true) && (!c.choosable || (choices[c.id] ?? c.shownByDefault(ctx))));
}
