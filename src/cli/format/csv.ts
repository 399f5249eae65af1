import { withoutControls } from '../../core/logSafe';
import type { Report, ReportEntry } from '../../core/report';
import { firstFix, sortedRows, typeText } from './reportRows';

/** RFC 4180 CSV for spreadsheets, most severe first, guarded against formula injection. */

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Quotes when needed; text that a spreadsheet would run as a formula gets a leading apostrophe. Control
 * characters (line breaks, terminal escapes) become spaces: one connection, one line.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = withoutControls(String(value));
  if (typeof value !== 'number' && !NUMBER.test(text) && /^\s*[=+\-@]/.test(text)) text = `'${text}`;
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = [
  'status',
  'name',
  'project',
  'projects',
  'type',
  'scheme',
  'creationMode',
  'tenantId',
  'appId',
  'appDisplayName',
  'daysLeft',
  'expiresAt',
  'credentialKeyId',
  'confidence',
  'reason',
  'fix',
  'devopsLink',
  'entraLink',
  'id',
];

export function formatCsv(report: Report, entries: ReportEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of sortedRows(report, entries)) {
    const r = row.report;
    const cells = [
      r.status,
      r.name,
      r.project,
      r.projects.join('; '),
      typeText(row),
      r.scheme,
      r.creationMode,
      r.tenantId,
      r.appId,
      r.appDisplayName,
      r.daysLeft,
      r.expiresAt,
      r.credential?.keyId,
      r.credential?.confidence,
      r.reason,
      firstFix(r),
      r.links.devops,
      r.links.entra,
      r.id,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
