import { join } from 'path';
import { oneLine, type Out } from '../adapters/output';
import { instrumentedFetch, scrubbingFetch } from '../adapters/scannerFetch';
import { progressReporter } from '../adapters/terminalProgress';
import { cannotWriteAtomically, writeFileAtomic } from '../adapters/writeFileAtomic';
import { buildReport } from '../core/report';
import { render, type ScanReport } from './format/formats';
import { countsLine } from './format/reportRows';
import { isDenied, publishJob, scopeHint, type PublishFailure } from './publish';
import type { ScanRunDeps, ScanRunOptions } from './runScan';
import { scanJob, type ScanProblem, type ScanResult } from './scan';
import type { PublishTarget, ScanOptions } from './scanOptions';
import type { SnapshotWorkItems } from '../core/snapshotWorkItems';

/** The steps of `scan`, in the order runScan.ts calls them. */

/** What every step after sign-in shares: credentials, the clock, progress and the HTTP stack. */
export interface ScanSession {
  deps: ScanRunDeps;
  progress: ReturnType<typeof progressReporter>;
  http: ReturnType<typeof instrumentedFetch>;
}

/** The HTTP stack (answers scrubbed of every secret, requests counted and logged) and the progress line. */
export function openSession(options: ScanOptions, deps: ScanRunDeps, out: Out): ScanSession {
  return {
    deps,
    progress: progressReporter((text) => out.own('stderr', text), !!deps.io.isTTY && !options.verbose),
    http: instrumentedFetch(scrubbingFetch(deps.fetch, deps.secrets), out.verbose),
  };
}

/** Projects → connections → Graph → verdicts, with progress on a terminal. */
export async function readOrganization(options: ScanOptions, session: ScanSession, out: Out): Promise<ScanResult> {
  const started = Date.now();
  const result = await scanJob(options, {
    now: session.deps.now,
    devops: session.deps.devops,
    graph: session.deps.graph,
    fetch: session.http.fetch,
    log: out.verbose,
    progress: session.progress.update,
  });
  session.progress.clear();
  out.verbose(`${session.http.counter.requests} HTTP request(s) in ${Date.now() - started} ms`);
  return result;
}

export function toScanReport(result: ScanResult, options: ScanOptions): ScanReport {
  return {
    ...buildReport(result.entries, options.orgUrl, options.thresholds, new Date(result.nowMs).toISOString()),
    errors: result.problems,
  };
}

/** Every report file goes through here: whole or not at all (adapters/writeFileAtomic), scrubbed of every secret. */
export function writeFile(out: Out, path: string, text: string): void {
  writeFileAtomic(path, out.scrub(text));
}

/** Every file the run will write: --output, --json-file (the task's JSON report), and in a pipeline the summary's folder. */
export function outputTargets(options: ScanOptions, pipelineTempDir: string | null): string[] {
  const targets = [options.output, options.jsonFile].filter((p): p is string => !!p);
  if (pipelineTempDir !== null && !(options.format === 'markdown' && options.output))
    targets.push(join(pipelineTempDir, 'sc-expiry-summary.md'));
  return targets;
}

/** Before the first request: false (said on stderr) when a target cannot be written, so no scan is wasted. */
export function preflightOutputs(targets: string[], out: Out): boolean {
  const problems = targets.map(cannotWriteAtomically).filter((p): p is string => p !== null);
  for (const p of problems) out.error(`cannot write the report: ${p}; nothing was scanned and no file was written.`);
  return problems.length === 0;
}

/** The report in `--format` to `--output` or stdout, and the JSON to `--json-file`; false when a file cannot be written. */
export function writeReport(
  options: ScanOptions,
  report: ScanReport,
  { entries, unread }: Pick<ScanResult, 'entries' | 'unread'>,
  out: Out,
): boolean {
  const text = render(options.format, { report, entries, orgUrl: options.orgUrl, unread });
  const write = (path: string, body: string): boolean => {
    try {
      writeFile(out, path, body);
      return true;
    } catch (e) {
      out.error(`cannot write the report to ${path}: ${(e as Error).message}`);
      return false;
    }
  };
  if (options.output) {
    if (!write(options.output, text)) return false;
    // A terminal table that read nothing would only repeat what stderr says (explainProblems).
  } else if (!(unread && options.format === 'table')) out.stdout(text);
  if (options.jsonFile && !write(options.jsonFile, render('json', { report, entries, orgUrl: options.orgUrl })))
    return false;
  const what = unread ? 'nothing was scanned (see the errors)' : countsLine(report);
  if (options.output) out.stdout(`Wrote the ${options.format} report to ${options.output}: ${what}.\n`);
  return true;
}

/** `--publish`: each project's Graph readings to the extension's data; returns what failed. */
export async function publishReadings(
  options: ScanRunOptions,
  target: PublishTarget,
  result: ScanResult,
  report: ScanReport,
  session: ScanSession,
  out: Out,
  workItems?: Record<string, SnapshotWorkItems>,
): Promise<PublishFailure[]> {
  const published = await publishJob(
    {
      orgUrl: options.orgUrl,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      target,
      scanned: result.scanned,
      lookups: result.lookups,
      found: result.found,
      usage: result.usage,
      listed: result.snapshots?.documents ?? null,
      workItems,
      takenAt: report.scannedAt,
      takenBy: { kind: 'scanner', name: oneLine(options.publishedBy?.trim() || 'sc-expiry', 200) },
    },
    {
      authorization: session.deps.devops.header,
      fetch: session.http.fetch,
      log: out.verbose,
      progress: session.progress.update,
    },
  );
  session.progress.clear();
  const apps = published.written.reduce((n, w) => n + w.apps, 0);
  const line = `Published the snapshot of ${published.written.length} project(s) (${apps} app registration reading(s)) to the data of extension ${target.publisher}.${target.extensionId}.`;
  if (options.output) out.stdout(`${line}\n`);
  else out.verbose(line);
  return published.failures;
}

export function describeProblem(p: ScanProblem): string {
  if (p.kind === 'app') {
    const used = p.connections?.length ? `, used by ${p.connections.map((n) => `"${n}"`).join(', ')}` : '';
    return oneLine(`app registration ${p.name} (tenant ${p.tenantId ?? 'unknown'}${used}): ${p.message}`, 2000);
  }
  return oneLine(`${p.kind} "${p.name}": ${p.message}`, 2000);
}

export function describeFailure(f: PublishFailure): string {
  return oneLine(`project "${f.project}": ${f.message}`, 2000);
}

/**
 * What could not be read or published, on stderr, after the report. A scan that read nothing says what failed and
 * what to do about it (`advice`, in the shell's words), not that "the report holds the rest".
 */
export function explainProblems(
  { problems, unread }: Pick<ScanResult, 'problems' | 'unread'>,
  publishFailures: PublishFailure[],
  inPipeline: boolean,
  out: Out,
  publishHint?: string,
  advice?: string | null,
): void {
  if (unread) {
    out.error(`nothing was scanned: ${unread.headline}.`);
    for (const p of problems) out.stderr(`  ${describeProblem(p)}\n`);
    if (advice) out.stderr(`  What to do: ${oneLine(advice, 1000)}\n`);
  } else if (problems.length > 0) {
    out.error(`scan incomplete: ${problems.length} part(s) could not be read; the report holds the rest.`);
    for (const p of problems) out.stderr(`  ${describeProblem(p)}\n`);
  }
  if (publishFailures.length > 0) {
    out.error(`snapshot not published for ${publishFailures.length} project(s); the report was written.`);
    for (const f of publishFailures) out.stderr(`  ${describeFailure(f)}\n`);
    if (publishFailures.some(isDenied)) out.stderr(`  ${publishHint ?? scopeHint(inPipeline)}\n`);
  }
}

/**
 * Connections whose execution history could not be read, on stderr after the report: their "used by" is
 * unknown. Not a failed scan (the exit code stays): expiry, the point of the scan, was read.
 */
export function explainUnreadUsage(unread: { connection: string; project: string; message: string }[], out: Out): void {
  if (unread.length === 0) return;
  const [first] = unread;
  out.error(
    `"used by" unknown for ${unread.length} connection(s): their execution history could not be read ` +
      `(first: "${first.connection}" in project "${first.project}": ${first.message}); the report says null for them, not unused.`,
  );
}
