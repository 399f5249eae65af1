import { Retry, RETRY_POLICIES, type RetryPolicy } from './retry';
import { isDocumentConflict } from './serverError';
import {
  emptySnapshot,
  mergeSnapshot,
  readSnapshot,
  type Snapshot,
  type SnapshotApp,
  type SnapshotExtras,
} from '../core/snapshot';

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
 * back off (the retry policy of adapters/retry.ts), read again and merge again, a bounded number of times.
 */
export async function saveSnapshot(
  store: SnapshotDocumentStore,
  projectId: string,
  incoming: Record<string, SnapshotApp>,
  options: {
    now?: () => number;
    policy?: RetryPolicy;
    sleep?: (ms: number) => Promise<void>;
    /** The connection listing and usage map, besides app readings. */
    extras?: SnapshotExtras;
    /**
     * The document as a listing of the collection just gave it (null: it had none), so the first attempt
     * needs no read of its own; a stale etag is a conflict like any other: read, merge, write again.
     */
    listed?: unknown | null;
  } = {},
): Promise<Snapshot> {
  const now = options.now ?? Date.now;
  const retry = new Retry(options.policy ?? RETRY_POLICIES.snapshotConflict, 'the snapshot', { sleep: options.sleep });
  let listed = options.listed;
  for (;;) {
    const raw = listed !== undefined ? listed : await store.read(projectId);
    listed = undefined;
    const current = raw ? readSnapshot(raw, projectId, now()) : emptySnapshot(projectId);
    const doc = mergeSnapshot(current, incoming, options.extras);
    try {
      // Never write with __etag -1 (overwrite): two first writers would lose each other's apps.
      const saved = current.__etag === undefined ? await store.create(doc) : await store.update(doc);
      return readSnapshot(saved ?? doc, projectId, now());
    } catch (e) {
      if (!isDocumentConflict(e)) throw e;
      const step = retry.next(null, 'kept changing under us');
      if (!step.retry) throw new Error(`${step.message} (${(e as Error)?.message ?? e})`);
      await retry.wait(step.waitMs);
    }
  }
}

export async function loadSnapshot(
  store: SnapshotDocumentStore,
  projectId: string,
  nowMs: number,
): Promise<Snapshot | null> {
  const raw = await store.read(projectId);
  return raw ? readSnapshot(raw, projectId, nowMs) : null;
}
