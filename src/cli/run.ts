import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { buildReport, type Report, type ReportEntry } from '../core/report';
import { parseArgs, type ScanOptions } from './args';
import { devopsAuth, graphAuth, lazyCredential } from './auth';
import { EXIT, exitCodeFor } from './exitCodes';
import { formatCsv } from './format/csv';
import { formatMarkdown } from './format/markdown';
import { countsLine } from './format/reportRows';
import { formatTable } from './format/table';
import { HELP, version } from './help';
import { makeOut, oneLine, Secrets, type CliIo, type Out } from './io';
import { command, isAzurePipelines, issueCommands, succeededWithIssuesCommand, uploadSummaryCommand } from './pipeline';
import { isDenied, publishSnapshots, scopeHint, type PublishFailure } from './publish';
import { instrumentedFetch, retryingFetch, scrubbingFetch } from './fetch';
import { progressReporter } from './progress';
import { scanOrganization, type ScanProblem } from './scan';

export type { CliIo } from './io';

/** The scanner JSON contract (core buildReport), plus what could not be read. */
export type ScanReport = Report & { errors: ScanProblem[] };

type Env = Record<string, string | undefined>;

function render(options: ScanOptions, report: ScanReport, entries: ReportEntry[]): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return formatCsv(report, entries);
    case 'markdown':
      return formatMarkdown(report, entries, options.orgUrl, report.errors);
    case 'table':
      return formatTable(report, entries);
  }
}

function writeFile(out: Out, path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, out.scrub(text), 'utf8');
}

function describeProblem(p: ScanProblem): string {
  if (p.kind === 'app') {
    const used = p.connections?.length ? `, used by ${p.connections.map((n) => `"${n}"`).join(', ')}` : '';
    return oneLine(`app registration ${p.name} (tenant ${p.tenantId ?? 'unknown'}${used}): ${p.message}`, 2000);
  }
  return oneLine(`${p.kind} "${p.name}": ${p.message}`, 2000);
}

function describeFailure(f: PublishFailure): string {
  return oneLine(`project "${f.project}": ${f.message}`, 2000);
}

/** The whole CLI, in process: parses argv, scans, writes, and returns the exit code. */
export async function run(argv: string[], env: Env, io: CliIo): Promise<number> {
  const secrets = new Secrets();
  for (const name of ['AZURE_DEVOPS_EXT_PAT', 'SYSTEM_ACCESSTOKEN', 'GRAPH_ACCESS_TOKEN']) secrets.add(env[name]);
  let verbose = false;
  const out = makeOut(io, secrets, () => verbose);
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') return (out.stdout(HELP), EXIT.ok);
    if (parsed.kind === 'version') return (out.stdout(`${version()}\n`), EXIT.ok);
    if (parsed.kind === 'error') return (out.error(parsed.message), EXIT.usage);
    verbose = parsed.options.verbose;
    return await scan(parsed.options, env, io, out, secrets);
  } catch (e) {
    out.error(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
    return EXIT.incomplete;
  }
}

async function scan(options: ScanOptions, env: Env, io: CliIo, out: Out, secrets: Secrets): Promise<number> {
  for (const [flag, path] of [
    ['--output', options.output],
    ['--json-file', options.jsonFile],
  ] as const) {
    if (path !== null && path.trim() === '') return (out.error(`${flag} needs a file name`), EXIT.usage);
  }
  // Tokens obtained during the run join `secrets`, so `out` scrubs them too.
  const credential = lazyCredential();
  const devops = devopsAuth(env, secrets, credential);
  const graph = graphAuth(env, secrets, credential, options.graphUrl);
  out.verbose(`Azure DevOps sign-in: ${devops.method}`);
  out.verbose(`Microsoft Graph sign-in: ${graph.method}`);

  const nowMs = (io.now ?? Date.now)();
  const progress = progressReporter(out.stderr, !!io.isTTY && !options.verbose);
  const http = instrumentedFetch(
    scrubbingFetch((input, init) => fetch(input, init), secrets),
    out.verbose,
  );
  const devopsFetch = retryingFetch(http.fetch, out.verbose);
  const started = Date.now();
  const result = await scanOrganization({
    ...options,
    nowMs,
    devops,
    graph,
    fetch: http.fetch,
    devopsFetch,
    log: out.verbose,
    progress: progress.update,
  });
  progress.clear();
  out.verbose(`${http.counter.requests} HTTP request(s) in ${Date.now() - started} ms`);

  const report: ScanReport = {
    ...buildReport(result.entries, options.orgUrl, options.thresholds, new Date(nowMs).toISOString()),
    errors: result.problems,
  };
  const text = render(options, report, result.entries);
  try {
    if (options.output) writeFile(out, options.output, text);
    else out.stdout(text);
    if (options.jsonFile) writeFile(out, options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  } catch (e) {
    out.error(`cannot write the report: ${(e as Error).message}`);
    return EXIT.usage;
  }
  if (options.output) out.stdout(`Wrote the ${options.format} report to ${options.output}: ${countsLine(report)}.\n`);

  // After the report is written: a failed publish never costs the report.
  let publishFailures: PublishFailure[] = [];
  if (options.publish) {
    const target = options.publish;
    const published = await publishSnapshots({
      orgUrl: options.orgUrl,
      target,
      scanned: result.scanned,
      lookups: result.lookups,
      takenAt: report.scannedAt,
      takenBy: { kind: 'scanner', name: oneLine(env.BUILD_DEFINITIONNAME?.trim() || 'sc-expiry', 200) },
      authorization: devops.header,
      fetch: devopsFetch,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      log: out.verbose,
      progress: progress.update,
    });
    progress.clear();
    publishFailures = published.failures;
    const apps = published.written.reduce((n, w) => n + w.apps, 0);
    const line = `Published the snapshot of ${published.written.length} project(s) (${apps} app registration reading(s)) to the data of extension ${target.publisher}.${target.extensionId}.`;
    if (options.output) out.stdout(`${line}\n`);
    else out.verbose(line);
  }

  const code = exitCodeFor(
    report.connections.map((c) => c.status),
    options.failOn,
    result.problems.length > 0 || publishFailures.length > 0,
  );
  if (isAzurePipelines(env)) {
    // Keep a JSON or CSV report on stdout parseable: the commands go to stderr then.
    const write = !options.output && (options.format === 'json' || options.format === 'csv') ? out.stderr : out.stdout;
    const issues = issueCommands(report, result.problems);
    for (const f of publishFailures)
      issues.push(
        command('task.logissue', { type: 'error' }, oneLine(`Snapshot not published: ${describeFailure(f)}`)),
      );
    if (publishFailures.some(isDenied)) issues.push(command('task.logissue', { type: 'error' }, scopeHint(true)));
    for (const line of issues) write(`${line}\n`);
    let summaryPath = options.format === 'markdown' && options.output ? resolve(options.output) : null;
    try {
      if (!summaryPath) {
        summaryPath = join(env.AGENT_TEMPDIRECTORY || tmpdir(), `sc-expiry-summary-${process.pid}-${Date.now()}.md`);
        writeFile(out, summaryPath, formatMarkdown(report, result.entries, options.orgUrl, result.problems));
      }
      write(`${uploadSummaryCommand(summaryPath)}\n`);
    } catch (e) {
      out.error(`cannot write the pipeline summary: ${(e as Error).message}`);
    }
    // Exit 0 with issues logged: mark the step SucceededWithIssues (yellow). 1 and 3 fail it anyway.
    if (code === EXIT.ok && issues.length > 0) write(`${succeededWithIssuesCommand()}\n`);
  }
  if (result.problems.length > 0) {
    out.error(`scan incomplete: ${result.problems.length} part(s) could not be read; the report holds the rest.`);
    for (const p of result.problems) out.stderr(`  ${describeProblem(p)}\n`);
  }
  if (publishFailures.length > 0) {
    out.error(`snapshot not published for ${publishFailures.length} project(s); the report was written.`);
    for (const f of publishFailures) out.stderr(`  ${describeFailure(f)}\n`);
    if (publishFailures.some(isDenied)) out.stderr(`  ${scopeHint(isAzurePipelines(env))}\n`);
  }
  return code;
}
