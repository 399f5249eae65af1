import type { Snapshot } from './snapshot';
import type { Connection } from './types';

/** When a hub visit reads execution history again and rewrites the snapshot's listing. */

export const USAGE_FRESH_MS = 24 * 3_600_000;

/** Entra-backed connections whose stored usage is missing or older than a day. */
export function staleUsage(connections: Connection[], snapshot: Snapshot | null, nowMs: number): string[] {
  return connections
    .filter((c) => c.entraBacked && c.id)
    .filter((c) => {
      const stored = snapshot?.usage?.[c.id.toLowerCase()];
      const readAt = stored ? Date.parse(stored.readAt) : NaN;
      return Number.isNaN(readAt) || nowMs - readAt > USAGE_FRESH_MS || readAt > nowMs + 60_000;
    })
    .map((c) => c.id.toLowerCase());
}

/** True when the snapshot already lists exactly these connections, unchanged since. */
export function sameListing(connections: Connection[], snapshot: Snapshot | null): boolean {
  const stored = snapshot?.connections?.byId;
  if (!stored) return false;
  const withId = connections.filter((c) => c.id);
  if (Object.keys(stored).length !== withId.length) return false;
  return withId.every((c) => {
    const s = stored[c.id.toLowerCase()];
    return !!s && s.modifiedAt === c.modifiedAt && s.name === c.name && s.appId === c.appId;
  });
}
