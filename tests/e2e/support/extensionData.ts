import { FAKE_ADO_TOKEN } from '../../../src/devhost/fakeDevOps';
import { EXTENSION_ID, PUBLISHER, type LocalHost } from '../../../src/devhost/server';
import { appKey } from '../../../src/core/graphQueries';
import type { SnapshotApp, SnapshotCredential } from '../../../src/core/snapshot';

/**
 * The local host's extension data through its REST API, as another writer (the scanner's --publish, a
 * script) would reach it: organization scope (Default/Current), the fake Azure DevOps token.
 */

export interface DocAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

export const SNAPSHOTS = 'credential-snapshots';
export const PROJECT_SETTINGS = 'project-settings';

export function extensionData(host: LocalHost) {
  const base =
    `${host.devopsUrl}_apis/ExtensionManagement/InstalledExtensions/${PUBLISHER}/${EXTENSION_ID}` +
    `/Data/Scopes/Default/Current/Collections`;
  async function call(method: string, collection: string, id: string, body?: unknown): Promise<DocAnswer> {
    const url = `${base}/${encodeURIComponent(collection)}/Documents/${encodeURIComponent(id)}`;
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${FAKE_ADO_TOKEN}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }
  return {
    get: (collection: string, id: string) => call('GET', collection, id),
    /** POST: refused with 409 when the document exists. */
    create: (collection: string, doc: { id: string; [key: string]: unknown }) => call('POST', collection, doc.id, doc),
    /** PUT: upsert; a stale `__etag` is refused with 409, `__etag: -1` overwrites. */
    set: (collection: string, doc: { id: string; [key: string]: unknown }) => call('PUT', collection, doc.id, doc),
  };
}

/** One app's entry in a snapshot document, in the shape src/core/snapshot.ts reads. */
export function snapshotApp(
  tenantId: string,
  appId: string,
  takenAtMs: number,
  takenBy: SnapshotApp['takenBy'],
  credentials: Partial<SnapshotCredential>[],
  displayName: string | null = null,
): [string, SnapshotApp] {
  return [
    appKey(tenantId, appId),
    {
      appId,
      tenantId,
      displayName,
      credentials: credentials.map((c, i) => ({
        keyId: c.keyId ?? `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        kind: c.kind ?? 'secret',
        displayName: c.displayName ?? null,
        startDateTime: c.startDateTime ?? null,
        endDateTime: c.endDateTime ?? null,
      })),
      takenAt: new Date(takenAtMs).toISOString(),
      takenBy,
    },
  ];
}
