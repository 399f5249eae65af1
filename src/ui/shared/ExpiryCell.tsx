import * as React from 'react';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { shortDate } from '../../core/days';
import { expiryCell } from '../../core/labels';
import type { HubRow } from './rows';

/**
 * "12/1/2026" over "in 3 days" (the viewer's short date; "issuer retires, in 207 days" for the legacy federation
 * issuer), a spinner while Graph has not answered, or a dash. */
export function ExpiryCell(props: { row: HubRow }) {
  const { row } = props;
  if (row.pending) {
    return (
      <span className="sce-pending flex-row flex-center" aria-busy="true">
        <Spinner size={SpinnerSize.small} ariaLabel="Reading Microsoft Graph" />
        <span className="secondary-text sce-pending-text">Checking…</span>
      </span>
    );
  }
  const v = row.verdict;
  const cell = v.daysLeft === null ? null : expiryCell(v);
  if (!v.expiresAt || !cell) return <span className="secondary-text">—</span>;
  const year = v.expiresAt.slice(0, 4);
  return (
    <span className="flex-column">
      <span className="sce-expiry-date">{year === '9999' ? 'No end date' : shortDate(v.expiresAt)}</span>
      {/* The legacy issuer: "Issuer retires" under its date (the column is narrow), how far off in the tooltip. */}
      <span className="secondary-text sce-expiry-days" title={v.expiryOf === 'issuer' ? cell.note : undefined}>
        {v.expiryOf === 'issuer' ? 'Issuer retires' : cell.note}
      </span>
    </span>
  );
}
