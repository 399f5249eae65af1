import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { shortDate } from '../../core/days';
import { SNAPSHOT_STALE_DAYS } from '../../core/snapshot';
import { ageText, readingAge } from '../../core/staleness';
import type { HubRow } from './rows';

/** Says when expiry dates come from the shared snapshot, how old it is, and warns when it is stale. */
export function SnapshotNote(props: { rows: HubRow[]; nowMs: number; error?: string | null }) {
  if (props.error)
    return (
      <MessageBar className="sce-banner sce-snapshot-note" severity={MessageBarSeverity.Warning}>
        No expiry date comes from the last shared reading: {props.error}. Rows without Graph show what Azure DevOps
        knows.
      </MessageBar>
    );
  const readings = props.rows.map((r) => r.asOf).filter((a): a is NonNullable<HubRow['asOf']> => a !== null);
  if (readings.length === 0) return null;
  const oldest = readings.reduce((a, b) => (a.takenAt <= b.takenAt ? a : b));
  const { days, stale } = readingAge(oldest.takenAt, props.nowMs);
  return (
    <MessageBar
      className="sce-banner sce-snapshot-note"
      severity={stale ? MessageBarSeverity.Warning : MessageBarSeverity.Info}
    >
      {readings.length} expiry {readings.length === 1 ? 'date comes' : 'dates come'} from the last shared reading, as of{' '}
      {shortDate(oldest.takenAt)} ({days === null ? 'at an unreadable time' : ageText(days)}, by {oldest.by}),
      recomputed for today.
      {stale ? ` That is more than ${SNAPSHOT_STALE_DAYS} days old: secrets renewed or added since are not in it.` : ''}
    </MessageBar>
  );
}
