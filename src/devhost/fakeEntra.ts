import { randomBytes, randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Fixture } from './fixture';
import { readBody } from './httpUtil';

/**
 * What the local host's fakes share about app secrets: the passwords Graph's addPassword created (kept
 * on the fixture's application so reads show them), and a token endpoint that accepts a new secret only
 * after a propagation delay, as Entra ID does (seconds to minutes). Fake values only: the secrets are
 * random test strings that never leave this process except in the addPassword answer.
 */

interface Added {
  appId: string;
  keyId: string;
  secretText: string;
  createdMs: number;
}

export interface FakeEntraOptions {
  now?: () => number;
  /** How long after addPassword the token endpoint accepts the new secret (fixture secretPropagationSeconds). */
  propagationMs?: number;
}

type App = Record<string, unknown> & { passwordCredentials?: Record<string, unknown>[] };

export function createFakeEntra(fixture: Fixture, options: FakeEntraOptions = {}) {
  const now = options.now ?? Date.now;
  const propagationMs = options.propagationMs ?? fixture.secretPropagationSeconds * 1000;
  const added = new Map<string, Added>();
  const everIssued: string[] = [];
  const stats = { tokenRequests: 0, refused: 0 };

  const appBy = (key: 'id' | 'appId', value: string): App | undefined =>
    (fixture.applications as App[]).find(
      (a) => typeof a[key] === 'string' && (a[key] as string).toLowerCase() === value.toLowerCase(),
    );

  // Graph "application: addPassword": 200 with the passwordCredential; secretText only in this answer.
  function addPassword(objectId: string, displayName: string | null, endDateTime: string | null) {
    const app = appBy('id', objectId);
    if (!app) return null;
    const secretText = `fake~${randomBytes(24).toString('base64url')}`;
    const start = new Date(now()).toISOString();
    const credential = {
      customKeyIdentifier: null,
      displayName,
      endDateTime: endDateTime ?? new Date(now() + 180 * 86_400_000).toISOString(),
      hint: secretText.slice(0, 3),
      keyId: randomUUID(),
      secretText: null,
      startDateTime: start,
    };
    app.passwordCredentials = [...(app.passwordCredentials ?? []), credential];
    everIssued.push(secretText);
    added.set(secretText, { appId: String(app.appId), keyId: credential.keyId, secretText, createdMs: now() });
    return { ...credential, secretText };
  }

  // Graph "application: removePassword": 204; an unknown keyId is a 400 in Graph.
  function removePassword(objectId: string, keyId: string): 'removed' | 'no-app' | 'no-key' {
    const app = appBy('id', objectId);
    if (!app) return 'no-app';
    const before = app.passwordCredentials ?? [];
    const after = before.filter((c) => String(c.keyId).toLowerCase() !== keyId.toLowerCase());
    if (after.length === before.length) return 'no-key';
    app.passwordCredentials = after;
    for (const [secret, a] of added) if (a.keyId.toLowerCase() === keyId.toLowerCase()) added.delete(secret);
    return 'removed';
  }

  /** Does Entra accept this secret for this app now? null: a secret this fake never issued (the fixture's own). */
  function accepts(appId: string, secret: string): boolean | null {
    const a = added.get(secret);
    if (!a) return null;
    return a.appId.toLowerCase() === appId.toLowerCase() && now() >= a.createdMs + propagationMs;
  }

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  // Microsoft identity platform, client credentials: POST /{tenant}/oauth2/v2.0/token (form). An unknown or
  // not yet propagated secret: 401 invalid_client, AADSTS7000215.
  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.tokenRequests += 1;
    const form = new URLSearchParams(await readBody(req));
    const ok =
      form.get('grant_type') === 'client_credentials' &&
      accepts(form.get('client_id') ?? '', form.get('client_secret') ?? '') === true;
    if (ok)
      return send(res, 200, {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: `fake-app-token-${randomUUID()}`,
      });
    stats.refused += 1;
    send(res, 401, {
      error: 'invalid_client',
      error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${form.get('client_id') ?? ''}'.`,
      error_codes: [7000215],
    });
  }

  /** Tests only: every secret this fake issued, to prove none appears in any output. */
  const issued = () => [...everIssued];

  return { addPassword, removePassword, accepts, token, stats, issued };
}

export type FakeEntra = ReturnType<typeof createFakeEntra>;
