import { fetchWithTimeout, HttpError, safeHost, type FetchLike } from '../http';
import { parseServerError } from '../serverError';

/**
 * One request of `sc-expiry fix`: never retried (a write is verified, not repeated blindly), never
 * redirected (a sign-in page is a refusal), and its failure carries the server's own error type so the
 * caller can name the permission to grant. Request bodies may hold a new secret: they are never logged.
 */

export class WriteError extends HttpError {
  constructor(
    message: string,
    status: number | null,
    /** Azure DevOps `typeKey` (e.g. UpgradeCannotChangeProperties) or Graph `error.code`. */
    readonly code: string | null,
  ) {
    super(message, status);
    this.name = 'WriteError';
  }
}

export interface WriteTransport {
  fetch: FetchLike;
  timeoutMs: number;
  authorization: () => Promise<string>;
}

export interface Sent {
  status: number;
  json: unknown;
}

/** The server's code and message from an Azure DevOps ({typeKey, message}) or Graph ({error:{code, message}}) body. */
export function errorOf(text: string): { code: string | null; message: string | null } {
  const body = parseServerError(text);
  const graph = body?.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : null;
  const code = graph?.code ?? body?.typeKey ?? body?.error;
  const message = graph?.message ?? body?.message ?? body?.error_description;
  return {
    code: typeof code === 'string' ? code : null,
    message: typeof message === 'string' ? message.slice(0, 600) : null,
  };
}

export async function send(
  t: WriteTransport,
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  body: unknown,
  what: string,
  describe: (status: number, code: string | null, said: string | null) => string,
): Promise<Sent> {
  const headers: Record<string, string> = {
    Authorization: await t.authorization(),
    Accept: 'application/json',
    'X-TFS-FedAuthRedirect': 'Suppress',
    'X-VSS-ReauthenticationAction': 'Suppress',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const init: RequestInit = { method, headers, redirect: 'manual' };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetchWithTimeout(t.fetch, url, init, t.timeoutMs);
  const text = await response.text();
  // 203 or a redirect is Azure DevOps's sign-in page: the token was not accepted.
  if (!response.ok || response.status === 203) {
    const { code, message } = errorOf(text);
    throw new WriteError(`${what}: ${describe(response.status, code, message)}`, response.status, code);
  }
  if (response.status === 204 || text.trim() === '') return { status: response.status, json: null };
  try {
    return { status: response.status, json: JSON.parse(text) };
  } catch {
    throw new WriteError(`${what}: ${safeHost(url)} sent a response that is not JSON`, response.status, null);
  }
}
