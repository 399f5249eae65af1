import type { DevOpsAuth, GraphAuth } from '../adapters/auth/scannerAuth';
import type { FetchLike } from '../adapters/http';
import { makeOut, type CliIo, type Secrets } from '../adapters/output';
import { EXIT, exitCodeFor } from './exitCodes';
import type { ScanReport } from './format/formats';
import { writePipelineCommands } from './pipelineOutput';
import type { PublishFailure } from './publish';
import type { Unread } from './readFailure';
import type { ScanOptions } from './scanOptions';
import { trackRenewals } from './workItemsStep';
import {
  explainProblems,
  explainUnreadUsage,
  openSession,
  outputTargets,
  preflightOutputs,
  publishReadings,
  readOrganization,
  toScanReport,
  writeReport,
} from './scanSteps';

/**
 * `scan`, the run both shells make: the scan job, the report in its format, the publish job, then
 * what a pipeline run is owed (issues, summary). The CLI turns the outcome into its exit code, the
 * pipeline task into the step's result and attachment.
 */

/** Inside Azure Pipelines (TF_BUILD): issues, the Markdown summary attached to the run, the step's colour. */
export interface PipelineContext {
  /** Where the summary is written (Agent.TempDirectory). */
  tempDir: string;
  /**
   * Inside the pipeline task: a snapshot that cannot be published is a warning with `publishHint`
   * and never fails the run, and the task, not the scan, sets the step's result.
   */
  task?: { publishHint: string };
}

export interface ScanRunOptions extends ScanOptions {
  /** Null outside Azure Pipelines. */
  pipeline: PipelineContext | null;
  /** Who the published readings say took them (the pipeline's name); sc-expiry when not given. */
  publishedBy?: string;
}

export interface ScanRunDeps {
  /** Where the report, the errors and the progress line go; every byte is scrubbed of `secrets`. */
  io: CliIo;
  /** Every secret known so far; tokens obtained during the scan join it. */
  secrets: Secrets;
  /** The clock of the verdicts. */
  now: () => number;
  /** The network (global fetch); runScan scrubs its answers and counts its requests. */
  fetch: FetchLike;
  devops: DevOpsAuth;
  graph: GraphAuth;
  /** What to do when the scan read nothing, in the shell's words (its options, inputs and variables); null: nothing to add. */
  advise?: (unread: Unread) => string | null;
}

/** How a scan ended: the exit code the CLI returns, and what the task needs to set its result. */
export interface ScanOutcome {
  code: number;
  /** Null when no report was written (a target failed its pre-flight, or the write failed). */
  report: ScanReport | null;
  /** Issues logged for Azure Pipelines (connections needing action, parts not read, publish failures). */
  issues: number;
  publishFailures: PublishFailure[];
  /** The scan read nothing: what failed (the report then has no connection and `errors` says why). */
  unread: Unread | null;
  /** What to do about it, from ScanRunDeps.advise. */
  advice: string | null;
}

export async function runScan(options: ScanRunOptions, deps: ScanRunDeps): Promise<ScanOutcome> {
  const out = makeOut(deps.io, deps.secrets, () => options.verbose);
  out.verbose(`Azure DevOps sign-in: ${deps.devops.method}`);
  out.verbose(`Microsoft Graph sign-in: ${deps.graph.method}`);
  // Every target is checked before the first request: an unwritable one must not cost a whole scan.
  if (!preflightOutputs(outputTargets(options, options.pipeline?.tempDir ?? null), out))
    return { code: EXIT.usage, report: null, issues: 0, publishFailures: [], unread: null, advice: null };
  const session = openSession(options, deps, out);
  const result = await readOrganization(options, session, out);
  const report = toScanReport(result, options);
  const { unread } = result;
  const advice = unread ? (deps.advise?.(unread) ?? null) : null;
  // Checked before the scan, failed after it (disk full, folder removed): the scan could not complete.
  if (!writeReport(options, report, result, out))
    return { code: EXIT.incomplete, report: null, issues: 0, publishFailures: [], unread, advice };
  // After the report is written: tracking and publishing never cost the report or its exit code.
  const tracked = options.workItems
    ? await trackRenewals(options, options.workItems, result, report, session, out)
    : null;
  const publishFailures = options.publish
    ? await publishReadings(options, options.publish, result, report, session, out, tracked?.snapshots)
    : [];
  const task = options.pipeline?.task;
  // In the task a refused publish never fails the run: the scan itself is complete.
  const incomplete = result.problems.length > 0 || (!task && publishFailures.length > 0);
  const code = exitCodeFor(
    report.connections.map((c) => c.status),
    options.failOn,
    incomplete,
  );
  const issues = options.pipeline
    ? writePipelineCommands({
        options,
        pipeline: options.pipeline,
        report,
        result,
        publishFailures,
        workItemProblems: tracked?.problems ?? [],
        code,
        out,
        advice,
      })
    : 0;
  explainProblems(result, publishFailures, options.pipeline !== null, out, task?.publishHint, advice);
  explainUnreadUsage(result.unreadUsage, out);
  return { code, report, issues, publishFailures, unread, advice };
}
