import { randomUUID } from 'crypto';

/**
 * In-memory extension data documents, with the semantics of Azure DevOps' ExtensionManagement
 * "Data" API: each document has an `id` and an `__etag` that the service increments on each write;
 * a write that carries a stale `__etag` is refused with 409 (optimistic concurrency); `__etag: -1`
 * forces the write. Lives as long as the server, so it survives page reloads.
 */

export type Doc = Record<string, unknown> & { id: string; __etag: number };

export interface CollectionAddress {
  publisher: string;
  extension: string;
  scopeType: string;
  scopeValue: string;
  collection: string;
}

export type DataResult =
  | { ok: true; status: number; doc?: Doc; docs?: Doc[] }
  | { ok: false; status: number; typeKey: string; message: string };

function fail(status: number, typeKey: string, message: string): DataResult {
  return { ok: false, status, typeKey, message };
}

function keyOf(a: CollectionAddress): string {
  return [a.publisher, a.extension, a.scopeType, a.scopeValue, a.collection].map((s) => s.toLowerCase()).join('|');
}

function clone(doc: Doc): Doc {
  return JSON.parse(JSON.stringify(doc)) as Doc;
}

function etagOf(input: Record<string, unknown>): number | undefined {
  const e = input.__etag;
  if (typeof e === 'number') return e;
  if (typeof e === 'string' && e.trim() !== '' && !Number.isNaN(Number(e))) return Number(e);
  return undefined;
}

export function createExtensionDataStore() {
  const collections = new Map<string, Map<string, Doc>>();

  function collectionOf(a: CollectionAddress, create: boolean): Map<string, Doc> | undefined {
    const key = keyOf(a);
    let c = collections.get(key);
    if (!c && create) {
      c = new Map();
      collections.set(key, c);
    }
    return c;
  }

  function notFound(id: string): DataResult {
    return fail(404, 'DocumentDoesNotExistException', `The document '${id}' does not exist.`);
  }

  function write(a: CollectionAddress, input: unknown, mode: 'create' | 'set' | 'update'): DataResult {
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      return fail(400, 'InvalidDocumentException', 'The document must be a JSON object.');
    }
    const body = input as Record<string, unknown>;
    const id = typeof body.id === 'string' && body.id !== '' ? body.id : mode === 'update' ? '' : randomUUID();
    if (!id) return fail(400, 'InvalidDocumentException', 'The document has no id.');
    const c = collectionOf(a, true) as Map<string, Doc>;
    const stored = c.get(id.toLowerCase());
    if (mode === 'create' && stored)
      return fail(409, 'DocumentExistsException', `The document '${id}' already exists.`);
    if (mode === 'update' && !stored) return notFound(id);
    const given = etagOf(body);
    if (mode !== 'create' && given !== undefined && given !== -1 && given !== (stored?.__etag ?? 0)) {
      return fail(
        409,
        'InvalidDocumentVersionException',
        `The document '${id}' was changed by someone else (version ${given} is stale).`,
      );
    }
    const doc: Doc = { ...body, id, __etag: (stored?.__etag ?? 0) + 1 };
    c.set(id.toLowerCase(), doc);
    return { ok: true, status: 200, doc: clone(doc) };
  }

  return {
    list(a: CollectionAddress): DataResult {
      const c = collectionOf(a, false);
      return { ok: true, status: 200, docs: c ? [...c.values()].map(clone) : [] };
    },
    get(a: CollectionAddress, id: string): DataResult {
      const doc = collectionOf(a, false)?.get(id.toLowerCase());
      return doc ? { ok: true, status: 200, doc: clone(doc) } : notFound(id);
    },
    create: (a: CollectionAddress, doc: unknown) => write(a, doc, 'create'),
    set: (a: CollectionAddress, doc: unknown) => write(a, doc, 'set'),
    update: (a: CollectionAddress, doc: unknown) => write(a, doc, 'update'),
    remove(a: CollectionAddress, id: string): DataResult {
      const c = collectionOf(a, false);
      if (!c?.delete(id.toLowerCase())) return notFound(id);
      return { ok: true, status: 204 };
    },
    /** Every document currently stored, for tests and debugging. */
    size(): number {
      let n = 0;
      for (const c of collections.values()) n += c.size;
      return n;
    },
  };
}

export type ExtensionDataStore = ReturnType<typeof createExtensionDataStore>;
