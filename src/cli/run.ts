import { parseArgs, type ScanOptions } from './args';
import { fixedGraphTokenProblem, type CredentialLike } from './auth';
import { EXIT, exitCodeFor } from './exitCodes';
import type { ScanReport } from './format/formats';
import { HELP, version } from './help';
import { makeOut, Secrets, type CliIo, type Out } from './io';
import { isAzurePipelines } from './pipeline';
import { writePipelineCommands } from './pipelineOutput';
import type { PublishFailure } from './publish';
import {
  checkOutputPaths,
  explainProblems,
  explainUnreadUsage,
  openSession,
  publishReadings,
  readOrganization,
  toScanReport,
  writeReport,
} from './scanSteps';

export type { CliIo } from './io';
export type { ScanReport } from './format/formats';

type Env = Record<string, string | undefined>;

/** What a shell around the scanner (the pipeline task, src/task) may change; the CLI uses the defaults. */
export interface ScanSeams {
  /** Where Graph tokens (and Azure DevOps ones without a PAT or pipeline token) come from. Default: DefaultAzureCredential. */
  credential?: () => Promise<CredentialLike>;
  /**
   * Inside the pipeline task: a snapshot that cannot be published is a warning with `publishHint`
   * and never fails the run, and the task, not the scanner, sets the step's result.
   */
  task?: { publishHint: string };
}

/** How a scan ended: the exit code the CLI returns, and what the task needs to set its result. */
export interface ScanOutcome {
  code: number;
  /** Null when the scan never ran (bad options, report not written). */
  report: ScanReport | null;
  /** Issues logged for Azure Pipelines (connections needing action, parts not read, publish failures). */
  issues: number;
  publishFailures: PublishFailure[];
}

const SECRET_VARIABLES = ['AZURE_DEVOPS_EXT_PAT', 'SYSTEM_ACCESSTOKEN', 'GRAPH_ACCESS_TOKEN'];

/** The whole CLI, in process: parses argv, scans, writes, and returns the exit code. */
export async function run(argv: string[], env: Env, io: CliIo): Promise<number> {
  const secrets = new Secrets();
  for (const name of SECRET_VARIABLES) secrets.add(env[name]);
  let verbose = false;
  const out = makeOut(io, secrets, () => verbose);
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') return (out.stdout(HELP), EXIT.ok);
    if (parsed.kind === 'version') return (out.stdout(`${version()}\n`), EXIT.ok);
    if (parsed.kind === 'error') return (out.error(parsed.message), EXIT.usage);
    verbose = parsed.options.verbose;
    return (await scan(parsed.options, env, io, out, secrets, {})).code;
  } catch (e) {
    out.error(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
    return EXIT.incomplete;
  }
}

/** The scan from parsed options, for a shell that is not the command line (the pipeline task). */
export async function scanWith(options: ScanOptions, env: Env, io: CliIo, seams: ScanSeams): Promise<ScanOutcome> {
  const secrets = new Secrets();
  for (const name of SECRET_VARIABLES) secrets.add(env[name]);
  return scan(
    options,
    env,
    io,
    makeOut(io, secrets, () => options.verbose),
    secrets,
    seams,
  );
}

/** `sc-expiry scan`, step by step (each step is in scanSteps.ts or pipelineOutput.ts). */
async function scan(
  options: ScanOptions,
  env: Env,
  io: CliIo,
  out: Out,
  secrets: Secrets,
  seams: ScanSeams,
): Promise<ScanOutcome> {
  const failed = (code: number): ScanOutcome => ({ code, report: null, issues: 0, publishFailures: [] });
  const badPath = checkOutputPaths(options);
  if (badPath) return (out.error(badPath), failed(EXIT.usage));
  const badToken = fixedGraphTokenProblem(env);
  if (badToken) return (out.error(badToken), failed(EXIT.usage));
  const session = openSession(options, env, io, out, secrets, seams.credential);
  const result = await readOrganization(options, session, out);
  const report = toScanReport(result, options, session.nowMs);
  if (!writeReport(options, report, result.entries, out)) return failed(EXIT.usage);
  // After the report is written: a failed publish never costs the report.
  const publishFailures = options.publish
    ? await publishReadings(options, options.publish, result, report, session, env, out)
    : [];
  // In the task a refused publish never fails the run: the scan itself is complete.
  const incomplete = result.problems.length > 0 || (!seams.task && publishFailures.length > 0);
  const code = exitCodeFor(
    report.connections.map((c) => c.status),
    options.failOn,
    incomplete,
  );
  const issues = isAzurePipelines(env)
    ? writePipelineCommands({ options, report, result, publishFailures, code, env, out, task: seams.task })
    : 0;
  explainProblems(result.problems, publishFailures, isAzurePipelines(env), out, seams.task?.publishHint);
  explainUnreadUsage(result.unreadUsage, out);
  return { code, report, issues, publishFailures };
}
