import type { IncomingMessage, ServerResponse } from 'http';
import { resolveNowTokens, type Fixture } from './fixture';
import type { FakeEntra } from './fakeEntra';
import { BodyTooLargeError, decodeSegment, readBody } from './httpUtil';
import { EXPAND_LIMIT, expandOwners, ownersOf, ownersPage } from './fakeGraphOwners';

/** A fake Microsoft Graph (v1.0) fed by a fixture: applications, service principals, $batch, faults. */

export interface FakeGraphOptions {
  /** Delay before each HTTP answer, to model network latency. */
  latencyMs?: number;
  now?: () => number;
  /** Extra per-app faults on top of the fixture's `graphFaults`. */
  faults?: Record<string, number>;
  /** addPassword/removePassword and the token endpoint; without it the fake Graph is read-only. */
  entra?: FakeEntra;
}

export interface FakeGraphStats {
  /** HTTP requests other than CORS preflights. */
  requests: number;
  batches: number;
  /** Sub-requests inside batches plus plain GETs. */
  lookups: number;
  /** Bearer tokens seen, by count (tests check one token per tenant; never logged). */
  tokens: Map<string, number>;
  /** Every lookup path asked for, with its query. */
  paths: string[];
  inFlight: number;
  maxInFlight: number;
  /** addPassword and removePassword calls (tests prove a plan writes nothing). */
  passwordWrites: number;
}

type Answer = { status: number; headers?: Record<string, string>; body: unknown };

const APP_BY_APPID =
  /^\/(applications|servicePrincipals)\(appId='([^']+)'\)(\/federatedIdentityCredentials|\/owners)?$/i;
const APP_BY_ID = /^\/(applications|servicePrincipals)\/([^/]+)(\/federatedIdentityCredentials|\/owners)?$/i;

function graphError(status: number, code: string, message: string): Answer {
  return { status, headers: { 'Content-Type': 'application/json' }, body: { error: { code, message } } };
}

export function createFakeGraph(fixture: Fixture, options: FakeGraphOptions = {}) {
  const stats: FakeGraphStats = {
    requests: 0,
    batches: 0,
    lookups: 0,
    tokens: new Map(),
    paths: [],
    inFlight: 0,
    maxInFlight: 0,
    passwordWrites: 0,
  };
  const faults: Record<string, number> = { ...fixture.graphFaults, ...options.faults };
  const throttledOnce = new Set<string>();
  const now = options.now ?? Date.now;

  function find(collection: string, key: 'appId' | 'id', value: string): Record<string, unknown> | undefined {
    const list = (
      collection.toLowerCase() === 'serviceprincipals' ? fixture.servicePrincipals : fixture.applications
    ) as Record<string, unknown>[];
    return list.find((o) => typeof o[key] === 'string' && (o[key] as string).toLowerCase() === value.toLowerCase());
  }

  // Graph v1.0 reference "Get application" / "Get servicePrincipal" (by id or appId='…') and "List
  // federatedIdentityCredentials"; errors as Graph's {error:{code,message}}.
  function lookup(relativeUrl: string): Answer {
    stats.lookups += 1;
    stats.paths.push(relativeUrl);
    const [path, query = ''] = relativeUrl.split('?');
    const m = APP_BY_APPID.exec(path) ?? APP_BY_ID.exec(path);
    if (!m) return graphError(400, 'BadRequest', `Unsupported path ${path}`);
    const [, collection, rawKey, sub] = m;
    const federated = sub?.toLowerCase() === '/federatedidentitycredentials';
    const key = decodeSegment(rawKey);
    // The $select outside the parentheses ($expand=owners($select=…) has its own).
    const select = /(?:^|&)\$select=([^&]+)/.exec(query);
    const selected = select ? decodeSegment(select[1]) : '';
    // Graph answers 400 BadRequest to a request URL it cannot parse.
    if (key === null || selected === null) return graphError(400, 'BadRequest', 'Malformed percent escape in the URL.');
    const byAppId = APP_BY_APPID.test(path);
    const found = find(collection, byAppId ? 'appId' : 'id', key);
    const appId = byAppId ? key : ((found?.appId as string | undefined) ?? key);
    const fault = faults[appId] ?? faults[appId.toLowerCase()];
    if (fault === 429 && !throttledOnce.has(appId)) {
      throttledOnce.add(appId);
      return { ...graphError(429, 'TooManyRequests', 'Too many requests'), headers: { 'Retry-After': '1' } };
    }
    if (fault === 403)
      return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (fault === 404 || !found)
      return graphError(404, 'Request_ResourceNotFound', `Resource '${appId}' does not exist.`);
    if (fault && fault >= 500)
      return graphError(fault, 'ServiceUnavailable', 'The service is temporarily unavailable.');
    if (federated) {
      const list = fixture.federatedIdentityCredentials[appId] ?? [];
      return { status: 200, body: resolveNowTokens({ value: list }, now()) };
    }
    if (sub) return { status: 200, body: ownersPage(found, fixture.graphPermissions, query, path) };
    const expand = expandOwners(query);
    if (expand === 'invalid') return graphError(400, 'Request_BadRequest', 'Invalid $select properties.');
    // owners is a navigation property: only $expand brings it.
    const fields = select ? selected.split(',') : Object.keys(found);
    const body: Record<string, unknown> = {};
    for (const f of fields) if (f in found && f !== 'owners') body[f] = found[f];
    if (expand) body.owners = ownersOf(found, fixture.graphPermissions).slice(0, EXPAND_LIMIT);
    // keyCredential.key is "returned only on $select for a single object … otherwise, it is always null".
    if (!select && Array.isArray(body.keyCredentials))
      body.keyCredentials = (body.keyCredentials as object[]).map((k) => ({ ...k, key: null }));
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: resolveNowTokens(body, now()) };
  }

  // Graph "JSON batching": POST /$batch, at most 20 requests, each answer with its own status and headers.
  function batch(body: unknown): Answer {
    stats.batches += 1;
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests)) return graphError(400, 'BadRequest', 'Invalid batch payload.');
    if (requests.length > 20)
      return graphError(400, 'BadRequest', 'Number of batch request steps exceeds the limit of 20.');
    const responses = requests.map((r: { id?: string; method?: string; url?: string }) => {
      const answer =
        r.method === 'GET' && typeof r.url === 'string'
          ? lookup(r.url)
          : graphError(400, 'BadRequest', 'Only GET is supported');
      return { id: r.id, status: answer.status, headers: answer.headers ?? {}, body: answer.body };
    });
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: { responses } };
  }

  function respond(res: ServerResponse, answer: Answer): void {
    const send = () => {
      stats.inFlight -= 1;
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...CORS, ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    };
    if (options.latencyMs) setTimeout(send, options.latencyMs);
    else send();
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    // The Microsoft identity platform's token endpoint, on the same fake (the CLI's --login-url).
    if (req.method === 'POST' && TOKEN.test(req.url ?? '') && options.entra) return void options.entra.token(req, res);
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const auth = req.headers.authorization ?? '';
    if (!/^Bearer \S+/.test(auth))
      return respond(res, graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'));
    const token = auth.slice(7);
    stats.tokens.set(token, (stats.tokens.get(token) ?? 0) + 1);
    const url = (req.url ?? '').replace(/^\/v1\.0/, '');
    if (req.method === 'POST' && url.startsWith('/$batch')) {
      readBody(req).then(
        (text) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            return respond(res, graphError(400, 'BadRequest', 'Invalid JSON'));
          }
          respond(res, batch(parsed));
        },
        (e: unknown) =>
          respond(
            res,
            e instanceof BodyTooLargeError
              ? graphError(413, 'RequestEntityTooLarge', 'The request body is too large.')
              : graphError(400, 'BadRequest', 'The request body could not be read.'),
          ),
      );
      return;
    }
    const pw = PASSWORDS.exec(url);
    if (req.method === 'POST' && pw && options.entra) {
      stats.passwordWrites += 1;
      void readBody(req).then((text) => respond(res, passwordAnswer(decodeSegment(pw[1]) ?? pw[1], pw[2], text)));
      return;
    }
    // A single GET: the same lookups as inside a batch.
    if (req.method === 'GET') return respond(res, lookup(url));
    respond(res, graphError(405, 'MethodNotAllowed', 'Method not allowed'));
  }

  // Graph v1.0 "application: addPassword" (200, passwordCredential with secretText) and "application:
  // removePassword" (204; an unknown keyId is 400); graphWriteFaults plays a missing Application.ReadWrite.*
  // (403 Authorization_RequestDenied) or an app management policy refusing the lifetime (400).
  function passwordAnswer(objectId: string, verb: string, text: string): Answer {
    const entra = options.entra as FakeEntra;
    const app = find('applications', 'id', objectId);
    if (!app) return graphError(404, 'Request_ResourceNotFound', `Resource '${objectId}' does not exist.`);
    const fault = fixture.graphWriteFaults[String(app.appId).toLowerCase()];
    if (fault === 403)
      return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (fault === 400)
      return graphError(
        400,
        'CredentialInvalidLifetimeAsPerAppPolicy',
        'Credential lifetime exceeds the max value allowed as per assigned policy.',
      );
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return graphError(400, 'BadRequest', 'Invalid JSON');
    }
    if (verb.toLowerCase() === 'addpassword') {
      const p = (body.passwordCredential ?? {}) as { displayName?: unknown; endDateTime?: unknown };
      const created = entra.addPassword(
        objectId,
        typeof p.displayName === 'string' ? p.displayName : null,
        typeof p.endDateTime === 'string' ? p.endDateTime : null,
      );
      return created
        ? {
            status: 200,
            body: {
              '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.passwordCredential',
              ...created,
            },
          }
        : graphError(404, 'Request_ResourceNotFound', 'Not found');
    }
    const outcome = entra.removePassword(objectId, String(body.keyId ?? ''));
    if (outcome === 'no-key')
      return graphError(400, 'InvalidKeyId', `No password credential found with keyId ${String(body.keyId)}.`);
    return { status: 204, body: undefined };
  }

  return { handle, stats };
}

const TOKEN = /^\/[^/]+\/oauth2\/v2\.0\/token(\?|$)/;
const PASSWORDS = /^\/applications\/([^/(]+)\/(addPassword|removePassword)$/i;

/** Graph answers the preflight of the headers MSAL and our client send; the allowed origin is set by guardRequest. */
const CORS: Record<string, string> = {
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Expose-Headers': 'Retry-After',
};
