import { credentialKindOf } from './credentialKind';
import { isGuid } from './raw';
import type { AppLookup, Connection } from './types';

/** One Graph lookup: an app registration in a tenant, in a cloud. */
export interface AppQuery {
  tenantId: string;
  appId: string;
  environment: string;
  /**
   * Certificate connections need keyCredentials. They are read without `$select` (Graph's default
   * properties include keyCredentials, without the key value): a `$select` naming keyCredentials is
   * throttled to 150 requests a minute per tenant.
   */
  withCertificates: boolean;
  /**
   * What to read: the app registration with its owners (default), its service principal (the 404
   * follow-up), or its whole owners list (`owners`, when the expanded list may be cut; needs `objectId`).
   */
  target?: 'application' | 'servicePrincipal' | 'owners';
  /** The app's object id, for the owners list. */
  objectId?: string;
}

/** A connection whose tenant Azure DevOps did not record is looked up in the user's own tenant. */
const HOME_TENANT = 'organizations';

/** The identity of one Graph lookup: an app in a tenant (case-insensitive). */
export function appKey(tenantId: string, appId: string): string {
  return `${tenantId.toLowerCase()}|${appId.toLowerCase()}`;
}

/** The tenant part of an appKey (`tenant|appId`). */
export function tenantOfKey(key: string): string {
  return key.split('|')[0];
}

/** Only connections that hold a secret or certificate of a readable app have anything to ask Graph. */
function needsGraph(c: Connection): boolean {
  return credentialKindOf(c) !== null && c.parseProblems.length === 0 && isGuid(c.appId);
}

/** The appKey of the Graph lookup a connection needs, or null when it needs none. */
export function keyFor(c: Connection): string | null {
  return needsGraph(c) ? appKey(c.tenantId ?? HOME_TENANT, c.appId as string) : null;
}

/** The Graph lookups a list of connections needs (duplicates are merged by the client). */
export function queriesFor(connections: Connection[]): AppQuery[] {
  return connections.filter(needsGraph).map((c) => ({
    tenantId: c.tenantId ?? HOME_TENANT,
    appId: c.appId as string,
    environment: c.environment,
    withCertificates: credentialKindOf(c) === 'certificate',
  }));
}

/** The lookup result that belongs to a connection, if Graph was asked about it. */
export function lookupFor(c: Connection, results: Map<string, AppLookup>): AppLookup | undefined {
  const key = keyFor(c);
  return key === null ? undefined : results.get(key);
}
