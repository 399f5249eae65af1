import { join } from 'path';
import type { DevOpsAuth, GraphAuth } from '../adapters/auth/scannerAuth';
import type { Secrets } from '../adapters/output';
import { writeFileAtomic } from '../adapters/writeFileAtomic';
import { planMarkdown } from '../jobs/fix/fixOutput';
import { FIX_DEFAULTS, type FixOptions } from '../jobs/fix/fixOptions';
import { runFix, type FixOutcome } from '../jobs/fix/runFix';
import { uploadSummaryCommand } from '../jobs/pipelineCommands';
import type { ScanOptions } from '../jobs/scanOptions';
import { getInput, type Env } from './agentEnv';

/**
 * Input `fix` of the task: `none` (default); `plan`: the fix plan (reads only) in the log and the run
 * summary; `convertAutomatic`: applies only `convert` actions within the critical window and without
 * flagged risks (the build identity needs the Administrator role on those connections), journaled in
 * Agent.TempDirectory. Never a rotation: a pipeline holds no Graph write permission.
 */

export const FIX_MODES = ['none', 'plan', 'convertAutomatic'] as const;
export type FixMode = (typeof FIX_MODES)[number];

export function fixModeOf(env: Env): { ok: true; mode: FixMode } | { ok: false; message: string } {
  const value = getInput(env, 'fix') || 'none';
  const mode = FIX_MODES.find((m) => m.toLowerCase() === value.toLowerCase());
  return mode
    ? { ok: true, mode }
    : { ok: false, message: `Input "fix" must be one of ${FIX_MODES.join(', ')} (got "${value.slice(0, 60)}")` };
}

export function fixOptionsFor(
  mode: Exclude<FixMode, 'none'>,
  scan: ScanOptions,
  tempDir: string,
  nowMs: number,
): FixOptions {
  const apply = mode === 'convertAutomatic';
  return {
    orgUrl: scan.orgUrl,
    projects: scan.projects,
    connections: [],
    all: false,
    apply,
    yes: apply,
    journal: apply ? join(tempDir, `sc-expiry-fix-${nowMs}.json`) : null,
    format: 'table',
    secretDays: FIX_DEFAULTS.secretDays,
    removeOld: false,
    revert: null,
    graphUrl: scan.graphUrl,
    loginUrl: null,
    thresholds: scan.thresholds,
    concurrency: scan.concurrency,
    timeoutMs: scan.timeoutMs,
    verbose: scan.verbose,
    onlyCriticalConverts: apply,
  };
}

export interface FixStepDeps {
  io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } };
  secrets: Secrets;
  now: () => number;
  devops: DevOpsAuth;
  graph: GraphAuth;
}

/** Runs the fix job, then attaches its Markdown to the run summary. */
export async function runFixStep(options: FixOptions, tempDir: string, deps: FixStepDeps): Promise<FixOutcome> {
  const outcome = await runFix(options, {
    ...deps,
    io: { ...deps.io, isTTY: false },
    fetch: (input, init) => fetch(input, init),
    confirm: null,
  });
  const path = join(tempDir, `sc-expiry-fix-${deps.now()}.md`);
  writeFileAtomic(path, deps.secrets.scrub(planMarkdown(outcome.actions, options.apply)));
  deps.io.stdout.write(`${uploadSummaryCommand(path)}\n`);
  return outcome;
}
