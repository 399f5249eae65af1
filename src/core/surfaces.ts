import { keyFor } from './graphQueries';
import { untrustedConnection } from './snapshotConnections';
import { lookupsFromSnapshot, type Snapshot } from './snapshot';
import { isStale } from './staleness';
import { NEEDS_ACTION } from './status';
import { compareVerdicts } from './order';
import type { Connection, Status, Thresholds, Verdict } from './types';
import { connectionsUsedBy } from './usage';
import { computeVerdict } from './verdict';

/**
 * What the warning surfaces (pipeline pill, run summary section, dashboard widget) say, decided from one
 * snapshot document: today's verdicts recomputed from its readings. Silent when unsure: a reading older
 * than the stale limit, or older than the connection's last save (it may have been renewed since), is
 * never turned into a warning.
 */

export interface SurfaceItem {
  connection: Connection;
  verdict: Verdict;
  /** When the reading behind the verdict was taken; null when the snapshot has none for it. */
  takenAt: string | null;
  /** False when the reading is too old, or older than the connection's last save. */
  trusted: boolean;
  /** Why the shared listing's entry for this connection cannot be trusted: it then reads as unknown, never silent. */
  listingProblem: string | null;
}

export const MISSING_LISTING = "the shared listing of this project's connections is missing though its usage is stored";

/** The listing's connections; with usage but no listing, each used connection as untrusted (deleting it is no way to silence). */
function listedConnections(snapshot: Snapshot): { connections: Connection[]; malformed: Set<string> } {
  const listing = snapshot.connections;
  if (!listing) {
    const ids = Object.keys(snapshot.usage ?? {});
    return { connections: ids.map((id) => untrustedConnection(id, null, MISSING_LISTING)), malformed: new Set(ids) };
  }
  const connections = Object.values(listing.byId);
  const malformed = new Set(listing.malformed ?? []);
  // A whole listing read as malformed may have lost entries: the connections its usage names stand in for them.
  if (listing.problem)
    for (const id of Object.keys(snapshot.usage ?? {}))
      if (!Object.prototype.hasOwnProperty.call(listing.byId, id)) {
        connections.push(untrustedConnection(id, null, listing.problem));
        malformed.add(id);
      }
  return { connections, malformed };
}

/** Every listed connection with today's verdict from the snapshot's readings. */
export function snapshotVerdicts(snapshot: Snapshot, nowMs: number, thresholds: Thresholds): SurfaceItem[] {
  const lookups = lookupsFromSnapshot(snapshot);
  const { connections, malformed } = listedConnections(snapshot);
  return connections.map((connection) => {
    const id = connection.id.toLowerCase();
    const listingProblem = malformed.has(id) ? (connection.parseProblems[0] ?? MISSING_LISTING) : null;
    const key = listingProblem ? null : keyFor(connection);
    const app = key ? snapshot.apps[key] : undefined;
    const verdict = computeVerdict({
      connection,
      lookup: key ? lookups.get(key) : undefined,
      nowMs,
      thresholds,
      usage: snapshot.usage?.[id],
    });
    const takenAt = app?.takenAt ?? null;
    const savedAfter = !!connection.modifiedAt && !!takenAt && connection.modifiedAt > takenAt;
    return {
      connection,
      verdict,
      takenAt,
      trusted: !!takenAt && !isStale(takenAt, nowMs) && !savedAfter,
      listingProblem,
    };
  });
}

function byUrgency(a: SurfaceItem, b: SurfaceItem): number {
  return compareVerdicts(
    { name: a.connection.name, verdict: a.verdict },
    { name: b.connection.name, verdict: b.verdict },
  );
}

/** The connections a build pipeline used that need action, most urgent first; only trusted readings. */
export function pipelineWarnings(
  snapshot: Snapshot | null,
  definitionId: number,
  nowMs: number,
  thresholds: Thresholds,
): SurfaceItem[] {
  if (!snapshot?.usage) return [];
  // The snapshot is one project's (its id): a shared connection's usage also holds other projects' pipelines.
  const used = new Set(connectionsUsedBy(snapshot.usage, definitionId, snapshot.id));
  if (used.size === 0) return [];
  return snapshotVerdicts(snapshot, nowMs, thresholds)
    .filter((i) => used.has(i.connection.id.toLowerCase()))
    .filter((i) => i.listingProblem !== null || (i.trusted && NEEDS_ACTION.includes(i.verdict.status)))
    .sort(byUrgency);
}

/** A failed run that used a connection whose credential had already expired when the run finished. */
export function likelyCause(
  items: SurfaceItem[],
  run: { failed: boolean; finishedAt: string | null },
): SurfaceItem | null {
  if (!run.failed || !run.finishedAt) return null;
  return items.find((i) => i.verdict.expiresAt !== null && i.verdict.expiresAt <= (run.finishedAt as string)) ?? null;
}

export interface WidgetSummary {
  counts: Record<Status, number>;
  /** The soonest trusted expiry among the connections that need action. */
  soonest: SurfaceItem | null;
  /** Oldest reading behind the counts. */
  asOf: string | null;
  stale: boolean;
  total: number;
  /** Why some of the shared listing cannot be trusted (those connections count as unknown). */
  listingProblem: string | null;
}

/** Counts by today's status, over the connections whose verdict we can stand behind. */
export function widgetSummary(snapshot: Snapshot, nowMs: number, thresholds: Thresholds): WidgetSummary {
  const items = snapshotVerdicts(snapshot, nowMs, thresholds);
  const counts = { expired: 0, critical: 0, warning: 0, healthy: 0, 'no-secret': 0, unknown: 0, 'not-applicable': 0 };
  let asOf: string | null = null;
  for (const i of items) {
    // An untrusted reading of an expiring credential is counted as unknown, never as a warning.
    const status = i.takenAt !== null && !i.trusted && i.verdict.status !== 'no-secret' ? 'unknown' : i.verdict.status;
    counts[status] += 1;
    if (i.takenAt && (asOf === null || i.takenAt < asOf)) asOf = i.takenAt;
  }
  const soonest = items.filter((i) => i.trusted && NEEDS_ACTION.includes(i.verdict.status)).sort(byUrgency)[0] ?? null;
  const listingProblem =
    snapshot.connections?.problem ?? items.find((i) => i.listingProblem !== null)?.listingProblem ?? null;
  return { counts, soonest, asOf, stale: asOf !== null && isStale(asOf, nowMs), total: items.length, listingProblem };
}
