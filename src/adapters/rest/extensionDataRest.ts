import { SNAPSHOT_COLLECTION, type Snapshot } from '../../core/snapshot';
import { DEFAULT_TIMEOUT_MS, fetchRetrying, HttpError, readJson, safeHost, type FetchLike } from '../http';
import { RETRY_POLICIES, type RetryPolicy } from '../retry';
import { isDocumentMissing, parseServerError } from '../serverError';
import type { SnapshotDocumentStore } from '../snapshotSync';

/**
 * Extension data (ExtensionManagement "Data" documents) over plain fetch, for the Node CLI. Same
 * documents as the hub's extension data manager: the extension's Default scope (collection level,
 * scope value "Current"). Errors are HttpError with the HTTP status, so a 409 reads as a conflict.
 */

const API = 'api-version=7.1-preview.1';

/**
 * Where ExtensionManagement lives for an organization URL: dev.azure.com → extmgmt.dev.azure.com,
 * {org}.visualstudio.com → {org}.extmgmt.visualstudio.com, anything else (Azure DevOps Server, a
 * local fake) → the URL itself.
 */
export function extensionDataBaseUrl(orgUrl: string): string {
  const trimmed = orgUrl.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  const host = url.hostname.toLowerCase();
  const port = url.port ? `:${url.port}` : '';
  if (host === 'dev.azure.com') {
    const org = url.pathname.split('/').filter(Boolean)[0];
    if (org) return `${url.protocol}//extmgmt.dev.azure.com${port}/${org}`;
  }
  const legacy = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/.exec(host);
  if (legacy && legacy[1] !== 'app') return `${url.protocol}//${legacy[1]}.extmgmt.visualstudio.com${port}`;
  return trimmed;
}

export interface ExtensionDataRestOptions {
  orgUrl: string;
  publisher: string;
  extensionId: string;
  /** The whole Authorization header value, as for the other Azure DevOps calls. */
  authorization: () => Promise<string>;
  collection?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** 429/503 are tried again under this policy (default RETRY_POLICIES.devops). */
  retry?: RetryPolicy;
  log?: (line: string) => void;
}

function describeStatus(status: number, what: string, host: string): string {
  if (status === 401) return `${host} refused the credentials (401) to ${what}`;
  if (status === 403) return `no permission (403) to ${what}`;
  if (status === 404) return `cannot ${what}: not found (404); is the extension installed in the organization?`;
  if (status === 409) return `cannot ${what}: conflict (409), another writer came first`;
  if (status === 203 || (status >= 300 && status < 400))
    return `${host} asked for an interactive sign-in to ${what}: the token is not valid`;
  return `${host} answered ${status} to ${what}`;
}

/** The snapshot documents, one by one, and every one of the collection in one request (`list`). */
export interface ExtensionDataRestStore extends SnapshotDocumentStore {
  /** Every document of the collection; [] for a collection nobody wrote yet. */
  list(): Promise<unknown[]>;
}

export function createExtensionDataRestStore(options: ExtensionDataRestOptions): ExtensionDataRestStore {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS.devops;
  const extension = `${options.publisher}.${options.extensionId}`;
  const documents = [
    extensionDataBaseUrl(options.orgUrl),
    '_apis/ExtensionManagement/InstalledExtensions',
    encodeURIComponent(options.publisher),
    encodeURIComponent(options.extensionId),
    'Data/Scopes/Default/Current/Collections',
    encodeURIComponent(options.collection ?? SNAPSHOT_COLLECTION),
    'Documents',
  ].join('/');

  async function call(method: string, id: string | null, what: string, body?: unknown): Promise<unknown | null> {
    const url = `${documents}${id === null ? '' : `/${encodeURIComponent(id)}`}?${API}`;
    const response = await fetchRetrying(
      fetchImpl,
      url,
      {
        method,
        headers: {
          Authorization: await options.authorization(),
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          'X-TFS-FedAuthRedirect': 'Suppress',
          'X-VSS-ReauthenticationAction': 'Suppress',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      },
      { timeoutMs, policy: options.retry ?? RETRY_POLICIES.devops, log: options.log },
    );
    if (response.status === 203) {
      throw new HttpError(describeStatus(response.status, what, safeHost(url)), response.status);
    }
    if (!response.ok) {
      // The same error shape as the extension client's (status + the server's body as serverError).
      const serverError = parseServerError(await response.text().catch(() => ''));
      const said = typeof serverError?.message === 'string' ? `: ${serverError.message.slice(0, 300)}` : '';
      const error = Object.assign(
        new HttpError(`${describeStatus(response.status, what, safeHost(url))}${said}`, response.status),
        { serverError },
      );
      if (method === 'GET' && isDocumentMissing(error)) return null;
      throw error;
    }
    return response.status === 204 ? null : readJson(response, url);
  }

  const where = `the snapshot in the data of extension ${extension}`;
  return {
    read: (projectId) => call('GET', projectId, `read ${where}`),
    list: async () => {
      // ExtensionManagementRestClient.getDocumentsByName (azure-devops-extension-api): GET …/Documents, `{count, value}`.
      const body = await call('GET', null, `read the snapshots in the data of extension ${extension}`);
      const value = Array.isArray(body) ? body : (body as { value?: unknown } | null)?.value;
      return Array.isArray(value) ? value : [];
    },
    create: (doc: Snapshot) => call('POST', null, `create ${where}`, doc),
    update: (doc: Snapshot) => call('PATCH', null, `update ${where}`, doc),
  };
}
