import { mkdirSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { buildReport, type ReportEntry } from '../core/report';
import type { PublishTarget, ScanOptions } from './args';
import { devopsAuth, graphAuth, lazyCredential, type CredentialLike, type DevOpsAuth, type GraphAuth } from './auth';
import { instrumentedFetch, scrubbingFetch } from './fetch';
import { render, type ScanReport } from './format/formats';
import { countsLine } from './format/reportRows';
import { oneLine, type CliIo, type Out, type Secrets } from './io';
import { progressReporter } from './progress';
import { isDenied, publishSnapshots, scopeHint, type PublishFailure } from './publish';
import { scanOrganization, type ScanProblem, type ScanResult } from './scan';

/** The steps of `sc-expiry scan`, in the order run.ts calls them. */

type Env = Record<string, string | undefined>;

/** What every step after sign-in shares: credentials, the clock, progress and the HTTP stack. */
export interface ScanSession {
  devops: DevOpsAuth;
  graph: GraphAuth;
  nowMs: number;
  progress: ReturnType<typeof progressReporter>;
  http: ReturnType<typeof instrumentedFetch>;
}

/** `--output ""` is a usage error before anything is read. */
export function checkOutputPaths(options: ScanOptions): string | null {
  for (const [flag, path] of [
    ['--output', options.output],
    ['--json-file', options.jsonFile],
  ] as const) {
    if (path !== null && path.trim() === '') return `${flag} needs a file name`;
  }
  return null;
}

/**
 * Credentials (tokens obtained later join `secrets`, so `out` scrubs them too) and the HTTP stack.
 * `credential` is DefaultAzureCredential unless a shell injects its own (the pipeline task's).
 */
export function openSession(
  options: ScanOptions,
  env: Env,
  io: CliIo,
  out: Out,
  secrets: Secrets,
  credential: () => Promise<CredentialLike> = lazyCredential(),
): ScanSession {
  const devops = devopsAuth(env, secrets, credential);
  const graph = graphAuth(env, secrets, credential, options.graphUrl);
  out.verbose(`Azure DevOps sign-in: ${devops.method}`);
  out.verbose(`Microsoft Graph sign-in: ${graph.method}`);
  const http = instrumentedFetch(
    scrubbingFetch((input, init) => fetch(input, init), secrets),
    out.verbose,
  );
  return {
    devops,
    graph,
    nowMs: (io.now ?? Date.now)(),
    progress: progressReporter((text) => out.own('stderr', text), !!io.isTTY && !options.verbose),
    http,
  };
}

/** Projects → connections → Graph → verdicts, with progress on a terminal. */
export async function readOrganization(options: ScanOptions, session: ScanSession, out: Out): Promise<ScanResult> {
  const started = Date.now();
  const result = await scanOrganization({
    ...options,
    nowMs: session.nowMs,
    devops: session.devops,
    graph: session.graph,
    fetch: session.http.fetch,
    log: out.verbose,
    progress: session.progress.update,
  });
  session.progress.clear();
  out.verbose(`${session.http.counter.requests} HTTP request(s) in ${Date.now() - started} ms`);
  return result;
}

export function toScanReport(result: ScanResult, options: ScanOptions, nowMs: number): ScanReport {
  return {
    ...buildReport(result.entries, options.orgUrl, options.thresholds, new Date(nowMs).toISOString()),
    errors: result.problems,
  };
}

export function writeFile(out: Out, path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, out.scrub(text), 'utf8');
}

/** The report in `--format` to `--output` or stdout, and the JSON to `--json-file`; false when a file cannot be written. */
export function writeReport(options: ScanOptions, report: ScanReport, entries: ReportEntry[], out: Out): boolean {
  const text = render(options.format, { report, entries, orgUrl: options.orgUrl });
  try {
    if (options.output) writeFile(out, options.output, text);
    else out.stdout(text);
    if (options.jsonFile) writeFile(out, options.jsonFile, render('json', { report, entries, orgUrl: options.orgUrl }));
  } catch (e) {
    out.error(`cannot write the report: ${(e as Error).message}`);
    return false;
  }
  if (options.output) out.stdout(`Wrote the ${options.format} report to ${options.output}: ${countsLine(report)}.\n`);
  return true;
}

/** `--publish`: each project's Graph readings to the extension's data; returns what failed. */
export async function publishReadings(
  options: ScanOptions,
  target: PublishTarget,
  result: ScanResult,
  report: ScanReport,
  session: ScanSession,
  env: Env,
  out: Out,
): Promise<PublishFailure[]> {
  const published = await publishSnapshots({
    orgUrl: options.orgUrl,
    target,
    scanned: result.scanned,
    lookups: result.lookups,
    found: result.found,
    usage: result.usage,
    takenAt: report.scannedAt,
    takenBy: { kind: 'scanner', name: oneLine(env.BUILD_DEFINITIONNAME?.trim() || 'sc-expiry', 200) },
    authorization: session.devops.header,
    fetch: session.http.fetch,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    log: out.verbose,
    progress: session.progress.update,
  });
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

/** What could not be read or published, on stderr, after the report. */
export function explainProblems(
  problems: ScanProblem[],
  publishFailures: PublishFailure[],
  inPipeline: boolean,
  out: Out,
  publishHint?: string,
): void {
  if (problems.length > 0) {
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
