import { createAppPasswords } from '../../adapters/fix/appPasswords';
import { createEndpointWrites } from '../../adapters/fix/endpointWrites';
import { probeSecret } from '../../adapters/fix/secretProbe';
import type { WriteTransport } from '../../adapters/fix/writeRequest';
import { makeOut, type Out } from '../../adapters/output';
import { instrumentedFetch, scrubbingFetch } from '../../adapters/scannerFetch';
import { FIX_EXIT } from '../../core/fix/plan';
import type { PlannedAction } from '../../core/fix/types';
import { graphRoot, loginRoot } from '../../core/links';
import { DEFAULT_USAGE_POLICY } from '../../core/usagePlan';
import type { ScanRunDeps } from '../runScan';
import { scanJob, type ScanResult } from '../scan';
import { DEFAULT_WAITS, type ActionContext, type FixWaits } from './actionContext';
import { applyPlan } from './applyPlan';
import type { FixOptions } from './fixOptions';
import { planJson, planTable } from './fixOutput';
import { planFix } from './planFix';
import { runRevert } from './runRevert';
import type { JournalFile } from './journalFile';

/**
 * `sc-expiry fix`, the job both shells run: scan, plan (reads only), and only with --apply (and a
 * confirmation, or --yes) the writes, each journaled; or --revert from a journal. Exit codes:
 * docs/contracts.md#fix (0 done or nothing to do, 1 action left, 2 usage, 3 a step failed).
 */

/** What the scan run needs (the admin's terminal, the clock, the network, both sign-ins), and the fix's own. */
export interface FixDeps extends ScanRunDeps {
  /** Asks the admin at a terminal; null in a pipeline (TF_BUILD) or without a TTY: --apply needs --yes. */
  confirm: ((question: string) => Promise<boolean>) | null;
  sleep?: (ms: number) => Promise<void>;
  /** True once the admin asked to stop (Ctrl-C): the action in progress ends, no new one starts. */
  stopRequested?: () => boolean;
  waits?: Partial<FixWaits>;
}

export interface FixOutcome {
  code: number;
  actions: PlannedAction[];
  journalPath: string | null;
  /** What --apply left for someone to do (the journal's leftToDo). */
  leftToDo: string[];
}

export interface FixSession {
  out: Out;
  transport: WriteTransport;
  http: ReturnType<typeof instrumentedFetch>;
  context: (journal: JournalFile) => ActionContext;
}

export function openFixSession(options: FixOptions, deps: FixDeps): FixSession {
  const out = makeOut(deps.io, deps.secrets, () => options.verbose);
  const http = instrumentedFetch(scrubbingFetch(deps.fetch, deps.secrets), out.verbose);
  const transport: WriteTransport = {
    fetch: http.fetch,
    timeoutMs: options.timeoutMs,
    authorization: deps.devops.header,
  };
  const graphAt = (environment: string) => options.graphUrl ?? graphRoot(environment);
  const context = (journal: JournalFile): ActionContext => ({
    writes: createEndpointWrites(options.orgUrl, transport),
    journal,
    waits: { ...DEFAULT_WAITS, ...deps.waits },
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: deps.now,
    log: out.verbose,
    passwords: (environment, tenantId) =>
      createAppPasswords(graphAt(environment), {
        fetch: http.fetch,
        timeoutMs: options.timeoutMs,
        authorization: async () => `Bearer ${await deps.graph.getToken(tenantId, graphRoot(environment))}`,
      }),
    probe: (environment, tenantId, appId, secret) =>
      probeSecret(
        http.fetch,
        options.loginUrl ?? loginRoot(environment),
        tenantId,
        appId,
        secret,
        `${graphRoot(environment)}/.default`,
        options.timeoutMs,
      ),
    remember: (secret) => deps.secrets.add(secret),
  });
  return { out, transport, http, context };
}

/** Writes need someone's yes: a terminal's answer or --yes. */
export function confirmationProblem(options: FixOptions, deps: FixDeps): string | null {
  if (!(options.apply || options.revert) || options.yes || deps.confirm) return null;
  const what = options.revert ? '--revert' : '--apply';
  return `${what} changes service connections: without a terminal to confirm (in a pipeline, TF_BUILD, or without a TTY) it needs --yes`;
}

function scanOf(options: FixOptions, deps: FixDeps, s: FixSession): Promise<ScanResult> {
  return scanJob(
    {
      orgUrl: options.orgUrl,
      projects: options.projects,
      thresholds: options.thresholds,
      graphUrl: options.graphUrl,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      // A write weighs its risks (used-by) on histories read now, never on a published snapshot.
      usage: { ...DEFAULT_USAGE_POLICY, mode: 'always' },
    },
    {
      fetch: s.http.fetch,
      log: s.out.verbose,
      progress: () => undefined,
      now: deps.now,
      devops: deps.devops,
      graph: deps.graph,
    },
  );
}

function print(options: FixOptions, s: FixSession, actions: PlannedAction[], applied: boolean): void {
  s.out.stdout(options.format === 'json' ? planJson(actions) : planTable(actions, applied));
}

export async function runFix(options: FixOptions, deps: FixDeps): Promise<FixOutcome> {
  const s = openFixSession(options, deps);
  const refused = (message: string, code: number = FIX_EXIT.usage): FixOutcome => (
    s.out.error(message),
    { code, actions: [], journalPath: null, leftToDo: [] }
  );
  const problem = confirmationProblem(options, deps);
  if (problem) return refused(problem);
  if (options.revert) return runRevert(options, deps, s);
  const scan = await scanOf(options, deps, s);
  // Nothing read is never an empty plan: say what failed and what to do.
  if (scan.unread) {
    const advice = deps.advise?.(scan.unread);
    s.out.error(`cannot plan, nothing was read: ${scan.unread.headline}.`);
    if (advice) s.out.stderr(`  What to do: ${advice}\n`);
    return { code: FIX_EXIT.stepFailed, actions: [], journalPath: null, leftToDo: [] };
  }
  const fatal = scan.problems.find((p) => p.kind === 'organization');
  if (fatal) return refused(`cannot plan: ${fatal.message}`, FIX_EXIT.stepFailed);
  for (const p of scan.problems) s.out.error(`not read: ${p.kind} "${p.name}": ${p.message}`);
  const plan = await planFix(options, scan, s.transport);
  if (plan.unknownNames.length > 0)
    return refused(`--connection names no listed connection: ${plan.unknownNames.map((n) => `"${n}"`).join(', ')}`);
  s.out.verbose(
    `plan: ${s.http.counter.requests} request(s), ${plan.yamlReads.definitionLists} definition list(s), ${plan.yamlReads.items} YAML file(s)`,
  );
  if (!options.apply) {
    const actions = plan.targets.map((t) => t.action);
    print(options, s, actions, false);
    return { code: planExit(actions), actions, journalPath: null, leftToDo: [] };
  }
  const applied = await applyPlan(options, deps, s, plan.targets);
  print(options, s, applied.actions, true);
  for (const line of applied.leftToDo) s.out.error(`left to do: ${line}`);
  return applied;
}

/** A plan leaves work when any line is not `none`. */
function planExit(actions: PlannedAction[]): number {
  return actions.some((a) => a.action !== 'none') ? FIX_EXIT.actionLeft : FIX_EXIT.ok;
}
