import type { AppPasswords } from '../../adapters/fix/appPasswords';
import type { EndpointWrites } from '../../adapters/fix/endpointWrites';
import type { ProbeOutcome } from '../../adapters/fix/secretProbe';
import { oneLine } from '../../adapters/output';
import type { StepName } from '../../core/fix/journal';
import { endpointState } from '../../core/fix/endpointBody';
import type { JournalFile, NewEntry } from './journalFile';
import type { FixTarget } from './planFix';

/** What applying or reverting one action needs: the writers, the journal, the clock and the waits. */

export interface FixWaits {
  /** Polling a conversion in progress (202): first wait, longest wait, give up after. */
  pollFirstMs: number;
  pollMaxMs: number;
  pollBudgetMs: number;
  /** Waiting for Entra ID to accept a new secret. */
  tokenFirstMs: number;
  tokenMaxMs: number;
  tokenBudgetMs: number;
}

export const DEFAULT_WAITS: FixWaits = {
  pollFirstMs: 1000,
  pollMaxMs: 10_000,
  pollBudgetMs: 5 * 60_000,
  tokenFirstMs: 2000,
  tokenMaxMs: 15_000,
  tokenBudgetMs: 3 * 60_000,
};

export interface ActionContext {
  writes: EndpointWrites;
  journal: JournalFile;
  waits: FixWaits;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  log: (line: string) => void;
  /** Graph writes in the connection's cloud and tenant. */
  passwords: (environment: string, tenantId: string) => AppPasswords;
  /** Can this secret get a token yet (client credentials)? */
  probe: (environment: string, tenantId: string, appId: string, secret: string) => Promise<ProbeOutcome>;
  /** Every secret joins the scrubber the moment it exists. */
  remember: (secret: string) => void;
}

/** An action's journal entry, opened before its first write with the connection as read. */
export function journalEntry(
  t: FixTarget,
  action: NewEntry['action'],
  read: Record<string, unknown>,
  appObjectId: string | null,
): NewEntry {
  return {
    connectionId: t.action.connectionId,
    project: t.action.project,
    name: t.action.name,
    action,
    before: endpointState(read),
    appObjectId,
    link: t.action.link,
    tenantId: t.connection.tenantId,
    environment: t.connection.environment,
  };
}

export const messageOf = (e: unknown) => oneLine(e instanceof Error ? e.message : String(e), 600);

/** Runs one step between a "started" and a "done" or "failed" journal line; rethrows its failure. */
export async function inStep<T>(c: ActionContext, i: number, step: StepName, run: () => Promise<T>): Promise<T> {
  c.journal.step(i, step, 'started');
  try {
    const value = await run();
    c.journal.step(i, step, 'done');
    return value;
  } catch (e) {
    c.journal.step(i, step, 'failed', messageOf(e));
    throw e;
  }
}

/** The connection's operation state, lower case ('ready', 'inprogress', 'failed', …). */
export function operationState(endpoint: Record<string, unknown> | null): string {
  const s = (endpoint?.operationStatus as { state?: unknown } | undefined)?.state;
  return typeof s === 'string' ? s.toLowerCase() : '';
}

export function schemeOf(endpoint: Record<string, unknown> | null): string {
  const s = (endpoint?.authorization as { scheme?: unknown } | undefined)?.scheme;
  return typeof s === 'string' ? s : '';
}

/** Reads the connection with doubling waits until it is no longer InProgress; throws past the budget. */
export async function waitUntilSettled(
  c: ActionContext,
  project: string,
  id: string,
): Promise<Record<string, unknown>> {
  const started = c.now();
  let wait = c.waits.pollFirstMs;
  for (;;) {
    await c.sleep(wait);
    const endpoint = await c.writes.read(project, id);
    const state = operationState(endpoint);
    if (state !== 'inprogress' && state !== 'converting_scheme') return endpoint;
    if (c.now() - started + wait > c.waits.pollBudgetMs)
      throw new Error(`still in progress after ${Math.round((c.now() - started) / 1000)} s`);
    wait = Math.min(c.waits.pollMaxMs, wait * 2);
  }
}

/** Azure DevOps's own check as a journaled step: "failed" with its message when the check says no. */
export async function checkStep(c: ActionContext, i: number, project: string, id: string, details?: unknown) {
  const step = details === undefined ? 'check' : 'verify';
  c.journal.step(i, step, 'started');
  const result = await c.writes
    .check(project, id, details)
    .catch((e: unknown) => ({ ok: false, message: messageOf(e) }));
  c.journal.step(i, step, result.ok ? 'done' : 'failed', result.ok ? undefined : result.message);
  return result;
}
