import { firstFix } from './findings';
import { plainText } from './logSafe';
import type { ReportConnection } from './report';
import { creatorLabel, ownerLabel } from './owners';

/** RFC 4180 CSV of report connections, guarded against formula injection (scanner `--format csv`, hub export). */

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Quotes when needed; text that a spreadsheet would run as a formula gets a leading apostrophe. Control
 * characters (line breaks, terminal escapes) become spaces: one connection, one line.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = plainText(String(value));
  if (typeof value !== 'number' && !NUMBER.test(text) && /^\s*[=+\-@]/.test(text)) text = `'${text}`;
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
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
  'owners',
  'createdBy',
];

/** One CSV document, rows in the order given; `typeText` is the connection type as people read it. */
export function reportCsv(rows: { report: ReportConnection; typeText: string }[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { report: r, typeText } of rows) {
    const cells = [
      r.status,
      r.name,
      r.project,
      r.projects.join('; '),
      typeText,
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
      r.owners === null ? null : r.owners.length === 0 ? 'none' : r.owners.map(ownerLabel).join('; '),
      r.createdBy ? creatorLabel(r.createdBy) : null,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
