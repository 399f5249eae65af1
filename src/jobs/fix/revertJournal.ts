import { revertStepFor, type JournalEntry } from '../../core/fix/journal';
import { checkStep, inStep, messageOf, type ActionContext } from './actionContext';
import { revertConversion } from './applyConvert';

/**
 * `--revert JOURNAL`: every conversion still before its deadline goes back to its secret (waiting for
 * one still in progress), a new secret that was never saved is removed, and what cannot be undone is
 * said plainly: a rotation (the old secret is still valid unless it was removed), a conversion past
 * its deadline. The same journal records the revert, step by step.
 */

export interface RevertLine {
  connectionId: string;
  project: string;
  name: string;
  outcome: 'reverted' | 'nothing' | 'cannot' | 'failed';
  message: string;
}

async function revertOne(c: ActionContext, i: number, e: JournalEntry): Promise<RevertLine> {
  const line = (outcome: RevertLine['outcome'], message: string): RevertLine => ({
    connectionId: e.connectionId,
    project: e.project,
    name: e.name,
    outcome,
    message,
  });
  const step = revertStepFor(e, c.now());
  if (step.kind === 'nothing') return line('nothing', step.why);
  if (step.kind === 'cannot') return line('cannot', step.why);
  try {
    if (step.kind === 'remove-new-password') {
      const graph = c.passwords(e.environment ?? 'AzureCloud', e.tenantId ?? 'organizations');
      await inStep(c, i, 'remove-new-password', () => graph.remove(e.appObjectId ?? '', e.newKeyId ?? ''));
      c.journal.set(i, { state: 'rolled-back' });
      return line('reverted', `the new secret (keyId ${e.newKeyId}) was removed; the connection keeps its old secret`);
    }
    await revertConversion(c, i, e.project, e.connectionId);
    const check = await checkStep(c, i, e.project, e.connectionId);
    c.journal.set(i, { state: 'reverted' });
    return line(
      'reverted',
      `back on its secret${check.ok ? '; the check passes' : `; the check fails: ${check.message}`}`,
    );
  } catch (err) {
    c.journal.set(i, { error: `revert failed: ${messageOf(err)}` });
    return line('failed', messageOf(err));
  }
}

export async function revertJournal(c: ActionContext): Promise<RevertLine[]> {
  const lines: RevertLine[] = [];
  for (let i = 0; i < c.journal.entries.length; i++) lines.push(await revertOne(c, i, c.journal.entries[i]));
  c.journal.finish();
  return lines;
}
