import { parseApplication } from '../../core/graph';
import { parseOwnersPage } from '../../core/owners';
import { appKey, type AppQuery } from '../../core/graphQueries';
import { graphRoot as cloudGraphRoot } from '../../core/links';
import type { AppLookup } from '../../core/types';

/** The pieces of a Graph `$batch` lookup: grouping by tenant and cloud, sub-request URLs, outcomes. */

export interface Item {
  key: string;
  appId: string;
  withCertificates: boolean;
  target?: AppQuery['target'];
  objectId?: string;
}

export interface Group {
  root: string;
  cloudRoot: string;
  tenantId: string;
  items: Item[];
}

export const TRANSIENT = new Set([429, 503, 504]);

export function groupQueries(queries: AppQuery[], rootFor: (env: string) => string): Group[] {
  const groups = new Map<string, Group>();
  const items = new Map<string, Item>();
  for (const q of queries) {
    const key = appKey(q.tenantId, q.appId);
    const existing = items.get(key);
    if (existing) {
      existing.withCertificates ||= q.withCertificates;
      continue;
    }
    const root = rootFor(q.environment).replace(/\/+$/, '');
    const cloudRoot = cloudGraphRoot(q.environment);
    const groupKey = `${root}|${cloudRoot}|${q.tenantId.toLowerCase()}`;
    const group = groups.get(groupKey) ?? { root, cloudRoot, tenantId: q.tenantId, items: [] };
    groups.set(groupKey, group);
    const item: Item = {
      key,
      appId: q.appId,
      withCertificates: q.withCertificates,
      target: q.target,
      ...(q.objectId ? { objectId: q.objectId } : {}),
    };
    items.set(key, item);
    group.items.push(item);
  }
  return [...groups.values()];
}

/**
 * The owners come in the same request: application's `owners` "Supports $expand … and $select nested in
 * $expand" (Graph v1.0 application resource; Get-MgApplicationOwner reference). No nested $select: owners are
 * directoryObjects, and Graph refuses a nested $select of user properties such as userPrincipalName ("Invalid
 * $select properties.", microsoftgraph/microsoft-graph-docs#12838); the default properties hold the names.
 */
const OWNERS = '$expand=owners';

export function itemUrl(item: Item): string {
  const appId = encodeURIComponent(item.appId);
  if (item.target === 'servicePrincipal')
    return `/servicePrincipals(appId='${appId}')?$select=id,appId,displayName,appOwnerOrganizationId`;
  // Graph "List owners" (GET /applications/{id}/owners, $top supported): only when the expanded list may be cut.
  if (item.target === 'owners') return `/applications/${encodeURIComponent(item.objectId ?? '')}/owners?$top=999`;
  // No $select for certificate apps: with keyCredentials in $select Graph throttles to 150/min/tenant,
  // and the default properties hold keyCredentials anyway (without the key value).
  if (item.withCertificates) return `/applications(appId='${appId}')?${OWNERS}`;
  // publisherDomain: the tenant's name in the table (core/tenantNames.ts).
  return `/applications(appId='${appId}')?$select=id,appId,displayName,publisherDomain,passwordCredentials&${OWNERS}`;
}

export function outcomeFor(status: number, body: unknown, item?: Item): AppLookup {
  if (status === 200 && item?.target === 'owners') {
    const owners = parseOwnersPage(body);
    const more = !!body && typeof body === 'object' && '@odata.nextLink' in body;
    return owners
      ? {
          kind: 'found',
          app: {
            objectId: item.objectId ?? null,
            appId: item.appId,
            displayName: null,
            credentials: [],
            owners,
            ...(more ? { ownersIncomplete: true } : {}),
          },
        }
      : { kind: 'error', message: 'Graph sent an owners list without "value"' };
  }
  if (status === 200) {
    const app = parseApplication(body);
    return app ? { kind: 'found', app } : { kind: 'error', message: 'Graph returned an application without appId' };
  }
  if (status === 404) return { kind: 'not-found' };
  if (status === 401 || status === 403)
    return { kind: 'forbidden', message: `Graph answered ${status}: ${graphMessage(body)}` };
  return { kind: 'error', message: `Graph answered ${status}: ${graphMessage(body)}` };
}

function graphMessage(body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const text =
    typeof error?.message === 'string' ? error.message : typeof error?.code === 'string' ? error.code : 'no details';
  return text.slice(0, 200);
}
