import { parseApplication } from '../../core/graph';
import { appKey, type AppQuery } from '../../core/graphQueries';
import { graphRoot as cloudGraphRoot } from '../../core/links';
import type { AppLookup } from '../../core/types';

/** The pieces of a Graph `$batch` lookup: grouping by tenant and cloud, sub-request URLs, outcomes. */

export interface Item {
  key: string;
  appId: string;
  withCertificates: boolean;
  target?: AppQuery['target'];
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
    const item: Item = { key, appId: q.appId, withCertificates: q.withCertificates, target: q.target };
    items.set(key, item);
    group.items.push(item);
  }
  return [...groups.values()];
}

export function itemUrl(item: Item): string {
  const appId = encodeURIComponent(item.appId);
  if (item.target === 'servicePrincipal')
    return `/servicePrincipals(appId='${appId}')?$select=id,appId,displayName,appOwnerOrganizationId`;
  // No $select for certificate apps: with keyCredentials in $select Graph throttles to 150/min/tenant,
  // and the default properties hold keyCredentials anyway (without the key value).
  if (item.withCertificates) return `/applications(appId='${appId}')`;
  return `/applications(appId='${appId}')?$select=id,appId,displayName,passwordCredentials`;
}

export function outcomeFor(status: number, body: unknown): AppLookup {
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
