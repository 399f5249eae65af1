import type { IncomingMessage, ServerResponse } from 'http';

/** Small HTTP helpers shared by the local host's servers (Node built-ins only). */

const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'If-Match',
  'If-None-Match',
  'X-VSS-ReauthenticationAction',
  'X-TFS-FedAuthRedirect',
  'X-TFS-Session',
  'X-Requested-With',
  'ConsistencyLevel',
  'Prefer',
  'client-request-id',
  'return-client-request-id',
  'SdkVersion',
].join(', ');

const EXPOSE_HEADERS = [
  'ETag',
  'Retry-After',
  'x-ms-continuationtoken',
  'ActivityId',
  'request-id',
  'client-request-id',
].join(', ');

/** Text from fixtures, safe inside the local host's HTML (element content and quoted attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * CORS headers of the fake REST servers, without Access-Control-Allow-Origin: `guardRequest` adds that one
 * for the local host's own origins only (Graph and Azure DevOps answer the CORS preflight of the headers
 * their clients send: azure-devops-extension-api Common/RestClientBase, @azure/msal-browser).
 */
export function corsHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}

/** Answers a CORS preflight; returns true when the request was one. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, corsHeaders());
  res.end();
  return true;
}

/** decodeURIComponent that answers null for a malformed escape (`%ff`, `%`) instead of throwing URIError. */
export function decodeSegment(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Who may talk to one of the local host's servers. */
export interface RequestGuard {
  /** The `Host` the server was bound to, e.g. `127.0.0.1:8080`. */
  host: string;
  /** The local host's own page origins (host page, extension frame), filled once they listen. */
  origins: ReadonlySet<string>;
}

/**
 * Refuses what a web page elsewhere could send the local host: a `Host` that is not the bound address
 * (DNS rebinding: 421 Misdirected Request), an `Origin` that is not one of the local host's own pages
 * (403), a URL that does not decode (400). Allowed origins get CORS for that origin only. Returns true
 * when it has answered.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, guard: RequestGuard): boolean {
  res.setHeader('Vary', 'Origin');
  const refuse = (status: number, text: string) => {
    sendText(res, status, 'text/plain; charset=utf-8', text);
    return true;
  };
  if ((req.headers.host ?? '').toLowerCase() !== guard.host.toLowerCase())
    return refuse(421, `This local host answers only at ${guard.host}.`);
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!guard.origins.has(origin)) return refuse(403, 'Requests from other sites are refused.');
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  const path = (req.url ?? '/').split('?')[0];
  if (decodeSegment(path) === null) return refuse(400, 'Malformed URL: a percent escape does not decode.');
  return false;
}

/** Thrown by readBody when a body is over its limit: the server answers 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body over ${limitBytes} bytes`);
  }
}

/** The body as text; rejects with BodyTooLargeError past the limit (the rest is read and dropped). */
export function readBody(req: IncomingMessage, limitBytes = 5_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > limitBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      over ? reject(new BodyTooLargeError(limitBytes)) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

export interface JsonAnswer {
  status: number;
  body?: unknown;
  /** Pre-serialised body (e.g. with MS JSON dates); wins over `body`. */
  text?: string;
  headers?: Record<string, string>;
}

export function sendJson(res: ServerResponse, answer: JsonAnswer): void {
  const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...corsHeaders(),
    ...answer.headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(text);
}

export function later(ms: number | undefined, fn: () => void): void {
  if (ms && ms > 0) setTimeout(fn, ms);
  else fn();
}
