import { audienceProblem, checkPastedGraphToken } from '../../core/jwt';
import type { GraphTokenSource } from './naaGraphTokens';

/**
 * A Graph token the user pasted for this page view. It lives in memory only: never stored, logged or
 * sent anywhere but the Microsoft Graph its audience names; it serves its own tenant and cloud and no other.
 */
export function createPastedTokenSource(token: string, nowMs: () => number): GraphTokenSource & { expiresAt: string } {
  const value = token.trim().replace(/^Bearer\s+/i, '');
  const check = checkPastedGraphToken(value, nowMs());
  if (!check.ok) throw new Error(check.error);
  const tenant = check.tenantId;
  return {
    async getToken(tenantId, cloudRoot) {
      const again = checkPastedGraphToken(value, nowMs());
      if (!again.ok) throw new Error(`pasted token: ${again.error}`);
      // Only to the Graph its audience names: a connection in another cloud needs a token from that cloud.
      const otherCloud = audienceProblem(check.graphHost, cloudRoot);
      if (otherCloud) throw new Error(`${otherCloud}: paste a token from that cloud`);
      if (tenant && tenantId !== 'organizations' && tenantId.toLowerCase() !== tenant) {
        throw new Error(`the pasted token is for tenant ${tenant}, not ${tenantId}`);
      }
      return value;
    },
    async signIn() {
      throw new Error('a pasted token cannot sign in; paste a token for that tenant');
    },
    homeTenantId: () => tenant,
    expiresAt: check.expiresAt,
  };
}
