import { reportCsv } from '../../core/csv';
import type { Report, ReportEntry } from '../../core/report';
import { sortedRows, typeText } from './reportRows';

/** RFC 4180 CSV for spreadsheets, most severe first, guarded against formula injection (core/csv). */
export { csvCell } from '../../core/csv';

export function formatCsv(report: Report, entries: ReportEntry[]): string {
  return reportCsv(sortedRows(report, entries).map((row) => ({ report: row.report, typeText: typeText(row) })));
}
