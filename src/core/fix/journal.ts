import type { EndpointState } from './endpointBody';

/**
 * The journal of `sc-expiry fix --apply` (docs/contracts.md#fix-journal): written after every step, so a
 * run that stops anywhere leaves a file saying which step was in progress and how to finish or revert
 * it. It holds states and key ids, never a secret.
 */

export type StepName =
  | 'convert'
  | 'wait-ready'
  | 'check'
  | 'revert'
  | 'add-password'
  | 'wait-token'
  | 'verify'
  | 'save'
  | 'remove-new-password'
  | 'remove-old-password';

export interface JournalStep {
  step: StepName;
  status: 'started' | 'done' | 'failed';
  at: string;
  detail?: string;
}

/** `untouched`: the attempt changed nothing (refused before any write took effect). */
export type EntryState = 'in-progress' | 'done' | 'untouched' | 'rolled-back' | 'failed' | 'reverted';

export interface JournalEntry {
  connectionId: string;
  project: string;
  name: string;
  action: 'convert' | 'rotate';
  state: EntryState;
  steps: JournalStep[];
  before: EndpointState | null;
  after: EndpointState | null;
  revertBy: string | null;
  /** Rotation: the app registration and the key ids added and removed (never a secret's value). */
  appObjectId: string | null;
  newKeyId: string | null;
  removedKeyId: string | null;
  error: string | null;
  link: string | null;
  /** Where the app registration lives, for --revert's Graph calls. */
  tenantId: string | null;
  environment: string | null;
}

export interface Journal {
  kind: 'sc-expiry-fix-journal';
  version: 1;
  orgUrl: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  entries: JournalEntry[];
  leftToDo: string[];
}

export function newJournal(orgUrl: string, at: string): Journal {
  return {
    kind: 'sc-expiry-fix-journal',
    version: 1,
    orgUrl,
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
    entries: [],
    leftToDo: [],
  };
}

export function stepDone(entry: JournalEntry, step: StepName): boolean {
  return entry.steps.some((s) => s.step === step && s.status === 'done');
}

export function stepStarted(entry: JournalEntry, step: StepName): boolean {
  return entry.steps.some((s) => s.step === step);
}

/** The step that was started and never ended, if any. */
export function openStep(entry: JournalEntry): StepName | null {
  const last = entry.steps[entry.steps.length - 1];
  return last && last.status === 'started' ? last.step : null;
}

function before(deadline: string | null, nowMs: number): boolean {
  return deadline === null || Date.parse(deadline) > nowMs;
}

export type RevertStep =
  | { kind: 'revert-convert'; entry: JournalEntry }
  | { kind: 'remove-new-password'; entry: JournalEntry }
  | { kind: 'nothing'; entry: JournalEntry; why: string }
  | { kind: 'cannot'; entry: JournalEntry; why: string };

/** What `--revert` does with each entry. A rotation that reached Azure DevOps is never undone by the tool. */
export function revertStepFor(entry: JournalEntry, nowMs: number): RevertStep {
  if (entry.state === 'reverted' || entry.state === 'rolled-back')
    return { kind: 'nothing', entry, why: 'already back as it was' };
  if (entry.state === 'untouched') return { kind: 'nothing', entry, why: 'nothing was changed' };
  if (entry.action === 'convert') {
    if (!stepStarted(entry, 'convert')) return { kind: 'nothing', entry, why: 'never converted' };
    if (!before(entry.revertBy, nowMs))
      return {
        kind: 'cannot',
        entry,
        why: `past its revert deadline (${entry.revertBy}): Azure DevOps refuses (CouldNotDowngradeMissingRecoveryData)`,
      };
    return { kind: 'revert-convert', entry };
  }
  if (entry.newKeyId && !stepStarted(entry, 'save') && !stepDone(entry, 'remove-new-password'))
    return { kind: 'remove-new-password', entry };
  if (!stepStarted(entry, 'save')) return { kind: 'nothing', entry, why: 'nothing was changed' };
  const old = entry.removedKeyId
    ? `the old secret (keyId ${entry.removedKeyId}) was removed and cannot be restored`
    : 'the old secret is still valid on the app registration: paste it back in Edit if you must';
  return { kind: 'cannot', entry, why: `a rotation cannot be undone by the tool; ${old}` };
}

/** One line per entry that still needs someone: what happened and the command or click that finishes it. */
export function leftToDo(journal: Journal, nowMs: number, revertCommand: string): string[] {
  const out: string[] = [];
  for (const e of journal.entries) {
    const who = `"${e.name}" (${e.project})`;
    const open = openStep(e);
    if (e.action === 'convert') {
      if (e.state === 'in-progress')
        out.push(
          `${who}: interrupted during "${open ?? 'convert'}". Check it in Azure DevOps (${e.link ?? 'Service connections'}); to go back to its secret run: ${revertCommand}`,
        );
      else if (e.state === 'failed')
        out.push(`${who}: ${e.error ?? 'failed'}; revert it in Azure DevOps (${e.link ?? 'Service connections'}).`);
      else if (e.state === 'done' && e.revertBy && before(e.revertBy, nowMs))
        out.push(`${who}: converted; revertible until ${e.revertBy} with: ${revertCommand}`);
      continue;
    }
    if (e.state === 'in-progress') {
      if (e.newKeyId && !stepStarted(e, 'save'))
        out.push(
          `${who}: a new secret (keyId ${e.newKeyId}) was added and not saved; remove it with: ${revertCommand}`,
        );
      else if (stepStarted(e, 'save'))
        out.push(
          `${who}: interrupted after saving the new secret (keyId ${e.newKeyId ?? '?'}); run Check now in Azure DevOps (${e.link ?? 'Service connections'}). The old secret was kept.`,
        );
      else out.push(`${who}: interrupted before any change; rerun the fix.`);
    } else if (e.state === 'failed') {
      const left =
        e.newKeyId && !stepDone(e, 'remove-new-password')
          ? ` The new secret (keyId ${e.newKeyId}) is still on the app registration.`
          : '';
      out.push(`${who}: ${e.error ?? 'failed'}.${left}`);
    }
  }
  return out;
}
