import { endpointState, schemeChangeBody, SPN_SCHEME, WIF_SCHEME } from '../../core/fix/endpointBody';
import type { PlannedAction } from '../../core/fix/types';
import {
  checkStep,
  inStep,
  journalEntry,
  messageOf,
  operationState,
  schemeOf,
  waitUntilSettled,
  type ActionContext,
} from './actionContext';
import type { FixTarget } from './planFix';

/**
 * A conversion to workload identity federation: PUT ?operation=ConvertAuthenticationScheme with the
 * connection as read, wait while Azure DevOps answers InProgress (202), then its own check. A failed
 * conversion or check is reverted at once (the same operation towards ServicePrincipal) and both steps
 * are reported. Every step is journaled before and after.
 */

type Outcome = Pick<PlannedAction, 'result' | 'error' | 'revertBy'>;

const deadlineOf = (e: Record<string, unknown>) => endpointState(e).revertSchemeDeadline;

/** Back to the secret: read, PUT towards ServicePrincipal, wait, journal. */
export async function revertConversion(c: ActionContext, i: number, project: string, id: string): Promise<void> {
  await inStep(c, i, 'revert', async () => {
    let read = await c.writes.read(project, id);
    if (['inprogress', 'converting_scheme'].includes(operationState(read)))
      read = await waitUntilSettled(c, project, id);
    if (schemeOf(read).toLowerCase() !== WIF_SCHEME.toLowerCase()) return;
    const put = await c.writes.update(id, schemeChangeBody(read, SPN_SCHEME), 'ConvertAuthenticationScheme');
    const settled = put.status === 202 ? await waitUntilSettled(c, project, id) : put.endpoint;
    c.journal.set(i, { after: endpointState(settled ?? read) });
  });
}

async function rollBack(c: ActionContext, i: number, t: FixTarget, why: string): Promise<Outcome> {
  const { project, connectionId: id } = t.action;
  try {
    await revertConversion(c, i, project, id);
    c.journal.set(i, { state: 'rolled-back', error: why });
    return { result: 'rolled-back', error: `${why}; reverted to its secret` };
  } catch (e) {
    const error = `${why}; the revert failed too: ${messageOf(e)}`;
    c.journal.set(i, { state: 'failed', error });
    return { result: 'failed', error };
  }
}

async function settle(
  c: ActionContext,
  i: number,
  t: FixTarget,
  put: { status: number; endpoint: Record<string, unknown> | null },
) {
  const { project, connectionId: id } = t.action;
  if (put.status !== 202 && operationState(put.endpoint) !== 'inprogress')
    return put.endpoint ?? (await c.writes.read(project, id));
  return inStep(c, i, 'wait-ready', () => waitUntilSettled(c, project, id));
}

export async function applyConvert(c: ActionContext, t: FixTarget): Promise<Outcome> {
  const { project, connectionId: id, name } = t.action;
  const read = await c.writes.read(project, id);
  const i = c.journal.add(journalEntry(t, 'convert', read, null));
  if (schemeOf(read).toLowerCase() === WIF_SCHEME.toLowerCase()) {
    c.journal.set(i, { state: 'untouched', error: 'already uses workload identity federation' });
    return { result: 'converted', revertBy: deadlineOf(read) ?? undefined };
  }
  let put;
  try {
    put = await inStep(c, i, 'convert', () =>
      c.writes.update(id, schemeChangeBody(read, WIF_SCHEME), 'ConvertAuthenticationScheme'),
    );
  } catch (e) {
    const error = `${messageOf(e)}; the connection was not changed`;
    c.journal.set(i, { state: 'untouched', error });
    return { result: 'failed', error };
  }
  let settled: Record<string, unknown>;
  try {
    settled = await settle(c, i, t, put);
  } catch (e) {
    return rollBack(c, i, t, `the conversion did not finish: ${messageOf(e)}`);
  }
  c.journal.set(i, { after: endpointState(settled), revertBy: deadlineOf(settled) });
  if (operationState(settled) === 'failed') {
    const said = (settled.operationStatus as { statusMessage?: unknown }).statusMessage;
    return rollBack(
      c,
      i,
      t,
      `Azure DevOps reported the conversion Failed${typeof said === 'string' && said ? `: ${said}` : ''}`,
    );
  }
  const check = await checkStep(c, i, project, id);
  if (!check.ok) return rollBack(c, i, t, `the connection check failed after converting: ${check.message}`);
  c.journal.set(i, { state: 'done' });
  c.log(`converted "${name}" (${project})`);
  return { result: 'converted', revertBy: deadlineOf(settled) ?? undefined };
}
