import type { IncomingMessage } from 'http';
import { decodeSegment, readBody, type JsonAnswer } from './httpUtil';
import { EXTENSION_MANAGEMENT, itemAnswer, listAnswer, vssError, type Flavor } from './devopsShapes';
import type { CollectionAddress, DataResult, ExtensionDataStore } from './fakeExtensionData';

/** `_apis/ExtensionManagement/InstalledExtensions/{pub}/{ext}/Data/Scopes/{type}/{value}/Collections/{name}/Documents[/{id}]` */
export const DOCUMENTS_ROUTE =
  /^_apis\/extensionmanagement\/installedextensions\/([^/]+)\/([^/]+)\/data\/scopes\/([^/]+)\/([^/]+)\/collections\/([^/]+)\/documents(?:\/([^/]+))?$/i;

function dataAnswer(r: DataResult, flavor: Flavor): JsonAnswer {
  if (!r.ok) return vssError(r.status, r.typeKey, r.message, EXTENSION_MANAGEMENT);
  if (r.docs) return listAnswer(r.docs, flavor);
  if (r.doc) return itemAnswer(r.doc, flavor, { ETag: `"${r.doc.__etag}"` });
  return { status: r.status };
}

/** GET list / GET one / POST create / PUT upsert / PATCH update / DELETE, on a match of DOCUMENTS_ROUTE. */
export async function documentsAnswer(
  store: ExtensionDataStore,
  req: IncomingMessage,
  m: RegExpExecArray,
  flavor: Flavor,
): Promise<JsonAnswer> {
  const parts = m.slice(1, 7).map((p) => (p === undefined ? undefined : decodeSegment(p)));
  if (parts.some((p) => p === null)) return vssError(400, 'ArgumentException', 'Malformed percent escape in the URL.');
  const [publisher, extension, scopeType, scopeValue, collection] = parts.slice(0, 5) as string[];
  const id = parts[5] ?? undefined;
  const where: CollectionAddress = { publisher, extension, scopeType, scopeValue, collection };
  const method = req.method ?? 'GET';
  if (method === 'GET') return dataAnswer(id ? store.get(where, id) : store.list(where), flavor);
  if (method === 'DELETE') {
    return id
      ? dataAnswer(store.remove(where, id), flavor)
      : vssError(400, 'ArgumentException', 'Document id required.');
  }
  const text = await readBody(req);
  let doc: unknown;
  try {
    doc = JSON.parse(text || 'null');
  } catch {
    return vssError(400, 'InvalidDocumentException', 'The request body is not valid JSON.');
  }
  if (method === 'POST') return dataAnswer(store.create(where, doc), flavor);
  if (method === 'PUT') return dataAnswer(store.set(where, doc), flavor);
  if (method === 'PATCH') return dataAnswer(store.update(where, doc), flavor);
  return vssError(405, 'MethodNotAllowed', `${method} is not supported here.`);
}
