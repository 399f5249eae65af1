/** Reads claims from a JWT's payload without verifying it: only to route and explain, never to trust. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const json = typeof atob === 'function' ? atob(base64) : Buffer.from(base64, 'base64').toString('binary');
    const claims = JSON.parse(decodeURIComponent(escape(json))) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function tenantOf(token: string): string | null {
  const tid = jwtClaims(token)?.tid;
  return typeof tid === 'string' ? tid.toLowerCase() : null;
}
