import { tmpdir } from 'os';
import { fixedGraphTokenProblem, scannerSignIn, secretsOf } from '../adapters/auth/scannerAuth';
import { makeOut, type CliIo, type Secrets } from '../adapters/output';
import { EXIT } from '../jobs/exitCodes';
import { runScan, type PipelineContext } from '../jobs/runScan';
import type { ScanOptions } from '../jobs/scanOptions';
import { cliAdvice } from './advice';
import { parseArgs } from './args';
import { fix, type FixSeams } from './fix';
import { FIX_HELP } from './fixHelp';
import { HELP, version } from './help';

export type { CliIo } from '../adapters/output';
export type { ScanReport } from '../jobs/format/formats';

type Env = Record<string, string | undefined>;

/** TF_BUILD=True: the scan runs in Azure Pipelines and logs issues and a summary for the run. */
function pipelineOf(env: Env): PipelineContext | null {
  if ((env.TF_BUILD ?? '').toLowerCase() !== 'true') return null;
  return { tempDir: env.AGENT_TEMPDIRECTORY || tmpdir() };
}

/** The whole CLI, in process: reads argv and the environment, runs the scan job, returns the exit code. */
export async function run(argv: string[], env: Env, io: CliIo, seams: FixSeams = {}): Promise<number> {
  const secrets = secretsOf(env);
  let verbose = false;
  const out = makeOut(io, secrets, () => verbose);
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') return (out.stdout(parsed.command === 'fix' ? FIX_HELP : HELP), EXIT.ok);
    if (parsed.kind === 'version') return (out.stdout(`${version()}\n`), EXIT.ok);
    if (parsed.kind === 'error') return (out.error(parsed.message), EXIT.usage);
    verbose = parsed.options.verbose;
    const badToken = fixedGraphTokenProblem(env);
    if (badToken) return (out.error(badToken), EXIT.usage);
    if (parsed.kind === 'fix') return await fix(parsed.options, env, io, secrets, seams);
    return (await scan(parsed.options, env, io, secrets)).code;
  } catch (e) {
    out.error(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
    return EXIT.incomplete;
  }
}

function scan(options: ScanOptions, env: Env, io: CliIo, secrets: Secrets) {
  const signIn = scannerSignIn(env, secrets, options.graphUrl);
  return runScan(
    { ...options, pipeline: pipelineOf(env), publishedBy: env.BUILD_DEFINITIONNAME },
    {
      io,
      secrets,
      now: io.now ?? Date.now,
      fetch: (input, init) => fetch(input, init),
      ...signIn,
      advise: (unread) => cliAdvice(unread, options.orgUrl, signIn.devops.source),
    },
  );
}
