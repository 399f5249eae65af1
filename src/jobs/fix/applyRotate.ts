import { DAY_MS } from '../../core/days';
import type { NewPassword } from '../../adapters/fix/appPasswords';
import { WriteError } from '../../adapters/fix/writeRequest';
import { endpointState, newSecretBody, verifyDetails } from '../../core/fix/endpointBody';
import type { PlannedAction } from '../../core/fix/types';
import { checkStep, inStep, journalEntry, messageOf, type ActionContext } from './actionContext';
import type { FixTarget } from './planFix';

/**
 * A manual connection's rotation: Graph addPassword (display name naming the tool and the connection,
 * end date --secret-days ahead) → wait until Entra ID accepts the secret (client credentials) → Verify
 * the unsaved secret (the endpoint proxy with serviceEndpointDetails) → PUT the connection with it →
 * the check. Any failure before the PUT is saved removes the new key, so the connection keeps its old,
 * working secret. The old key is removed only with --remove-old, only the one in use, only after the
 * check passed. The secret lives in this function's memory only: never printed, logged or journaled.
 */

type Outcome = Pick<PlannedAction, 'result' | 'error'>;

export interface RotateOptions {
  secretDays: number;
  removeOld: boolean;
}

async function removeNew(
  c: ActionContext,
  i: number,
  t: FixTarget,
  objectId: string,
  keyId: string,
  why: string,
): Promise<Outcome> {
  const graph = c.passwords(t.connection.environment, t.connection.tenantId ?? 'organizations');
  try {
    await inStep(c, i, 'remove-new-password', () => graph.remove(objectId, keyId));
    c.journal.set(i, { state: 'rolled-back', error: why });
    return { result: 'rolled-back', error: `${why}; the new secret was removed, the connection keeps its old secret` };
  } catch (e) {
    const error = `${why}; removing the new secret (keyId ${keyId}) failed too: ${messageOf(e)}`;
    c.journal.set(i, { state: 'failed', error });
    return { result: 'failed', error };
  }
}

async function waitForToken(c: ActionContext, t: FixTarget, secret: string): Promise<void> {
  const { environment, tenantId, appId } = t.connection;
  const started = c.now();
  let wait = c.waits.tokenFirstMs;
  for (;;) {
    const outcome = await c.probe(environment, tenantId ?? 'organizations', appId ?? '', secret);
    if (outcome.kind === 'accepted') return;
    const why = outcome.kind === 'refused' ? outcome.code : outcome.message;
    if (c.now() - started + wait > c.waits.tokenBudgetMs)
      throw new Error(
        `Entra ID did not accept the new secret within ${Math.round(c.waits.tokenBudgetMs / 1000)} s (${why})`,
      );
    await c.sleep(wait);
    wait = Math.min(c.waits.tokenMaxMs, wait * 2);
  }
}

/** After the check passed: the key in use before, by the verdicts' rule, unless ambiguous. */
async function removeOld(
  c: ActionContext,
  i: number,
  t: FixTarget,
  objectId: string,
  newKeyId: string,
): Promise<string | null> {
  const old = t.verdict.credential;
  if (!old || old.confidence === 'ambiguous' || old.keyId === newKeyId) return null;
  const graph = c.passwords(t.connection.environment, t.connection.tenantId ?? 'organizations');
  await inStep(c, i, 'remove-old-password', () => graph.remove(objectId, old.keyId));
  c.journal.set(i, { removedKeyId: old.keyId });
  return old.keyId;
}

export async function applyRotate(c: ActionContext, t: FixTarget, o: RotateOptions): Promise<Outcome> {
  const { project, connectionId: id, name } = t.action;
  const objectId = t.lookup?.kind === 'found' ? t.lookup.app.objectId : null;
  if (!objectId) return { result: 'failed', error: 'the app registration’s object id is unknown; nothing was changed' };
  const read = await c.writes.read(project, id);
  const i = c.journal.add(journalEntry(t, 'rotate', read, objectId));
  const graph = c.passwords(t.connection.environment, t.connection.tenantId ?? 'organizations');
  const end = new Date(c.now() + o.secretDays * DAY_MS).toISOString();
  let added: NewPassword;
  try {
    added = await inStep(c, i, 'add-password', () =>
      graph.add(objectId, `sc-expiry fix: ${name} (${id})`.slice(0, 120), end),
    );
  } catch (e) {
    c.journal.set(i, { state: 'untouched', error: messageOf(e) });
    return { result: 'failed', error: `${messageOf(e)}; nothing was changed` };
  }
  c.remember(added.secretText);
  c.journal.set(i, { newKeyId: added.keyId });
  const body = newSecretBody(read, added.secretText);
  try {
    await inStep(c, i, 'wait-token', () => waitForToken(c, t, added.secretText));
  } catch (e) {
    return removeNew(c, i, t, objectId, added.keyId, messageOf(e));
  }
  const verified = await checkStep(c, i, project, id, verifyDetails(body));
  if (!verified.ok)
    return removeNew(c, i, t, objectId, added.keyId, `Verify refused the new secret: ${verified.message}`);
  try {
    await inStep(c, i, 'save', () => c.writes.update(id, body, null));
  } catch (e) {
    // Refused by the server: not saved, so the old secret is still the connection's. No answer: unknown, keep both.
    if (e instanceof WriteError && e.status !== null) return removeNew(c, i, t, objectId, added.keyId, messageOf(e));
    const error = `${messageOf(e)}; it is unknown whether the new secret (keyId ${added.keyId}) was saved: run Check now in Azure DevOps`;
    c.journal.set(i, { state: 'failed', error });
    return { result: 'failed', error };
  }
  c.journal.set(i, { after: endpointState(await c.writes.read(project, id).catch(() => read)) });
  const checked = await checkStep(c, i, project, id);
  if (!checked.ok) {
    // The saved secret passed Verify: removing it now would leave the connection with no valid secret.
    const error = `the check failed after saving the new secret: ${checked.message}; the connection holds the new secret (keyId ${added.keyId}), the old one is still on the app registration`;
    c.journal.set(i, { state: 'failed', error });
    return { result: 'failed', error };
  }
  const removed = o.removeOld
    ? await removeOld(c, i, t, objectId, added.keyId).catch((e: unknown) => `failed: ${messageOf(e)}`)
    : null;
  c.journal.set(i, {
    state: 'done',
    ...(removed?.startsWith('failed') ? { error: `the old secret was not removed (${removed})` } : {}),
  });
  c.log(
    `rotated "${name}" (${project}): new secret keyId ${added.keyId}${removed && !removed.startsWith('failed') ? `, old keyId ${removed} removed` : ''}`,
  );
  return { result: 'rotated' };
}
