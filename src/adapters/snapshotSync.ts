import { isDocumentConflict } from './serverError';
import { emptySnapshot, mergeSnapshot, readSnapshot, type Snapshot, type SnapshotApp } from '../core/snapshot';

/**
 * One snapshot document in extension data. `create` rejects when the document exists; `update`
 * rejects when its `__etag` is stale. Both rejections are conflicts: another writer came first.
 */
export interface SnapshotDocumentStore {
  read(projectId: string): Promise<unknown | null>;
  create(doc: Snapshot): Promise<unknown>;
  update(doc: Snapshot): Promise<unknown>;
}

/**
 * Saves readings without losing another writer's: read with its etag, merge, write; on a conflict
 * read again and merge again, a bounded number of times.
 */
export async function saveSnapshot(
  store: SnapshotDocumentStore,
  projectId: string,
  incoming: Record<string, SnapshotApp>,
  maxTries = 4,
  now: () => number = Date.now,
): Promise<Snapshot> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < maxTries; attempt++) {
    const raw = await store.read(projectId);
    const current = raw ? readSnapshot(raw, projectId, now()) : emptySnapshot(projectId);
    const doc = mergeSnapshot(current, incoming);
    try {
      // Never write with __etag -1 (overwrite): two first writers would lose each other's apps.
      const saved = current.__etag === undefined ? await store.create(doc) : await store.update(doc);
      return readSnapshot(saved ?? doc, projectId, now());
    } catch (e) {
      if (!isDocumentConflict(e)) throw e;
      lastError = e;
    }
  }
  throw new Error(
    `the snapshot kept changing under us (${maxTries} tries): ${(lastError as Error)?.message ?? lastError}`,
  );
}

export async function loadSnapshot(
  store: SnapshotDocumentStore,
  projectId: string,
  nowMs: number,
): Promise<Snapshot | null> {
  const raw = await store.read(projectId);
  return raw ? readSnapshot(raw, projectId, nowMs) : null;
}
