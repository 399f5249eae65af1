import { isGuid } from '../../core/raw';
import type { AppLookup, Connection } from '../../core/types';
import { appKey, type AppQuery } from './credentialsClient';

/** A connection whose tenant Azure DevOps did not record is looked up in the user's own tenant. */
const HOME_TENANT = 'organizations';

function needsGraph(c: Connection): boolean {
  return (
    (c.schemeKind === 'secret' || c.schemeKind === 'certificate') && c.parseProblems.length === 0 && isGuid(c.appId)
  );
}

/** The Graph lookups a list of connections needs (duplicates are merged by the client). */
export function queriesFor(connections: Connection[]): AppQuery[] {
  return connections.filter(needsGraph).map((c) => ({
    tenantId: c.tenantId ?? HOME_TENANT,
    appId: c.appId as string,
    environment: c.environment,
    withCertificates: c.schemeKind === 'certificate',
  }));
}

/** The lookup result that belongs to a connection, if Graph was asked about it. */
export function lookupFor(c: Connection, results: Map<string, AppLookup>): AppLookup | undefined {
  if (!needsGraph(c)) return undefined;
  return results.get(appKey(c.tenantId ?? HOME_TENANT, c.appId as string));
}

export function keyFor(c: Connection): string | null {
  return needsGraph(c) ? appKey(c.tenantId ?? HOME_TENANT, c.appId as string) : null;
}
