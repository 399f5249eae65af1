import { fetchWithTimeout, type FetchLike } from '../http';
import { errorOf } from './writeRequest';

/**
 * Can a new secret obtain a token yet? Entra ID takes seconds to minutes to accept a secret added with
 * addPassword. One client-credentials request (Microsoft identity platform "OAuth 2.0 client credentials
 * flow": `POST {login}/{tenant}/oauth2/v2.0/token`, form `client_id`, `client_secret`, `scope`,
 * `grant_type=client_credentials`); an unknown secret answers 401 `invalid_client` (AADSTS7000215). The
 * token itself is dropped at once: only "accepted" leaves this function. Neither the secret nor the
 * server's text (which could echo it) is ever put in a message.
 */

export type ProbeOutcome =
  { kind: 'accepted' } | { kind: 'refused'; code: string } | { kind: 'error'; message: string };

export async function probeSecret(
  fetchImpl: FetchLike,
  loginRoot: string,
  tenantId: string,
  clientId: string,
  secret: string,
  scope: string,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const url = `${loginRoot.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
  const form = new URLSearchParams({
    client_id: clientId,
    client_secret: secret,
    scope,
    grant_type: 'client_credentials',
  });
  try {
    const response = await fetchWithTimeout(
      fetchImpl,
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        redirect: 'manual',
      },
      timeoutMs,
    );
    const text = await response.text();
    if (response.ok) return { kind: 'accepted' };
    const { code, message } = errorOf(text);
    const aadsts = /AADSTS\d+/.exec(message ?? '')?.[0];
    return { kind: 'refused', code: [code, aadsts].filter(Boolean).join(' ') || `HTTP ${response.status}` };
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}

export interface WaitOptions {
  /** Give up after this long (Entra usually needs under a minute). */
  budgetMs: number;
  firstWaitMs: number;
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** Probes with doubling waits until the secret is accepted or the budget is spent. */
export async function waitUntilAccepted(probe: () => Promise<ProbeOutcome>, o: WaitOptions): Promise<ProbeOutcome> {
  const started = o.now();
  let wait = o.firstWaitMs;
  for (;;) {
    const outcome = await probe();
    if (outcome.kind === 'accepted') return outcome;
    if (o.now() - started + wait > o.budgetMs) return outcome;
    await o.sleep(wait);
    wait = Math.min(o.maxWaitMs, wait * 2);
  }
}
