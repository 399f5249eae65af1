import { plainText } from '../../core/logSafe';
import { creatorLabel, ownerLabel } from '../../core/owners';
import { needsAction, STATUS_LABELS, STATUS_ORDER, summaryKey } from '../../core/status';
import type { Report, ReportConnection, ReportEntry } from '../../core/report';
import type { Unread } from '../readFailure';
import type { ScanProblem } from '../scan';
import {
  appText,
  countsLine,
  expiresText,
  firstFix,
  projectText,
  sortedRows,
  typeText,
  usedByCell,
} from './reportRows';

/** A Markdown summary for pipeline runs (task.uploadsummary) and wikis. */

const ICONS: Record<string, string> = { expired: '🔴', critical: '🟠', warning: '🟡', unknown: '⚪' };

/** Text from Azure DevOps or Graph goes into table cells: no markup, no pipes, no control characters, bidi shown. */
export function mdText(value: string | null | undefined): string {
  return plainText(value ?? '')
    .replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1')
    .trim();
}

function link(text: string, url: string | null): string {
  if (!url || !/^https?:\/\//i.test(url)) return mdText(text);
  return `[${mdText(text)}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}

function connectionCell(r: ReportConnection): string {
  return link(r.name, r.links.devops);
}

/** "2 pipelines (last …)", the newest pipeline linked. */
function usedByText(r: ReportConnection): string {
  const text = usedByCell(r);
  const first = r.usedBy?.[0];
  return first ? `${mdText(text)}: ${link(first.name, first.link)}` : mdText(text);
}

/** The app's owners (first two, then a count) and who created the connection. */
function whoCell(r: ReportConnection): string {
  const o = r.owners;
  const owners =
    o === null
      ? 'owners not read'
      : o.length === 0
        ? 'no owner'
        : `${o.slice(0, 2).map(ownerLabel).join(', ')}${o.length > 2 ? ` +${o.length - 2}` : ''}`;
  const creator = creatorLabel(r.createdBy);
  return mdText(`${owners}; ${creator === 'creator unknown' ? creator : `created by ${creator}`}`);
}

function appCell(r: ReportConnection): string {
  return r.appId ? link(appText(r), r.links.entra) : '';
}

function problemLines(problems: ScanProblem[]): string[] {
  return problems.map(
    (p) =>
      `- ${p.kind === 'app' ? `App ${mdText(p.name)}` : `${p.kind === 'project' ? 'Project' : 'Organization'} ${mdText(p.name)}`}: ${mdText(p.message)}`,
  );
}

/** A scan that read nothing: what failed and each part, never a table of zeros. */
function nothingScanned(orgUrl: string, problems: ScanProblem[], unread: Unread): string {
  return [
    `## Service connection expiry: ${mdText(orgUrl)}`,
    '',
    `### ⛔ Nothing was scanned`,
    '',
    `${mdText(unread.headline)}.`,
    '',
    ...problemLines(problems),
    '',
  ].join('\n');
}

export function formatMarkdown(
  report: Report,
  entries: ReportEntry[],
  orgUrl: string,
  problems: ScanProblem[],
  unread?: Unread | null,
): string {
  if (unread) return nothingScanned(orgUrl, problems, unread);
  const rows = sortedRows(report, entries);
  const s = report.summary;
  const t = report.thresholds;
  const out: string[] = [
    `## Service connection expiry: ${mdText(orgUrl)}`,
    '',
    `Scanned ${report.scannedAt.slice(0, 16).replace('T', ' ')} UTC · ${mdText(countsLine(report))} · warning ≤ ${t.warningDays} days, critical ≤ ${t.criticalDays} days`,
    '',
    `| ${STATUS_ORDER.map((status) => STATUS_LABELS[status]).join(' | ')} |`,
    `|${STATUS_ORDER.map(() => '---:|').join('')}`,
    `| ${STATUS_ORDER.map((status) => s[summaryKey(status)]).join(' | ')} |`,
    '',
  ];
  if (problems.length > 0) out.push(`### ⚠️ Scan incomplete (${problems.length})`, '', ...problemLines(problems), '');
  const action = rows.filter((r) => needsAction(r.report.status));
  if (action.length > 0) {
    out.push(
      `### Needs action (${action.length})`,
      '',
      '| Status | Connection | Project | Type | App registration | Expires | Used by | Owners | Reason | Fix |',
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const { report: r, connection, verdict } of action) {
      const row = { report: r, connection, verdict };
      out.push(
        `| ${ICONS[r.status] ?? ''} ${STATUS_LABELS[r.status]} | ${connectionCell(r)} | ${mdText(projectText(r))} | ${mdText(typeText(row))} | ${appCell(r)} | ${mdText(expiresText(r))} | ${usedByText(r)} | ${whoCell(r)} | ${mdText(r.reason)} | ${mdText(firstFix(r))} |`,
      );
    }
    out.push('');
  } else {
    out.push('No connection needs action within the warning window.', '');
  }
  const unused = rows.filter((r) => r.report.findings.some((f) => f.code === 'unused'));
  if (unused.length > 0) {
    out.push(`### Unused for 90 days (${unused.length})`, '', '| Connection | Project | Last used |', '|---|---|---|');
    for (const { report: r } of unused)
      out.push(
        `| ${connectionCell(r)} | ${mdText(projectText(r))} | ${mdText(r.usedBy?.[0]?.lastUsedAt.slice(0, 10) ?? 'never recorded')} |`,
      );
    out.push('');
  }
  const unknown = rows.filter((r) => r.report.status === 'unknown');
  if (unknown.length > 0) {
    out.push(
      `### Could not be checked (${unknown.length})`,
      '',
      '| Connection | Project | App registration | Reason | Fix |',
      '|---|---|---|---|---|',
    );
    for (const { report: r } of unknown) {
      out.push(
        `| ${connectionCell(r)} | ${mdText(projectText(r))} | ${appCell(r)} | ${mdText(r.reason)} | ${mdText(firstFix(r))} |`,
      );
    }
    out.push('');
  }
  out.push(
    '> Renew an automatic connection from Azure DevOps (Edit → Verify → Save), not with "New client secret" in the Entra portal: Azure DevOps never learns a secret created there. Workload identity federation removes the secret altogether.',
    '',
  );
  return out.join('\n');
}
