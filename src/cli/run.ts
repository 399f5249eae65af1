import { parseArgs, type ScanOptions } from './args';
import { EXIT, exitCodeFor } from './exitCodes';
import { HELP, version } from './help';
import { makeOut, Secrets, type CliIo, type Out } from './io';
import { isAzurePipelines } from './pipeline';
import { writePipelineCommands } from './pipelineOutput';
import {
  checkOutputPaths,
  explainProblems,
  openSession,
  publishReadings,
  readOrganization,
  toScanReport,
  writeReport,
} from './scanSteps';

export type { CliIo } from './io';
export type { ScanReport } from './format/formats';

type Env = Record<string, string | undefined>;

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

/** `sc-expiry scan`, step by step (each step is in scanSteps.ts or pipelineOutput.ts). */
async function scan(options: ScanOptions, env: Env, io: CliIo, out: Out, secrets: Secrets): Promise<number> {
  const badPath = checkOutputPaths(options);
  if (badPath) return (out.error(badPath), EXIT.usage);
  const session = openSession(options, env, io, out, secrets);
  const result = await readOrganization(options, session, out);
  const report = toScanReport(result, options, session.nowMs);
  if (!writeReport(options, report, result.entries, out)) return EXIT.usage;
  // After the report is written: a failed publish never costs the report.
  const publishFailures = options.publish
    ? await publishReadings(options, options.publish, result, report, session, env, out)
    : [];
  const incomplete = result.problems.length > 0 || publishFailures.length > 0;
  const code = exitCodeFor(
    report.connections.map((c) => c.status),
    options.failOn,
    incomplete,
  );
  if (isAzurePipelines(env)) writePipelineCommands({ options, report, result, publishFailures, code, env, out });
  explainProblems(result.problems, publishFailures, isAzurePipelines(env), out);
  return code;
}
