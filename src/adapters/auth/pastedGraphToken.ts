import { checkPastedGraphToken, fixedTokenRefusal } from '../../core/jwt';
import type { GraphTokenSource } from './naaGraphTokens';

/**
 * A Graph token the user pasted for this page view. It lives in memory only: never stored, logged or
 * sent anywhere but the Microsoft Graph its audience names; it serves its own tenant and cloud and no
 * other (the fixed-token rules of core/jwt.ts, the scanner's GRAPH_ACCESS_TOKEN's too).
 */
export function createPastedTokenSource(token: string, nowMs: () => number): GraphTokenSource & { expiresAt: string } {
  const value = token.trim().replace(/^Bearer\s+/i, '');
  const check = checkPastedGraphToken(value, nowMs());
  if (!check.ok) throw new Error(check.error);
  return {
    async getToken(tenantId, cloudRoot) {
      const refusal = fixedTokenRefusal(value, tenantId, cloudRoot, nowMs());
      if (refusal?.reason === 'invalid') throw new Error(`pasted token: ${refusal.message}`);
      if (refusal?.reason === 'other-cloud') throw new Error(`${refusal.message}: paste a token from that cloud`);
      if (refusal) throw new Error(refusal.message.replace(/^the token/, 'the pasted token'));
      return value;
    },
    async signIn() {
      throw new Error('a pasted token cannot sign in; paste a token for that tenant');
    },
    homeTenantId: () => check.tenantId,
    expiresAt: check.expiresAt,
  };
}
