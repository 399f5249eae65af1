import { readFileSync } from 'fs';
import { writeFileAtomic } from '../../adapters/writeFileAtomic';
import { leftToDo, newJournal, type Journal, type JournalEntry, type StepName } from '../../core/fix/journal';

/**
 * The journal on disk: rewritten whole and atomically after every step (adapters/writeFileAtomic), so
 * an interrupted run leaves a file that names the step in progress. Everything written passes through
 * `scrub` (the process's known secrets masked) as a net under the rule that no secret is ever put in it.
 */

export type NewEntry = Omit<
  JournalEntry,
  'state' | 'steps' | 'after' | 'revertBy' | 'newKeyId' | 'removedKeyId' | 'error'
>;

export class JournalFile {
  private constructor(
    readonly path: string,
    private readonly journal: Journal,
    private readonly now: () => number,
    private readonly revertCommand: string,
    private readonly scrub: (text: string) => string,
  ) {}

  static create(
    path: string,
    orgUrl: string,
    now: () => number,
    revertCommand: string,
    scrub: (t: string) => string,
  ): JournalFile {
    const file = new JournalFile(path, newJournal(orgUrl, new Date(now()).toISOString()), now, revertCommand, scrub);
    file.save();
    return file;
  }

  static open(
    path: string,
    journal: Journal,
    now: () => number,
    revertCommand: string,
    scrub: (t: string) => string,
  ): JournalFile {
    return new JournalFile(path, journal, now, revertCommand, scrub);
  }

  get entries(): readonly JournalEntry[] {
    return this.journal.entries;
  }

  get leftToDo(): string[] {
    return this.journal.leftToDo;
  }

  add(entry: NewEntry): number {
    this.journal.entries.push({
      ...entry,
      state: 'in-progress',
      steps: [],
      after: null,
      revertBy: null,
      newKeyId: null,
      removedKeyId: null,
      error: null,
    });
    this.save();
    return this.journal.entries.length - 1;
  }

  step(i: number, step: StepName, status: 'started' | 'done' | 'failed', detail?: string): void {
    const at = new Date(this.now()).toISOString();
    this.journal.entries[i].steps.push({ step, status, at, ...(detail ? { detail } : {}) });
    this.save();
  }

  set(i: number, patch: Partial<JournalEntry>): void {
    Object.assign(this.journal.entries[i], patch);
    this.save();
  }

  finish(): void {
    this.journal.finishedAt = new Date(this.now()).toISOString();
    this.save();
  }

  private save(): void {
    this.journal.updatedAt = new Date(this.now()).toISOString();
    this.journal.leftToDo = leftToDo(this.journal, this.now(), this.revertCommand);
    writeFileAtomic(this.path, `${this.scrub(JSON.stringify(this.journal, null, 2))}\n`);
  }
}

/** `sc-expiry-fix-20261206T205700Z.json`. */
export function defaultJournalPath(nowMs: number): string {
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `sc-expiry-fix-${stamp}.json`;
}

/** A journal read back for --revert; a one-line reason when the file is not one. */
export function readJournal(path: string): { ok: true; journal: Journal } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, message: `cannot read the journal ${path}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `${path} is not JSON: not an sc-expiry fix journal` };
  }
  const j = json as Partial<Journal>;
  if (
    j?.kind !== 'sc-expiry-fix-journal' ||
    j.version !== 1 ||
    !Array.isArray(j.entries) ||
    typeof j.orgUrl !== 'string'
  )
    return { ok: false, message: `${path} is not an sc-expiry fix journal (version 1)` };
  return { ok: true, journal: j as Journal };
}
