import { fixExitCode, mayApply } from '../../core/fix/plan';
import { flaggedRisks, type PlannedAction } from '../../core/fix/types';
import { messageOf } from './actionContext';
import { applyConvert } from './applyConvert';
import { applyRotate } from './applyRotate';
import type { FixOptions } from './fixOptions';
import { planTable } from './fixOutput';
import { defaultJournalPath, JournalFile } from './journalFile';
import type { FixTarget } from './planFix';
import type { FixDeps, FixOutcome, FixSession } from './runFix';

/**
 * --apply: which actions run (convert and rotate, flagged ones only when named; the task's
 * convertAutomatic only converts within the critical window), the confirmation, the journal, and each
 * action in turn. A stop request (Ctrl-C) lets the action in progress finish or roll back.
 */

const CRITICAL = new Set(['expired', 'critical']);

function runnable(options: FixOptions, t: FixTarget): boolean {
  if (options.onlyCriticalConverts)
    return t.action.action === 'convert' && CRITICAL.has(t.verdict.status) && mayApply(t.action, false);
  return mayApply(t.action, t.named);
}

/** A convert or rotate that does not run only because of its flagged risks says so. */
function skipped(options: FixOptions, t: FixTarget): PlannedAction {
  const writable = t.action.action === 'convert' || t.action.action === 'rotate';
  if (!writable || runnable(options, t) || flaggedRisks(t.action).length === 0) return t.action;
  // The task's convertAutomatic never meant to run rotations, nor converts outside the critical window.
  if (options.onlyCriticalConverts && (t.action.action !== 'convert' || !CRITICAL.has(t.verdict.status)))
    return t.action;
  return { ...t.action, result: 'skipped-risks' };
}

export async function applyPlan(
  options: FixOptions,
  deps: FixDeps,
  s: FixSession,
  targets: FixTarget[],
): Promise<FixOutcome> {
  const chosen = targets.filter((t) => runnable(options, t));
  let actions = targets.map((t) => skipped(options, t));
  if (chosen.length === 0) return { code: fixExitCode(actions), actions, journalPath: null, leftToDo: [] };
  if (!options.yes && deps.confirm) {
    s.out.stderr(planTable(actions, false));
    const yes = await deps.confirm(`Apply ${chosen.length} change(s) to ${options.orgUrl}? Type "yes" to go on: `);
    if (!yes) {
      actions = actions.map((a) =>
        chosen.some((t) => t.action === a) ? { ...a, result: 'skipped-not-confirmed' } : a,
      );
      s.out.error('not confirmed: nothing was changed.');
      return { code: fixExitCode(actions), actions, journalPath: null, leftToDo: [] };
    }
  }
  const path = options.journal ?? defaultJournalPath(deps.now());
  const revertCommand = `sc-expiry fix --revert ${path} --org ${options.orgUrl}`;
  const journal = JournalFile.create(path, options.orgUrl, deps.now, revertCommand, (t) => s.out.scrub(t));
  s.out.error(`journal: ${path} (written after every step)`);
  const context = s.context(journal);
  for (const t of chosen) {
    if (deps.stopRequested?.()) {
      s.out.error('stopped on request: the remaining actions were not started.');
      break;
    }
    const outcome = await (
      t.action.action === 'convert' ? applyConvert(context, t) : applyRotate(context, t, options)
    ).catch((e: unknown) => ({ result: 'failed' as const, error: `unexpected: ${messageOf(e)}` }));
    actions = actions.map((a) => (a.connectionId === t.action.connectionId ? { ...t.action, ...outcome } : a));
  }
  journal.finish();
  return { code: fixExitCode(actions), actions, journalPath: path, leftToDo: journal.leftToDo };
}
