import type { FetchLike } from '../adapters/http';

/**
 * src/jobs/ holds the jobs that both shells run: the `sc-expiry` command line (src/cli/) and the
 * pipeline task (src/task/). Today: scan (scan.ts), publish (publish.ts) and the whole `scan` run that
 * sequences them with the report (runScan.ts); next: fix, track — one file each, here.
 *
 * A job is a plain async function: typed options (plain data) in, injected dependencies (the types
 * below: network, clock, log, progress, credentials) in, a typed result out. Core decides, adapters
 * do the I/O, a job sequences the steps. A shell only reads its inputs (flags, or the agent's
 * environment), checks them with the shared step (scanOptions.ts), calls the job and writes its
 * result. Jobs never import src/cli, src/task, src/ui or src/devhost (eslint.config.mjs).
 */

export type Progress = (phase: string, done: number, total: number) => void;

/** What every job is handed: how it reaches the network, its log (--verbose) and its progress line. */
export interface JobDeps {
  /** Every request goes through it (the shells scrub secrets from answers and count requests). */
  fetch: FetchLike;
  log: (line: string) => void;
  progress: Progress;
}

/** The options every job against one organization takes, named once. */
export interface OrgJobOptions {
  /** https://dev.azure.com/{org}, no trailing slash. */
  orgUrl: string;
  /** Requests in flight per service. */
  concurrency: number;
  /** Deadline of each request, headers and body (adapters/http fetchWithTimeout). */
  timeoutMs: number;
}
