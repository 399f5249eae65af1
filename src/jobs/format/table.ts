import type { Report, ReportEntry } from '../../core/report';
import { safeLine } from '../../core/logSafe';
import type { Unread } from '../readFailure';
import { STATUS_LABELS } from '../../core/status';
import { appText, countsLine, expiresText, projectText, sortedRows, typeText } from './reportRows';

/** A plain-text table for terminals, most severe first. */

const MAX_CELL = 48;

function clip(text: string, max = MAX_CELL): string {
  const flat = safeLine(text).replace(/ {2,}/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What a scan that read nothing prints instead of an empty table and a zero summary. */
export function nothingScannedLine(unread: Unread): string {
  return `Nothing was scanned: ${safeLine(unread.headline)}.`;
}

export function formatTable(report: Report, entries: ReportEntry[], unread?: Unread | null): string {
  if (unread) return `${nothingScannedLine(unread)}\n`;
  const header = ['Status', 'Connection', 'Project', 'Type', 'App registration', 'Expires', 'Reason'];
  const body = sortedRows(report, entries).map((row) => [
    STATUS_LABELS[row.report.status],
    clip(row.report.name),
    clip(projectText(row.report)),
    clip(typeText(row)),
    clip(appText(row.report), 40),
    expiresText(row.report),
    safeLine(row.report.reason),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join('  ');
  const lines = body.length > 0 ? [line(header), rule, ...body.map(line)] : ['No service connections found.'];
  const t = report.thresholds;
  lines.push('', `${countsLine(report)} (warning ≤ ${t.warningDays} days, critical ≤ ${t.criticalDays} days)`);
  return `${lines.join('\n')}\n`;
}
