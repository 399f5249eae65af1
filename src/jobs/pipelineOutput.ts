import { join, resolve } from 'path';
import { oneLine, type Out } from '../adapters/output';
import { EXIT } from './exitCodes';
import { OUTPUT_FORMATS, render, type ScanReport } from './format/formats';
import { command, issueCommands, succeededWithIssuesCommand, uploadSummaryCommand } from './pipelineCommands';
import { isDenied, scopeHint, type PublishFailure } from './publish';
import type { PipelineContext } from './runScan';
import type { ScanResult } from './scan';
import type { ScanOptions } from './scanOptions';
import { describeFailure, writeFile } from './scanSteps';

export interface PipelineRun {
  options: ScanOptions;
  pipeline: PipelineContext;
  report: ScanReport;
  result: ScanResult;
  publishFailures: PublishFailure[];
  /** What the track step could not do, one line each (its hints included): warnings, the step yellow. */
  workItemProblems?: string[];
  code: number;
  out: Out;
  /** What to do when the scan read nothing (runScan's advice). */
  advice?: string | null;
}

/**
 * Inside Azure Pipelines: one issue per connection that needs action and per problem, the Markdown
 * summary attached to the run, and a yellow step when issues were logged but nothing failed it.
 * Returns how many issues were logged.
 */
export function writePipelineCommands({
  options,
  pipeline,
  report,
  result,
  publishFailures,
  workItemProblems = [],
  code,
  out,
  advice = null,
}: PipelineRun): number {
  // Inside the pipeline task: publish failures are warnings with its hint, and the task sets the result.
  const task = pipeline.task;
  // Keep a machine-readable report on stdout parseable: the commands go to stderr then.
  const stream = !options.output && OUTPUT_FORMATS[options.format].machineReadable ? 'stderr' : 'stdout';
  // Our own commands, as built (their data is escaped and neutralised by pipeline.ts).
  const write = (line: string) => out.own(stream, line);
  const issues = issueCommands(report, result.problems);
  // The command line says once what failed and what to do; the task says it in its result.
  if (result.unread && !task)
    issues.push(
      command(
        'task.logissue',
        { type: 'error' },
        oneLine(`Nothing was scanned: ${result.unread.headline}.${advice ? ` ${advice}` : ''}`, 2000),
      ),
    );
  const publishIssue = { type: task ? 'warning' : 'error' };
  for (const f of publishFailures)
    issues.push(command('task.logissue', publishIssue, oneLine(`Snapshot not published: ${describeFailure(f)}`)));
  if (publishFailures.some(isDenied))
    issues.push(command('task.logissue', publishIssue, task?.publishHint ?? scopeHint(true)));
  for (const p of workItemProblems) issues.push(command('task.logissue', { type: 'warning' }, oneLine(p.trim())));
  for (const line of issues) write(`${line}\n`);
  let summaryPath = options.format === 'markdown' && options.output ? resolve(options.output) : null;
  try {
    if (!summaryPath) {
      summaryPath = join(pipeline.tempDir, `sc-expiry-summary-${process.pid}-${Date.now()}.md`);
      writeFile(
        out,
        summaryPath,
        render('markdown', { report, entries: result.entries, orgUrl: options.orgUrl, unread: result.unread }),
      );
    }
    write(`${uploadSummaryCommand(summaryPath)}\n`);
  } catch (e) {
    out.error(`cannot write the pipeline summary: ${(e as Error).message}`);
  }
  // Exit 0 with issues logged: mark the step SucceededWithIssues (yellow). 1 and 3 fail it anyway.
  if (code === EXIT.ok && issues.length > 0 && !task) write(`${succeededWithIssuesCommand()}\n`);
  return issues.length;
}
