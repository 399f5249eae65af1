/**
 * What Azure DevOps says when a call fails, read from the error whichever client threw it: the HTTP
 * status and the body's `typeKey`/`typeName`/`message`/`errorCode`. azure-devops-extension-api's
 * Fetch.js throws an Error with `status` and the parsed body as `serverError` (it survives the SDK's
 * XDM channel as plain properties); our REST adapters throw the same shape. Adapters decide on
 * status and typeKey, never on words in a message (they are localized and change).
 */
export interface ServerError {
  status: number | null;
  typeKey: string | null;
  typeName: string | null;
  errorCode: number | null;
  message: string;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

export function serverErrorOf(e: unknown): ServerError {
  const err = (e ?? {}) as { status?: unknown; statusCode?: unknown; serverError?: unknown; message?: unknown };
  const body = (err.serverError && typeof err.serverError === 'object' ? err.serverError : {}) as Record<
    string,
    unknown
  >;
  const status =
    typeof err.status === 'number' ? err.status : typeof err.statusCode === 'number' ? err.statusCode : null;
  return {
    status,
    typeKey: str(body.typeKey),
    typeName: str(body.typeName),
    errorCode: typeof body.errorCode === 'number' ? body.errorCode : null,
    message: str(body.message) ?? str(err.message) ?? String(e),
  };
}

/** The body of an Azure DevOps error answer, when it is the usual JSON; null otherwise. */
export function parseServerError(text: string): Record<string, unknown> | null {
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// typeKeys of ExtensionManagement's extension data, as its server maps its SQL errors
// (Microsoft.VisualStudio.Services.ExtensionManagement.WebApi: ExtensionDataComponent).
const DOCUMENT_MISSING = new Set(['DocumentDoesNotExistException', 'DocumentCollectionDoesNotExistException']);
const DOCUMENT_CONFLICT = new Set(['DocumentExistsException', 'InvalidDocumentVersionException']);

/** The document (or its collection) does not exist yet: "nothing stored", not a failure. */
export function isDocumentMissing(e: unknown): boolean {
  const { status, typeKey } = serverErrorOf(e);
  // A 404 with another typeKey (e.g. the extension is not installed) is a real failure.
  return typeKey ? DOCUMENT_MISSING.has(typeKey) : status === 404;
}

/** Another writer came first: the document already exists, or our `__etag` is stale. */
export function isDocumentConflict(e: unknown): boolean {
  const { status, typeKey } = serverErrorOf(e);
  return typeKey ? DOCUMENT_CONFLICT.has(typeKey) : status === 409 || status === 412;
}

/** Why a shared snapshot read failed, in one line; 413 (Request Entity Too Large) is said as "too large". */
export function snapshotReadError(e: unknown): string {
  const err = serverErrorOf(e);
  const text = err.message || 'no details';
  if (err.status === 413) return `the shared snapshot is too large to read (${text})`;
  return `the shared snapshot could not be read (${err.status ? `${err.status}: ` : ''}${text})`;
}
