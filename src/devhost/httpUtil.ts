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

/** CORS for the fake REST servers: any loopback page may call them with a bearer token (no cookies). */
export function corsHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
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

export function readBody(req: IncomingMessage, limitBytes = 5_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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
