import { scannerSignIn, type CredentialLike } from '../adapters/auth/scannerAuth';
import type { CliIo, Secrets } from '../adapters/output';
import type { FixOptions } from '../jobs/fix/fixOptions';
import { runFix } from '../jobs/fix/runFix';
import { cliAdvice } from './advice';

/** `sc-expiry fix`: the fix job with the command line's sign-in, terminal and Ctrl-C. */

type Env = Record<string, string | undefined>;

export interface FixSeams {
  /** Asks at the terminal (main.ts); absent: nobody to ask, --apply needs --yes. */
  confirm?: (question: string) => Promise<boolean>;
  stopRequested?: () => boolean;
  credential?: () => Promise<CredentialLike>;
}

export async function fix(
  options: FixOptions,
  env: Env,
  io: CliIo,
  secrets: Secrets,
  seams: FixSeams,
): Promise<number> {
  // In a pipeline nobody answers, whatever the terminal says.
  const inPipeline = (env.TF_BUILD ?? '').toLowerCase() === 'true';
  const signIn = scannerSignIn(env, secrets, options.graphUrl, seams.credential);
  const outcome = await runFix(options, {
    io,
    secrets,
    now: io.now ?? Date.now,
    fetch: (input, init) => fetch(input, init),
    ...signIn,
    confirm: inPipeline ? null : (seams.confirm ?? null),
    stopRequested: seams.stopRequested,
    advise: (unread) => cliAdvice(unread, options.orgUrl, signIn.devops.source),
  });
  return outcome.code;
}
