import { tmpdir } from 'os';
import { join, resolve } from 'path';
import type { ScanOptions } from './args';
import { EXIT } from './exitCodes';
import { OUTPUT_FORMATS, render, type ScanReport } from './format/formats';
import { oneLine, type Out } from './io';
import { command, issueCommands, succeededWithIssuesCommand, uploadSummaryCommand } from './pipeline';
import { isDenied, scopeHint, type PublishFailure } from './publish';
import type { ScanResult } from './scan';
import { describeFailure, writeFile } from './scanSteps';

export interface PipelineRun {
  options: ScanOptions;
  report: ScanReport;
  result: ScanResult;
  publishFailures: PublishFailure[];
  code: number;
  env: Record<string, string | undefined>;
  out: Out;
  /** Inside the pipeline task: publish failures are warnings with this hint, and the task sets the result. */
  task?: { publishHint: string };
}

/**
 * Inside Azure Pipelines: one issue per connection that needs action and per problem, the Markdown
 * summary attached to the run, and a yellow step when issues were logged but nothing failed it.
 * Returns how many issues were logged.
 */
export function writePipelineCommands({
  options,
  report,
  result,
  publishFailures,
  code,
  env,
  out,
  task,
}: PipelineRun): number {
  // Keep a machine-readable report on stdout parseable: the commands go to stderr then.
  const stream = !options.output && OUTPUT_FORMATS[options.format].machineReadable ? 'stderr' : 'stdout';
  // Our own commands, as built (their data is escaped and neutralised by pipeline.ts).
  const write = (line: string) => out.own(stream, line);
  const issues = issueCommands(report, result.problems);
  const publishIssue = { type: task ? 'warning' : 'error' };
  for (const f of publishFailures)
    issues.push(command('task.logissue', publishIssue, oneLine(`Snapshot not published: ${describeFailure(f)}`)));
  if (publishFailures.some(isDenied))
    issues.push(command('task.logissue', publishIssue, task?.publishHint ?? scopeHint(true)));
  for (const line of issues) write(`${line}\n`);
  let summaryPath = options.format === 'markdown' && options.output ? resolve(options.output) : null;
  try {
    if (!summaryPath) {
      summaryPath = join(env.AGENT_TEMPDIRECTORY || tmpdir(), `sc-expiry-summary-${process.pid}-${Date.now()}.md`);
      writeFile(out, summaryPath, render('markdown', { report, entries: result.entries, orgUrl: options.orgUrl }));
    }
    write(`${uploadSummaryCommand(summaryPath)}\n`);
  } catch (e) {
    out.error(`cannot write the pipeline summary: ${(e as Error).message}`);
  }
  // Exit 0 with issues logged: mark the step SucceededWithIssues (yellow). 1 and 3 fail it anyway.
  if (code === EXIT.ok && issues.length > 0 && !task) write(`${succeededWithIssuesCommand()}\n`);
  return issues.length;
}
