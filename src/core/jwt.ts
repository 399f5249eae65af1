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

const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
  'https://graph.microsoft.us',
  'https://graph.microsoft.us/',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
  'https://microsoftgraph.chinacloudapi.cn/',
]);

export type PastedTokenCheck =
  { ok: true; tenantId: string | null; expiresAt: string; audience: string } | { ok: false; error: string };

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
  if (!GRAPH_AUDIENCES.has(aud)) {
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
  };
}
