import { SNAPSHOT_COLLECTION, readSnapshot, type Snapshot } from '../../core/snapshot';
import { thresholdsFromDocument, type ThresholdsReading } from '../../core/thresholdsDocument';
import { isDocumentMissing } from '../serverError';
import { extensionDataManager } from './extensionDataSdk';
import { THRESHOLDS_COLLECTION } from './settingsStore';

/** Every document of a collection in one request; a collection nobody wrote yet is empty. */
async function allDocuments(collection: string): Promise<unknown[]> {
  const m = await extensionDataManager();
  try {
    const docs: unknown = await m.getDocuments(collection);
    return Array.isArray(docs) ? docs : [];
  } catch (e) {
    if (isDocumentMissing(e)) return [];
    throw e;
  }
}

const idOf = (doc: unknown) => {
  const id = (doc as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
};

/** Each project's snapshot document (written by hub viewers and the scanner), by project id. */
export async function readAllSnapshots(nowMs: number): Promise<Map<string, Snapshot>> {
  const out = new Map<string, Snapshot>();
  for (const doc of await allDocuments(SNAPSHOT_COLLECTION)) {
    const id = idOf(doc);
    if (id) out.set(id.toLowerCase(), readSnapshot(doc, id, nowMs));
  }
  return out;
}

/**
 * Each project's thresholds document (set in its project hub) through the one reader, by project id: set,
 * or could not read (content that is not valid thresholds). A project without a document is not in the
 * map: the defaults stand for it. A failed request rejects: then no project's thresholds are known.
 */
export async function readAllThresholds(): Promise<Map<string, ThresholdsReading>> {
  const out = new Map<string, ThresholdsReading>();
  for (const doc of await allDocuments(THRESHOLDS_COLLECTION)) {
    const id = idOf(doc);
    if (id) out.set(id.toLowerCase(), thresholdsFromDocument(doc));
  }
  return out;
}
