import { reportCsv } from '../../core/csv';
import { buildReport, type Report } from '../../core/report';
import type { Thresholds } from '../../core/types';
import type { HubRow } from '../shared/rows';
import type { ProjectState } from './projectLists';

/** A project the view could not read, as the scanner names it in its JSON `errors`. */
export interface ExportProblem {
  kind: 'project';
  name: string;
  message: string;
}

export type ViewReport = Report & { errors: ExportProblem[] };

/** The rows on screen, in their order, as the scanner's JSON report (same contract, so the two compare). */
export function viewReport(
  rows: HubRow[],
  projects: ProjectState[],
  orgUrl: string,
  thresholds: Thresholds,
  nowMs: number,
): ViewReport {
  const entries = rows.map((r) => ({
    connection: r.connection,
    verdict: r.verdict,
    project: r.connection.projects[0]?.name ?? '',
    appDisplayName: r.appName,
    owners: r.owners,
  }));
  const report = buildReport(entries, orgUrl, thresholds, new Date(nowMs).toISOString());
  const errors = projects.flatMap((p) =>
    p.state === 'refused' || p.state === 'failed'
      ? [{ kind: 'project' as const, name: p.project.name, message: p.message }]
      : [],
  );
  return { ...report, errors };
}

export function viewCsv(report: Report, rows: HubRow[]): string {
  return reportCsv(report.connections.map((c, i) => ({ report: c, typeText: rows[i].typeText })));
}

/** `service-connections-contoso-2026-11-28.csv`: the organization name reduced to characters every file system takes. */
export function exportFileName(organization: string, nowMs: number, extension: 'csv' | 'json'): string {
  const org = organization.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'organization';
  return `service-connections-${org}-${new Date(nowMs).toISOString().slice(0, 10)}.${extension}`;
}
