import { FIX_EXIT } from '../../core/fix/plan';
import type { FixOptions } from './fixOptions';
import { revertTable } from './fixOutput';
import { JournalFile, readJournal } from './journalFile';
import { revertJournal } from './revertJournal';
import type { FixDeps, FixOutcome, FixSession } from './runFix';

/** `sc-expiry fix --revert JOURNAL --org URL`: 0 all back or nothing to do, 1 something cannot be undone, 3 a revert failed. */
export async function runRevert(options: FixOptions, deps: FixDeps, s: FixSession): Promise<FixOutcome> {
  const path = options.revert as string;
  const none = (code: number): FixOutcome => ({ code, actions: [], journalPath: path, leftToDo: [] });
  const read = readJournal(path);
  if (!read.ok) return (s.out.error(read.message), none(FIX_EXIT.usage));
  if (read.journal.orgUrl.toLowerCase() !== options.orgUrl.toLowerCase())
    return (s.out.error(`the journal is for ${read.journal.orgUrl}, not ${options.orgUrl}`), none(FIX_EXIT.usage));
  if (!options.yes && deps.confirm) {
    const yes = await deps.confirm(
      `Revert what ${path} did (${read.journal.entries.length} action(s))? Type "yes" to go on: `,
    );
    if (!yes) return (s.out.error('not confirmed: nothing was changed.'), none(FIX_EXIT.actionLeft));
  }
  const revertCommand = `sc-expiry fix --revert ${path} --org ${options.orgUrl}`;
  const journal = JournalFile.open(path, read.journal, deps.now, revertCommand, (t) => s.out.scrub(t));
  const lines = await revertJournal(s.context(journal));
  s.out.stdout(options.format === 'json' ? `${JSON.stringify({ reverts: lines }, null, 2)}\n` : revertTable(lines));
  const code = lines.some((l) => l.outcome === 'failed')
    ? FIX_EXIT.stepFailed
    : lines.some((l) => l.outcome === 'cannot')
      ? FIX_EXIT.actionLeft
      : FIX_EXIT.ok;
  return { ...none(code), leftToDo: journal.leftToDo };
}
