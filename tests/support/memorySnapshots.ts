import type { SnapshotDocumentStore } from '../../src/adapters/snapshotSync';
import type { Snapshot } from '../../src/core/snapshot';

/** An in-memory extension-data collection with etags and conflicts, like the service's. */
export function memorySnapshots(initial: Snapshot | null = null) {
  let doc: Snapshot | null = initial;
  const conflict = () => Object.assign(new Error('409 conflict'), { status: 409 });
  const store: SnapshotDocumentStore & { writes: number; current: () => Snapshot | null } = {
    writes: 0,
    current: () => doc,
    read: async () => (doc ? JSON.parse(JSON.stringify(doc)) : null),
    create: async (d) => {
      if (doc) throw conflict();
      store.writes += 1;
      return (doc = { ...d, __etag: 1 });
    },
    update: async (d) => {
      if (!doc || d.__etag !== doc.__etag) throw conflict();
      store.writes += 1;
      return (doc = { ...d, __etag: (doc.__etag ?? 0) + 1 });
    },
  };
  return store;
}
