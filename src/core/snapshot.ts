import type { AppLookup, AppRecord, CredentialKind } from './types';

/**
 * A project's last known app credentials, shared through extension data so viewers without a Graph
 * token still see expiry dates. Written by the hub (after a Graph read) and by the scanner CLI.
 * Never holds secret text or hints: key ids, kinds, names and dates only.
 */

export const SNAPSHOT_COLLECTION = 'credential-snapshots';
export const SNAPSHOT_STALE_DAYS = 7;

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
}

export interface Snapshot {
  /** The project id: one document per project. */
  id: string;
  version: 1;
  apps: Record<string, SnapshotApp>;
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
  const out: Record<string, SnapshotApp> = {};
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
    };
  }
  return out;
}

/** Merges two writers' views: per app, the newer reading wins; apps only one side knows are kept. */
export function mergeSnapshot(current: Snapshot, incoming: Record<string, SnapshotApp>): Snapshot {
  const apps = { ...current.apps };
  for (const [key, app] of Object.entries(incoming)) {
    const existing = apps[key];
    if (!existing || existing.takenAt <= app.takenAt) apps[key] = app;
  }
  return { ...current, apps };
}

/** Reads a stored document defensively: anything malformed is dropped, never trusted. */
export function readSnapshot(raw: unknown, projectId: string): Snapshot {
  const doc = raw && typeof raw === 'object' ? (raw as Partial<Snapshot>) : {};
  const apps: Record<string, SnapshotApp> = {};
  for (const [key, app] of Object.entries(doc.apps && typeof doc.apps === 'object' ? doc.apps : {})) {
    if (!app || typeof app.appId !== 'string' || typeof app.takenAt !== 'string' || !Array.isArray(app.credentials))
      continue;
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
          startDateTime: typeof c.startDateTime === 'string' ? c.startDateTime : null,
          endDateTime: typeof c.endDateTime === 'string' ? c.endDateTime : null,
        })),
      takenAt: app.takenAt,
      takenBy:
        app.takenBy && (app.takenBy.kind === 'hub' || app.takenBy.kind === 'scanner')
          ? { kind: app.takenBy.kind, name: String(app.takenBy.name ?? '') }
          : { kind: 'hub', name: '' },
    };
  }
  return { id: projectId, version: 1, apps, ...(typeof doc.__etag === 'number' ? { __etag: doc.__etag } : {}) };
}

/** The snapshot as Graph lookups, so the verdict code is the same with or without a token. */
export function lookupsFromSnapshot(snapshot: Snapshot): Map<string, AppLookup> {
  const out = new Map<string, AppLookup>();
  for (const [key, app] of Object.entries(snapshot.apps)) {
    const record: AppRecord = {
      objectId: null,
      appId: app.appId,
      displayName: app.displayName,
      credentials: app.credentials.map((c) => ({ ...c, hint: null, source: 'application' as const })),
    };
    out.set(key, { kind: 'found', app: record });
  }
  return out;
}
