import { DAY_MS } from './days';
import { dict, own } from './raw';
import type { Snapshot, SnapshotExtras } from './snapshot';
import { toSnapshotConnections } from './snapshotConnections';
import type { Connection, ProjectRef } from './types';
import { unreadProjects, type UsageMap } from './usage';

/** When a hub visit reads execution history again and rewrites the snapshot's listing. */

export const USAGE_FRESH_MS = DAY_MS;

/**
 * Entra-backed connections whose stored usage is missing, older than a day, or lacks a project that
 * references the connection (history is per project).
 */
export function staleUsage(connections: Connection[], snapshot: Snapshot | null, nowMs: number): string[] {
  return connections
    .filter((c) => c.entraBacked && c.id)
    .filter((c) => {
      const stored = own(snapshot?.usage, c.id.toLowerCase());
      const readAt = stored ? Date.parse(stored.readAt) : NaN;
      if (Number.isNaN(readAt) || nowMs - readAt > USAGE_FRESH_MS || readAt > nowMs + 60_000) return true;
      return unreadProjects(c, stored).length > 0;
    })
    .map((c) => c.id.toLowerCase());
}

const LISTED_FIELDS = [
  'modifiedAt',
  'name',
  'appId',
  'type',
  'scheme',
  'schemeKind',
  'entraBacked',
  'tenantId',
  'creationMode',
  'environment',
  'wifIssuer',
  'isReady',
  'isDisabled',
] as const satisfies readonly (keyof Connection)[];

/** True when the snapshot already lists exactly these connections, unchanged since, and none read as malformed. */
export function sameListing(connections: Connection[], snapshot: Snapshot | null): boolean {
  const stored = snapshot?.connections?.byId;
  if (!stored || snapshot?.connections?.problem || snapshot?.connections?.malformed?.length) return false;
  const withId = connections.filter((c) => c.id);
  if (Object.keys(stored).length !== withId.length) return false;
  return withId.every((c) => {
    const s = own(stored, c.id.toLowerCase());
    // Azure DevOps wins: any field a verdict reads that differs (a forged scheme kind…) rewrites the listing.
    return !!s && LISTED_FIELDS.every((f) => s[f] === c[f]);
  });
}

/** One project's part in a usage refresh: its own connections (shared ones included) and its stored snapshot. */
export interface UsageProject {
  project: ProjectRef;
  connections: Connection[];
  stored: Snapshot | null;
}

const sameId = (a: ProjectRef, b: ProjectRef) => !!a.id && a.id.toLowerCase() === b.id.toLowerCase();

/**
 * The history reads a visit makes, by project: each connection whose usage `known` lacks or holds stale is
 * read in every project that references it (history is stored per project: a shared connection's use in B
 * is only in B's history), whether or not that project is among `projects`: a project the viewer may not
 * see fails its read and is named as not read. `projects` come first, in their order, then the others as
 * met; projects with nothing to read are left out.
 */
export function usageReads(
  projects: UsageProject[],
  known: Snapshot | null,
  nowMs: number,
): { project: ProjectRef; ids: string[] }[] {
  const key = (p: ProjectRef) => (p.id || p.name).toLowerCase();
  const groups = new Map<string, { project: ProjectRef; ids: string[] }>();
  for (const p of projects)
    if (!groups.has(key(p.project))) groups.set(key(p.project), { project: p.project, ids: [] });
  const assigned = new Set<string>();
  for (const p of projects)
    for (const id of staleUsage(p.connections, known, nowMs)) {
      if (assigned.has(id)) continue;
      assigned.add(id);
      const connection = p.connections.find((c) => c.id.toLowerCase() === id);
      const referencing = connection?.projects.length ? connection.projects : [p.project];
      for (const r of referencing) {
        const own = projects.find((q) => sameId(q.project, r))?.project ?? r;
        const group = groups.get(key(own)) ?? { project: own, ids: [] };
        groups.set(key(own), group);
        if (!group.ids.includes(id)) group.ids.push(id);
      }
    }
  return [...groups.values()].filter((g) => g.ids.length > 0);
}

/**
 * What one project's snapshot gets besides app readings: its listing and the usage of its connections
 * (read now, else known from another project's snapshot when its own has none); null when it already
 * holds exactly that listing and nothing new is to be added.
 */
export function listingExtras(
  p: UsageProject,
  read: UsageMap,
  known: Snapshot | null,
  listedAt: string,
): SnapshotExtras | null {
  const usage: UsageMap = dict();
  for (const c of p.connections) {
    const id = c.id.toLowerCase();
    const entry = own(read, id) ?? (own(p.stored?.usage, id) ? undefined : own(known?.usage, id));
    if (c.id && entry) usage[id] = entry;
  }
  if (Object.keys(usage).length === 0 && sameListing(p.connections, p.stored)) return null;
  return { connections: toSnapshotConnections(p.connections, listedAt), usage };
}
