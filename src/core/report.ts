import { devopsConnectionLink, entraCredentialsLink } from './links';
import { STATUS_ORDER, summaryKey, type SummaryKey } from './status';
import { summarize } from './summary';
import type { Connection, Creator, Finding, ListedCredential, Owner, Thresholds, Verdict } from './types';
import { pipelineLink } from './links';
import { unreadProjects, type ConnectionUsage, type PlanType, type UsageResult } from './usage';

/** One pipeline that used the connection, as the scanner JSON writes it. */
export interface ReportUse {
  /** The project the pipeline is in (history is per project); the listing project for older readings. */
  project: string;
  definitionId: number;
  name: string;
  planType: PlanType;
  lastUsedAt: string;
  result: UsageResult | null;
  runId: number | null;
  runName: string;
  link: string | null;
}

/** The scanner JSON contract (docs/contracts.md#scanner-json): one shape for `--format json`, snapshots and tests. */

export interface ReportConnection {
  id: string;
  name: string;
  project: string;
  projects: string[];
  type: string;
  scheme: string;
  creationMode: string;
  tenantId: string | null;
  appId: string | null;
  appDisplayName: string | null;
  status: Verdict['status'];
  daysLeft: number | null;
  expiresAt: string | null;
  /** What ends at `expiresAt`: the credential in use, or the legacy federation issuer (it retires); null: nothing dated. */
  expiryOf: 'credential' | 'issuer' | null;
  credential: { keyId: string; kind: 'secret' | 'certificate'; endDateTime: string | null; confidence: string } | null;
  credentials: Omit<ListedCredential, 'hint'>[];
  findings: Pick<Finding, 'code' | 'message' | 'fix'>[];
  links: { devops: string | null; entra: string | null };
  reason: string;
  /** Referencing projects whose execution history was not read: its use there is unknown (never "unused"). */
  usageUnreadIn: string[];
  /** Pipelines that used it, newest first; null when its history was not read (no Entra app, or an error). */
  usedBy: ReportUse[] | null;
  /** The app registration's owners (names null where Graph withheld them); null when not read. */
  owners: Owner[] | null;
  /** Who created the connection in Azure DevOps; null when it does not say. */
  createdBy: Creator | null;
}

export interface Report {
  scannedAt: string;
  thresholds: Thresholds;
  /** Count per status, keyed `expired`, `critical`, `warning`, `healthy`, `noSecret`, `unknown`, `notApplicable`. */
  summary: Record<SummaryKey, number>;
  connections: ReportConnection[];
}

export interface ReportEntry {
  connection: Connection;
  verdict: Verdict;
  /** The project the connection was listed in first (the others are in `connection.projects`). */
  project: string;
  appDisplayName?: string | null;
  usage?: ConnectionUsage;
  /** The app's owners, when Graph gave them. */
  owners?: Owner[];
}

export function toReportConnection(entry: ReportEntry, orgUrl: string | null): ReportConnection {
  const { connection: c, verdict: v } = entry;
  const projects = c.projects.length > 0 ? c.projects.map((p) => p.name) : [entry.project];
  return {
    id: c.id,
    name: c.name,
    project: entry.project,
    projects,
    type: c.type,
    scheme: c.scheme,
    creationMode: c.creationMode,
    tenantId: c.tenantId,
    appId: c.appId,
    appDisplayName: entry.appDisplayName ?? null,
    status: v.status,
    daysLeft: v.daysLeft,
    expiresAt: v.expiresAt,
    expiryOf: v.expiresAt ? (v.expiryOf ?? 'credential') : null,
    credential: v.credential,
    // The secret hint is three characters of a live secret: it stays out of reports.
    credentials: v.credentials.map(({ hint: _hint, ...rest }) => rest),
    findings: v.findings.map(({ code, message, fix }) => ({ code, message, fix })),
    links: {
      devops: orgUrl && c.id ? devopsConnectionLink(orgUrl, entry.project, c.id) : null,
      entra: c.entraBacked ? entraCredentialsLink(c.environment, c.appId) : null,
    },
    reason: v.reason,
    usageUnreadIn: c.entraBacked ? unreadProjects(c, entry.usage).map((p) => p.name || p.id) : [],
    usedBy: entry.usage
      ? entry.usage.pipelines.map((p) => ({
          project: p.project?.name || entry.project,
          definitionId: p.definitionId,
          name: p.definitionName,
          planType: p.planType,
          lastUsedAt: p.lastUsedAt,
          result: p.result,
          runId: p.runId,
          runName: p.runName,
          link: orgUrl ? pipelineLink(orgUrl, p.project?.name || entry.project, p) : null,
        }))
      : null,
    owners: entry.owners ? entry.owners.map((o) => ({ ...o })) : null,
    createdBy: c.createdBy ?? null,
  };
}

export function buildReport(
  entries: ReportEntry[],
  orgUrl: string | null,
  thresholds: Thresholds,
  scannedAtIso: string,
): Report {
  const s = summarize(entries.map((e) => e.verdict.status));
  return {
    scannedAt: scannedAtIso,
    thresholds,
    summary: Object.fromEntries(STATUS_ORDER.map((status) => [summaryKey(status), s[status]])) as Report['summary'],
    connections: entries.map((e) => toReportConnection(e, orgUrl)),
  };
}
