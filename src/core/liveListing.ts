import { dict, isGuid, own } from './raw';
import type { Snapshot } from './snapshot';
import type { SnapshotConnections } from './snapshotConnections';
import { MISSING_LISTING } from './surfaces';
import type { Connection } from './types';
import { connectionsUsedBy } from './usage';

/**
 * Azure DevOps wins over the shared listing (issue 21 item 7): a warning surface reads the connections it
 * shows from Azure DevOps (one request, with the viewer's own token) and Azure DevOps's answer replaces the
 * snapshot's entry for each connection it returned, however consistent a forged entry was. A connection it
 * did not return (deleted, or one this viewer may not view) keeps the snapshot's entry and its checks.
 */

/** A pipeline's connections (the pill, the run section) or the project's whole list (the widget). */
export type LiveScope = { definitionId: number } | 'project';

/** Above this many ids a pipeline's connections are read as the project's whole list (one request still). */
export const MAX_CONFIRMED_IDS = 50;

/**
 * The connection ids to ask Azure DevOps for: `[]` asks nothing (no snapshot, or the pipeline used no
 * connection), `null` asks for the project's whole list. Only GUIDs: the ids come from shared data.
 */
export function idsToConfirm(snapshot: Snapshot | null, scope: LiveScope): string[] | null {
  if (!snapshot) return [];
  if (scope === 'project') return null;
  const ids = connectionsUsedBy(snapshot.usage ?? {}, scope.definitionId, snapshot.id).filter((id) => isGuid(id));
  return ids.length > MAX_CONFIRMED_IDS ? null : ids;
}

/** The snapshot with Azure DevOps's connections in its listing, in place of what the listing said of them. */
export function withAzureDevOpsListing(snapshot: Snapshot, live: Connection[]): Snapshot {
  const confirmed = live.filter((c) => isGuid(c.id));
  if (confirmed.length === 0) return snapshot;
  const listing = snapshot.connections;
  const byId = dict<Connection>(Object.entries(listing?.byId ?? {}));
  const malformed = new Set(listing?.malformed ?? []);
  for (const c of confirmed) {
    const id = c.id.toLowerCase();
    byId[id] = { ...c, description: '' };
    malformed.delete(id);
  }
  // What Azure DevOps did not answer for keeps the reason it reads as unknown: a bad listing, or none at all.
  const problem = listing ? listing.problem : MISSING_LISTING;
  const unconfirmedUse = Object.keys(snapshot.usage ?? {}).some((id) => own(byId, id) === undefined);
  const connections: SnapshotConnections = { listedAt: listing?.listedAt ?? '', byId };
  if (malformed.size > 0) connections.malformed = [...malformed];
  if (problem && (malformed.size > 0 || unconfirmedUse)) connections.problem = problem;
  return { ...snapshot, connections };
}
