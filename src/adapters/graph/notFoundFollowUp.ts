import { appKey, type AppQuery } from '../../core/graphQueries';
import { isGuid } from '../../core/raw';
import type { AppLookup } from '../../core/types';
import { lookupApps, type GraphClientOptions } from './credentialsClient';
import { completeOwners } from './ownersFollowUp';

/**
 * Graph's 404 for `applications(appId='…')` means "not registered in this tenant": the app was
 * deleted, or it is registered in another tenant and only its service principal lives here. Only
 * those 404s cost more requests: one `servicePrincipals(appId='…')` per missing app in the
 * connection's tenant (batched like the first reads), then, for apps owned elsewhere, a read of the
 * app in its owning tenant when a token for that tenant is at hand (never a sign-in prompt).
 */
export interface FollowUpOptions extends GraphClientOptions {
  /** A Graph token for the tenant without any interaction, or null. Default: none (no owner-tenant reads). */
  tokenAtHand?: (tenantId: string, cloudRoot: string) => Promise<string | null>;
}

export async function lookupAppsWithFollowUp(
  queries: AppQuery[],
  options: FollowUpOptions,
): Promise<Map<string, AppLookup>> {
  const results = await lookupApps(queries, options);
  const settle = (key: string, lookup: AppLookup) => {
    results.set(key, lookup);
    options.onResult?.(key, lookup);
  };
  const keyOf = (q: AppQuery) => appKey(q.tenantId, q.appId);
  await completeOwners(queries, results, options, keyOf);
  const seen = new Set<string>();
  const missing = queries.filter((q) => {
    const key = keyOf(q);
    if (seen.has(key) || !isGuid(q.tenantId) || results.get(key)?.kind !== 'not-found') return false;
    seen.add(key);
    return true;
  });
  if (missing.length === 0) return results;

  const quiet = { ...options, onResult: undefined };
  const principals = await lookupApps(
    missing.map((q) => ({ ...q, target: 'servicePrincipal' as const })),
    quiet,
  );
  const elsewhere: { query: AppQuery; owner: string }[] = [];
  for (const q of missing) {
    const sp = principals.get(keyOf(q));
    if (sp?.kind === 'not-found') settle(keyOf(q), { kind: 'not-found', servicePrincipal: 'absent' });
    const owner = sp?.kind === 'found' ? sp.app.ownerTenantId : undefined;
    if (owner && owner !== q.tenantId.toLowerCase()) {
      settle(keyOf(q), { kind: 'not-found', servicePrincipal: { ownerTenantId: owner } });
      elsewhere.push({ query: q, owner });
    }
  }
  const tokenAtHand = options.tokenAtHand;
  if (elsewhere.length === 0 || !tokenAtHand) return results;

  const owned = await lookupApps(
    elsewhere.map(({ query, owner }) => ({ ...query, tenantId: owner })),
    {
      ...quiet,
      getToken: async (tenantId, cloudRoot) => {
        const token = await tokenAtHand(tenantId, cloudRoot).catch(() => null);
        if (!token) throw new Error(`no Graph token at hand for tenant ${tenantId}`);
        return token;
      },
    },
  );
  for (const { query, owner } of elsewhere) {
    const read = owned.get(appKey(owner, query.appId));
    if (read?.kind === 'found') settle(keyOf(query), { ...read, registeredIn: owner });
  }
  return results;
}
