import { tenantOfKey } from './graphQueries';
import type { AppLookup } from './types';

/**
 * A tenant's name as people read it: Azure DevOps's service endpoints carry only the tenant id (no name in
 * `data` or `authorization`), so the name comes from Graph: an application's `publisherDomain`, "the verified
 * publisher domain for the application" (Graph v1.0 application resource; e.g. `{tenant}.onmicrosoft.com`),
 * which is a domain of the tenant that registered it.
 */

// A DNS name (RFC 1035 labels, at least two, 253 characters at most): Graph's answer is hostile input.
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The publisher domain as a domain, lower-cased; null when it is absent or not a domain name. */
export function publisherDomainOf(value: unknown): string | null {
  return typeof value === 'string' && DOMAIN.test(value.trim()) ? value.trim().toLowerCase() : null;
}

/**
 * Each tenant's domain, from the apps read in that tenant (never an app read in its owner's tenant instead): the
 * domain most of them give, ties to the first in text order.
 */
export function tenantDomains(lookups: Iterable<[string, AppLookup]>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const [key, lookup] of lookups) {
    if (lookup.kind !== 'found' || lookup.registeredIn || !lookup.app.publisherDomain) continue;
    const tenant = tenantOfKey(key);
    const byDomain = counts.get(tenant) ?? new Map<string, number>();
    byDomain.set(lookup.app.publisherDomain, (byDomain.get(lookup.app.publisherDomain) ?? 0) + 1);
    counts.set(tenant, byDomain);
  }
  const out = new Map<string, string>();
  for (const [tenant, byDomain] of counts) {
    const [best] = [...byDomain].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out.set(tenant, best[0]);
  }
  return out;
}

// Initial domains Entra gives every tenant, one per cloud (public, US Government, China): unique names, so
// the label before them names the tenant alone; any other domain is a verified custom domain, shown whole.
const INITIAL_DOMAIN = /^([a-z0-9-]+)\.(?:onmicrosoft\.com|onmicrosoft\.us|partner\.onmschina\.cn)$/;

/** A tenant domain as short as it stays unambiguous: `contoso` for contoso.onmicrosoft.com, else the domain. */
export function tenantLabel(domain: string): string {
  return INITIAL_DOMAIN.exec(domain)?.[1] ?? domain;
}
