import * as React from 'react';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { shortDate } from '../../core/days';
import { relativeDays } from '../../core/labels';
import type { HubRow } from './rows';

/** "12/1/2026" over "in 3 days" (the viewer's short date), a spinner while Graph has not answered, or a dash. */
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
  if (!v.expiresAt || v.daysLeft === null) return <span className="secondary-text">—</span>;
  const year = v.expiresAt.slice(0, 4);
  return (
    <span className="flex-column">
      <span className="sce-expiry-date">{year === '9999' ? 'No end date' : shortDate(v.expiresAt)}</span>
      <span className="secondary-text sce-expiry-days">{year === '9999' ? 'never' : relativeDays(v.daysLeft)}</span>
    </span>
  );
}
