import { toMs } from './days';
import { dict, excerpt, isUnreadableDate, own, parseDate } from './raw';
import type { AppLookup, AppRecord, Credential, CredentialKind, Owner, OwnerKind } from './types';
import { mergeSnapshotConnections, readSnapshotConnections, type SnapshotConnections } from './snapshotConnections';
import { mergeUsage, readUsageMap, type UsageMap } from './usage';
import { mergeSnapshotWorkItems, readSnapshotWorkItems, type SnapshotWorkItems } from './snapshotWorkItems';

/**
 * A project's last known app credentials, shared through extension data so viewers without a Graph
 * token still see expiry dates. Written by the hub (after a Graph read) and by the scanner CLI.
 * Never holds secret text or hints: key ids, kinds, names and dates only.
 */

export const SNAPSHOT_COLLECTION = 'credential-snapshots';
export const SNAPSHOT_STALE_DAYS = 7;
/** A reading "taken" later than now plus this much clock skew is not a reading: it is dropped. */
export const SNAPSHOT_CLOCK_SKEW_MS = 5 * 60_000;

export interface SnapshotCredential {
  keyId: string;
  kind: CredentialKind;
  displayName: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
}

export interface SnapshotApp {
  appId: string;
  tenantId: string;
  displayName: string | null;
  credentials: SnapshotCredential[];
  takenAt: string;
  takenBy: { kind: 'hub' | 'scanner'; name: string };
  /** The app's owners at that reading; absent when they were not read. */
  owners?: Owner[];
}

export interface Snapshot {
  /** The project id: one document per project. */
  id: string;
  version: 1;
  apps: Record<string, SnapshotApp>;
  /** The project's connections at the last complete listing (for the warning surfaces). */
  connections?: SnapshotConnections;
  /** Which pipelines used each connection (execution history). */
  usage?: UsageMap;
  /** The work items that track its connections' renewals. */
  workItems?: SnapshotWorkItems;
  /** Extension data's optimistic-concurrency token; absent on a new document. */
  __etag?: number;
}

export function emptySnapshot(projectId: string): Snapshot {
  return { id: projectId, version: 1, apps: {} };
}

/** Snapshot entries for the apps Graph found; other outcomes are not evidence and are left out. */
export function snapshotEntries(
  lookups: Map<string, AppLookup>,
  tenantOfKey: (key: string) => string,
  takenAt: string,
  takenBy: SnapshotApp['takenBy'],
): Record<string, SnapshotApp> {
  const out = dict<SnapshotApp>();
  for (const [key, lookup] of lookups) {
    if (lookup.kind !== 'found') continue;
    out[key] = {
      appId: lookup.app.appId,
      tenantId: tenantOfKey(key),
      displayName: lookup.app.displayName,
      credentials: lookup.app.credentials.map(({ keyId, kind, displayName, startDateTime, endDateTime }) => ({
        keyId,
        kind,
        displayName,
        startDateTime,
        endDateTime,
      })),
      takenAt,
      takenBy,
      ...(lookup.app.owners && !lookup.app.ownersIncomplete ? { owners: lookup.app.owners } : {}),
    };
  }
  return out;
}

/** What a writer adds besides app readings. */
export interface SnapshotExtras {
  connections?: SnapshotConnections;
  usage?: UsageMap;
  workItems?: SnapshotWorkItems;
}

/**
 * Merges two writers' views: per app, the newer reading (by instant, not by string) wins; apps only one side knows are kept;
 * per (connection, pipeline) the newer use wins; the newer complete connection listing wins whole.
 */
export function mergeSnapshot(
  current: Snapshot,
  incoming: Record<string, SnapshotApp>,
  extras: SnapshotExtras = {},
): Snapshot {
  const apps = dict(Object.entries(current.apps));
  for (const [key, app] of Object.entries(incoming)) {
    const existing = own(apps, key);
    const before = existing ? toMs(parseDate(existing.takenAt)) : null;
    const after = toMs(parseDate(app.takenAt));
    if (after === null) continue;
    if (before === null || before <= after) apps[key] = app;
  }
  const out: Snapshot = { ...current, apps };
  const connections = mergeSnapshotConnections(current.connections, extras.connections);
  if (connections) out.connections = connections;
  if (current.usage || extras.usage) {
    let usage = mergeUsage(current.usage ?? {}, extras.usage ?? {});
    // Usage of connections deleted since the last listing goes with them.
    if (connections) usage = dict(Object.entries(usage).filter(([id]) => own(connections.byId, id) !== undefined));
    out.usage = usage;
  }
  const workItems = mergeSnapshotWorkItems(current.workItems, extras.workItems);
  if (workItems) out.workItems = workItems;
  return out;
}

/**
 * Reads a stored document defensively: anything malformed is dropped, never trusted. Anyone with the
 * extension can write it, so a reading whose `takenAt` is unreadable, or later than `nowMs` plus a few
 * minutes of clock skew (a "healthy as of tomorrow" that would outrank every honest reading), is dropped.
 */
export function readSnapshot(raw: unknown, projectId: string, nowMs: number): Snapshot {
  const doc = raw && typeof raw === 'object' ? (raw as Partial<Snapshot>) : {};
  const apps = dict<SnapshotApp>();
  for (const [key, app] of Object.entries(doc.apps && typeof doc.apps === 'object' ? doc.apps : {})) {
    if (!app || typeof app.appId !== 'string' || !Array.isArray(app.credentials)) continue;
    const takenAt = parseDate(app.takenAt);
    const taken = toMs(takenAt);
    if (takenAt === null || taken === null || taken > nowMs + SNAPSHOT_CLOCK_SKEW_MS) continue;
    apps[key] = {
      appId: app.appId,
      tenantId: typeof app.tenantId === 'string' ? app.tenantId : '',
      displayName: typeof app.displayName === 'string' ? app.displayName : null,
      credentials: app.credentials
        .filter((c) => c && typeof c.keyId === 'string' && (c.kind === 'secret' || c.kind === 'certificate'))
        .map((c) => ({
          keyId: c.keyId,
          kind: c.kind,
          displayName: typeof c.displayName === 'string' ? c.displayName : null,
          // Kept as written: an unreadable date becomes an "unknown" verdict in lookupsFromSnapshot.
          startDateTime: typeof c.startDateTime === 'string' ? c.startDateTime : null,
          endDateTime: typeof c.endDateTime === 'string' ? c.endDateTime : null,
        })),
      takenAt,
      takenBy:
        app.takenBy && (app.takenBy.kind === 'hub' || app.takenBy.kind === 'scanner')
          ? // Only a string is a name ("by [object Object]" is not one).
            {
              kind: app.takenBy.kind,
              name: typeof app.takenBy.name === 'string' ? app.takenBy.name.slice(0, 200) : 'unknown',
            }
          : { kind: 'hub', name: '' },
      ...(Array.isArray(app.owners) ? { owners: readOwners(app.owners) } : {}),
    };
  }
  const out: Snapshot = { id: projectId, version: 1, apps };
  const connections = readSnapshotConnections(doc.connections, nowMs);
  if (connections) out.connections = connections;
  if (doc.usage && typeof doc.usage === 'object') out.usage = readUsageMap(doc.usage);
  const workItems = readSnapshotWorkItems(doc.workItems);
  if (workItems) out.workItems = workItems;
  if (typeof doc.__etag === 'number') out.__etag = doc.__etag;
  return out;
}

const OWNER_KINDS: OwnerKind[] = ['user', 'servicePrincipal', 'group', 'other'];
const ownerText = (v: unknown) => (typeof v === 'string' && v.trim() ? v.slice(0, 256) : null);

/** Owners someone else wrote: only well-formed entries, text cut short (shown escaped wherever it goes). */
function readOwners(list: unknown[]): Owner[] {
  const out: Owner[] = [];
  for (const o of list.slice(0, 100)) {
    const r = o && typeof o === 'object' ? (o as Record<string, unknown>) : null;
    const id = ownerText(r?.id);
    if (!r || !id) continue;
    out.push({
      id,
      kind: OWNER_KINDS.find((k) => k === r.kind) ?? 'other',
      displayName: ownerText(r.displayName),
      userPrincipalName: ownerText(r.userPrincipalName),
      mail: ownerText(r.mail),
    });
  }
  return out;
}

function fromSnapshot(c: SnapshotCredential): Credential {
  const bad = (['startDateTime', 'endDateTime'] as const).find((k) => isUnreadableDate(c[k]));
  return {
    ...c,
    startDateTime: parseDate(c.startDateTime),
    endDateTime: parseDate(c.endDateTime),
    hint: null,
    source: 'application',
    ...(bad ? { problem: `the snapshot's ${bad} "${excerpt(c[bad])}" is not an ISO-8601 date` } : {}),
  };
}

/** The snapshot as Graph lookups, so the verdict code is the same with or without a token. */
export function lookupsFromSnapshot(snapshot: Snapshot): Map<string, AppLookup> {
  const out = new Map<string, AppLookup>();
  for (const [key, app] of Object.entries(snapshot.apps)) {
    const credentials = app.credentials.map(fromSnapshot);
    const record: AppRecord = {
      objectId: null,
      appId: app.appId,
      displayName: app.displayName,
      credentials,
      ...(app.owners ? { owners: app.owners } : {}),
      // A reading without certificates may come from a read that never asked for them: not "none left".
      ...(credentials.some((c) => c.kind === 'certificate')
        ? {}
        : { unreadable: { certificate: 'the snapshot holds no certificate reading for this app' } }),
    };
    out.set(key, { kind: 'found', app: record });
  }
  return out;
}
