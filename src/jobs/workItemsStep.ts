import type { FetchLike } from '../adapters/http';
import type { Out } from '../adapters/output';
import type { ScanRunOptions } from './runScan';
import type { ScanResult } from './scan';
import type { ScanSession } from './scanSteps';
import type { Report, ReportEntry } from '../core/report';
import type { SnapshotWorkItems } from '../core/snapshotWorkItems';
import { trackWorkItems, type TrackOutcome } from './trackWorkItems';
import type { WorkItemOptions } from './workItemOptions';

/**
 * The scan's "track work items" step, between the report and the publish: it never changes the
 * report or the exit code; what it could not do is said (with what to grant) and makes the
 * pipeline step yellow.
 */

export interface WorkItemsStepInput {
  orgUrl: string;
  options: WorkItemOptions;
  entries: ReportEntry[];
  report: Report;
  /** Every project whose connections were listed. */
  projects: { id: string; name: string }[];
  listingComplete: boolean;
  authorization: () => Promise<string>;
  fetch: FetchLike;
  timeoutMs: number;
  concurrency: number;
  inPipeline: boolean;
  log: (line: string) => void;
}

export interface WorkItemsStepResult {
  outcome: TrackOutcome;
  /** Per project id, what goes into its snapshot; projects whose items could not be read are left out. */
  snapshots: Record<string, SnapshotWorkItems>;
  /** One line for the run's output. */
  summary: string;
  /** Each refusal or failure, one line, then what to grant when Azure DevOps refused. */
  problems: string[];
}

export async function runWorkItemsStep(input: WorkItemsStepInput): Promise<WorkItemsStepResult> {
  const entries = input.entries.map((e, i) => ({ report: input.report.connections[i], verdict: e.verdict }));
  const outcome = await trackWorkItems(
    { entries, projects: input.projects, listingComplete: input.listingComplete },
    { ...input.options, ...input },
  );
  const refused = new Set(outcome.problems.map((p) => p.project));
  const trackedAt = input.report.scannedAt;
  const snapshots: Record<string, SnapshotWorkItems> = {};
  for (const p of input.projects)
    if (p.id && !refused.has(p.name)) snapshots[p.id] = { trackedAt, byConnection: outcome.tracked[p.id] ?? {} };
  const count = (verb: string) => outcome.actions.filter((a) => a.verb === verb).length;
  const summary =
    `Work items: ${count('created')} created, ${count('updated')} updated, ${count('closed')} closed, ` +
    `${count('reopened')} reopened, ${count('unchanged')} unchanged` +
    `${count('failed') + count('blocked') > 0 ? `, ${count('failed') + count('blocked')} not done` : ''} ` +
    `(${outcome.requests} Azure DevOps request(s)).`;
  const problems: string[] = [];
  for (const p of outcome.problems) {
    problems.push(`work items in project "${p.project}": ${p.message}`);
    if (p.hint) problems.push(`  ${p.hint}`);
  }
  for (const a of outcome.actions.filter((x) => x.verb === 'blocked'))
    problems.push(`work item of "${a.connection}" in project "${a.project}": ${a.message ?? 'not done'}`);
  return { outcome, snapshots, summary, problems };
}

/** The step as runScan calls it: from the scan's result and report, with the session's credentials and HTTP stack. */
export async function trackRenewals(
  options: ScanRunOptions,
  workItems: WorkItemOptions,
  result: ScanResult,
  report: Report,
  session: ScanSession,
  out: Out,
): Promise<WorkItemsStepResult> {
  const step = await runWorkItemsStep({
    orgUrl: options.orgUrl,
    options: workItems,
    entries: result.entries,
    report,
    projects: result.scanned.map((s) => s.project),
    listingComplete: !result.problems.some((p) => p.kind !== 'app'),
    authorization: session.deps.devops.header,
    fetch: session.http.fetch,
    timeoutMs: options.timeoutMs,
    concurrency: options.concurrency,
    inPipeline: options.pipeline !== null,
    log: out.verbose,
  });
  if (options.output) out.stdout(`${step.summary}\n`);
  else out.verbose(step.summary);
  if (!options.publish) out.verbose('The work item ids reach the hubs ("Tracked in #…") only with --publish.');
  if (step.problems.length > 0) {
    out.error('work items: some renewals could not be tracked; the scan and its report are complete.');
    for (const line of step.problems) out.stderr(`  ${line}\n`);
  }
  return step;
}
