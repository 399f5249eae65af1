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

/**
 * The snapshot collection of a whole organization (one document per project id), with etags and
 * conflicts like extension data's, counting each project's writes.
 */
export function memorySnapshotCollection(initial: Snapshot[] = []) {
  const docs = new Map<string, Snapshot>(initial.map((d) => [d.id, { ...d, __etag: d.__etag ?? 1 }]));
  const writes = new Map<string, number>();
  const conflict = () => Object.assign(new Error('409 conflict'), { status: 409 });
  const wrote = (id: string) => writes.set(id, (writes.get(id) ?? 0) + 1);
  const store: SnapshotDocumentStore & {
    writes: Map<string, number>;
    docs: Map<string, Snapshot>;
  } = {
    writes,
    docs,
    read: async (id) => (docs.has(id) ? JSON.parse(JSON.stringify(docs.get(id))) : null),
    create: async (d) => {
      if (docs.has(d.id)) throw conflict();
      wrote(d.id);
      const saved = { ...d, __etag: 1 };
      docs.set(d.id, saved);
      return saved;
    },
    update: async (d) => {
      const current = docs.get(d.id);
      if (!current || d.__etag !== current.__etag) throw conflict();
      wrote(d.id);
      const saved = { ...d, __etag: (current.__etag ?? 0) + 1 };
      docs.set(d.id, saved);
      return saved;
    },
  };
  return store;
}
