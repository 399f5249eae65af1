import { isoDay } from '../../core/days';
import { typeLabel } from '../../core/connectionTypes';
import { expiryCell } from '../../core/labels';
import type { Report, ReportConnection, ReportEntry } from '../../core/report';
import { compareVerdicts } from '../../core/order';
import { STATUS_LABELS, STATUS_ORDER, summaryKey } from '../../core/status';
import type { Connection, Verdict } from '../../core/types';

/** What the human-readable formats show per connection, most severe first. */
export interface Row {
  report: ReportConnection;
  connection: Connection;
  verdict: Verdict;
}

export function sortedRows(report: Report, entries: ReportEntry[]): Row[] {
  const rows = entries.map((e, i) => ({ report: report.connections[i], connection: e.connection, verdict: e.verdict }));
  return rows.sort((a, b) =>
    compareVerdicts({ name: a.report.name, verdict: a.verdict }, { name: b.report.name, verdict: b.verdict }),
  );
}

export function typeText(row: Row): string {
  return typeLabel(row.connection);
}

/** "2026-12-03 (in 5 days)", "2027-07-01 (issuer retires, in 207 days)", or "" when nothing expires. */
export function expiresText(r: ReportConnection): string {
  const cell = expiryCell({ ...r, expiryOf: r.expiryOf === 'issuer' ? 'issuer' : undefined });
  if (!cell) return '';
  return cell.note ? `${cell.date} (${cell.note})` : cell.date;
}

/** "Web" or "Web (+2 more)" for a connection shared with other projects. */
export function projectText(r: ReportConnection): string {
  const others = r.projects.filter((p) => p.toLowerCase() !== r.project.toLowerCase()).length;
  return others > 0 ? `${r.project} (+${others} more)` : r.project;
}

export function appText(r: ReportConnection): string {
  return r.appDisplayName ?? r.appId ?? '';
}

/** The first step of the most pressing finding: what to do now. */
export { firstFix } from '../../core/findings';

export function countsLine(report: Report): string {
  const parts = STATUS_ORDER.map((s): [number, string] => [
    report.summary[summaryKey(s)],
    STATUS_LABELS[s].toLowerCase(),
  ]);
  const total = report.connections.length;
  const listed = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  return `${total} connection${total === 1 ? '' : 's'}${listed.length ? `: ${listed.join(', ')}` : ''}`;
}

/**
 * "2 pipelines (last 2026-11-20)", "no use recorded", "unknown (not read in Beta)" for a shared connection
 * whose history in a referencing project could not be read, or "" when the history was not read.
 */
export function usedByCell(
  r: Pick<ReportConnection, 'usedBy'> & Partial<Pick<ReportConnection, 'usageUnreadIn'>>,
): string {
  if (!r.usedBy) return '';
  const unread = r.usageUnreadIn?.length ? `not read in ${r.usageUnreadIn.join(', ')}` : '';
  if (r.usedBy.length === 0) return unread ? `unknown (${unread})` : 'no use recorded';
  const n = r.usedBy.length;
  return `${n} pipeline${n === 1 ? '' : 's'} (last ${isoDay(r.usedBy[0].lastUsedAt)}${unread ? `; ${unread}` : ''})`;
}
