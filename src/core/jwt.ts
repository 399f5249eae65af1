import { cloudOfIssuer, cloudOfGraph, graphHost, PUBLIC_CLOUD } from './clouds';

/** Reads claims from a JWT's payload without verifying it: only to route and explain, never to trust. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const binary = atob(base64);
    // UTF-8 bytes → text without TextDecoder (absent from some test environments).
    const text = decodeURIComponent(
      Array.from(binary, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    const claims = JSON.parse(text) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function tenantOf(token: string): string | null {
  const tid = jwtClaims(token)?.tid;
  return typeof tid === 'string' ? tid.toLowerCase() : null;
}

/** Microsoft Graph's application id: v2.0 tokens carry it as `aud` in every cloud. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

function issuerHost(iss: unknown): string {
  const m = typeof iss === 'string' ? /^https:\/\/([^/]+)\//i.exec(iss.trim()) : null;
  return m ? m[1].toLowerCase() : '';
}

/**
 * The Graph host a token may be sent to, or null when it is not a Microsoft Graph token. v1.0 tokens
 * carry the Graph root as `aud` (with or without the trailing slash: `az account get-access-token
 * --resource-type ms-graph`); v2.0 tokens carry Graph's app id, and their issuer names the cloud (an
 * issuer no cloud lists is the public cloud's).
 */
export function graphHostOf(claims: Record<string, unknown> | null): string | null {
  const aud = typeof claims?.aud === 'string' ? claims.aud.trim().replace(/\/+$/, '').toLowerCase() : '';
  const byAudience = aud ? cloudOfGraph(aud) : null;
  if (byAudience) return graphHost(byAudience);
  if (aud !== GRAPH_APP_ID) return null;
  return graphHost(cloudOfIssuer(issuerHost(claims?.iss)) ?? PUBLIC_CLOUD);
}

/** Null when the token may go to `graphRoot` (https://host), else why not: "the token is for <host>". */
export function audienceProblem(tokenHost: string, graphRoot: string): string | null {
  let host = '';
  try {
    host = new URL(graphRoot).host.toLowerCase();
  } catch {
    // not a URL: never send
  }
  return host === tokenHost ? null : `the token is for ${tokenHost}, not ${host || graphRoot}`;
}

export type PastedTokenCheck =
  | { ok: true; tenantId: string | null; expiresAt: string; audience: string; graphHost: string }
  | { ok: false; error: string };

/**
 * Checks a token pasted by the user (e.g. `az account get-access-token --resource-type ms-graph`)
 * before any use: it must be a JWT for Microsoft Graph that has not expired. Never echoes the token.
 */
export function checkPastedGraphToken(token: string, nowMs: number): PastedTokenCheck {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  if (!trimmed) return { ok: false, error: 'Paste an access token first.' };
  const claims = jwtClaims(trimmed);
  if (!claims) return { ok: false, error: 'This is not an access token (a JWT with three dot-separated parts).' };
  const aud = typeof claims.aud === 'string' ? claims.aud : '';
  const host = graphHostOf(claims);
  if (!host) {
    return {
      ok: false,
      error: `This token is for ${aud || 'an unknown audience'}, not Microsoft Graph. Run: az account get-access-token --resource-type ms-graph`,
    };
  }
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : NaN;
  if (!Number.isFinite(exp)) return { ok: false, error: 'This token has no expiry time.' };
  if (exp <= nowMs)
    return {
      ok: false,
      error: `This token expired at ${new Date(exp).toISOString().slice(11, 16)} UTC; get a new one.`,
    };
  return {
    ok: true,
    tenantId: typeof claims.tid === 'string' ? claims.tid.toLowerCase() : null,
    expiresAt: new Date(exp).toISOString(),
    audience: aud,
    graphHost: host,
  };
}

export interface FixedTokenRefusal {
  reason: 'invalid' | 'other-cloud' | 'other-tenant';
  message: string;
}

/**
 * The rules for a fixed Graph token (pasted in a hub, or the scanner's GRAPH_ACCESS_TOKEN), checked each
 * time before it is sent for a connection: a Microsoft Graph token (audience), not expired now, for the
 * connection's Graph, and for the connection's tenant (`organizations`: the connection recorded none, so
 * the token's own serves). Null when it may be sent; else why not, and the connection stays unknown.
 */
export function fixedTokenRefusal(
  token: string,
  tenantId: string,
  graphRoot: string,
  nowMs: number,
): FixedTokenRefusal | null {
  const check = checkPastedGraphToken(token, nowMs);
  if (!check.ok) return { reason: 'invalid', message: check.error };
  const otherCloud = audienceProblem(check.graphHost, graphRoot);
  if (otherCloud) return { reason: 'other-cloud', message: otherCloud };
  const wanted = tenantId.toLowerCase();
  if (check.tenantId && wanted !== 'organizations' && wanted !== check.tenantId)
    return { reason: 'other-tenant', message: `the token is for tenant ${check.tenantId}, not ${tenantId}` };
  return null;
}
