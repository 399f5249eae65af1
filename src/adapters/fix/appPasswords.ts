import { send, WriteError, type WriteTransport } from './writeRequest';

/**
 * Graph writes for a manual rotation (Graph v1.0 reference "application: addPassword" and
 * "application: removePassword"): `POST /applications/{objectId}/addPassword` with
 * `{passwordCredential:{displayName, endDateTime}}` answers 200 with the passwordCredential, whose
 * `secretText` is returned only there; `POST …/removePassword` with `{keyId}` answers 204. Least
 * privilege: Application.ReadWrite.OwnedBy (app, owner of the app registration); delegated:
 * Application.ReadWrite.All.
 */

export const GRAPH_WRITE_GRANT =
  'the signer needs Microsoft Graph Application.ReadWrite.OwnedBy and to own the app registration, or Application.ReadWrite.All';

/** The secret lives in this object only: callers keep it in memory and never print, log or journal it. */
export interface NewPassword {
  keyId: string;
  endDateTime: string | null;
  secretText: string;
}

function describeGraph(status: number, code: string | null, said: string | null): string {
  if (status === 401 || status === 403)
    return `Microsoft Graph refused (${status}${code ? ` ${code}` : ''}); ${GRAPH_WRITE_GRANT}`;
  // An app management policy can cap secret lifetimes (e.g. "Credential lifetime exceeds the max value allowed").
  if (status === 400)
    return `Microsoft Graph refused the new secret (400${code ? ` ${code}` : ''}${said ? `: ${said}` : ''}); an Entra ID app management policy may limit secret lifetimes: try a smaller --secret-days`;
  return `Microsoft Graph answered ${status}${code ? ` ${code}` : ''}${said ? `: ${said}` : ''}`;
}

export function createAppPasswords(graphRoot: string, t: WriteTransport) {
  const at = (objectId: string) => `${graphRoot.replace(/\/+$/, '')}/v1.0/applications/${encodeURIComponent(objectId)}`;

  async function add(objectId: string, displayName: string, endDateTime: string): Promise<NewPassword> {
    const { json } = await send(
      t,
      'POST',
      `${at(objectId)}/addPassword`,
      { passwordCredential: { displayName, endDateTime } },
      'add a secret to the app registration',
      describeGraph,
    );
    const p = json as { keyId?: unknown; secretText?: unknown; endDateTime?: unknown } | null;
    if (typeof p?.keyId !== 'string' || typeof p.secretText !== 'string' || p.secretText === '')
      throw new WriteError('add a secret to the app registration: Graph sent no keyId or no secret', 200, null);
    return {
      keyId: p.keyId,
      secretText: p.secretText,
      endDateTime: typeof p.endDateTime === 'string' ? p.endDateTime : null,
    };
  }

  /** Removes one secret by keyId; one already gone (404, or 400 "No password credential found") counts as removed. */
  async function remove(objectId: string, keyId: string): Promise<'removed' | 'already-gone'> {
    try {
      await send(
        t,
        'POST',
        `${at(objectId)}/removePassword`,
        { keyId },
        'remove a secret from the app registration',
        describeGraph,
      );
      return 'removed';
    } catch (e) {
      if (
        e instanceof WriteError &&
        (e.status === 404 || (e.status === 400 && /no password credential/i.test(e.message)))
      )
        return 'already-gone';
      throw e;
    }
  }

  return { add, remove };
}

export type AppPasswords = ReturnType<typeof createAppPasswords>;
