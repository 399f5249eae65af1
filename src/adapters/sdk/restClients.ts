import { getClient } from 'azure-devops-extension-api';
import type { IAuthorizationTokenProvider, RestClientFactory } from 'azure-devops-extension-api';
import * as SDK from 'azure-devops-extension-sdk';

/**
 * How long one host token serves a burst of requests. Each `SDK.getAccessToken()` is a round trip to the
 * host frame on the page's busy main thread; the API's fetch asks again with `forceRefresh` on a 401
 * (azure-devops-extension-api Common/Fetch.js), so a reused token that went stale costs one retry.
 */
export const TOKEN_REUSE_MS = 60_000;

/** One in-flight token request shared by concurrent requests, reused for a minute; never stored. */
export function reusedTokenProvider(
  getToken: () => Promise<string> = SDK.getAccessToken,
  now: () => number = Date.now,
): IAuthorizationTokenProvider {
  let cached: { header: Promise<string>; at: number } | null = null;
  return {
    getAuthorizationHeader(forceRefresh?: boolean): Promise<string> {
      if (forceRefresh || !cached || now() - cached.at >= TOKEN_REUSE_MS) {
        const header = getToken().then((token) => (token ? `Bearer ${token}` : ''));
        const entry = { header, at: now() };
        cached = entry;
        header.catch(() => {
          if (cached === entry) cached = null; // a failed ask is not reused
        });
      }
      return cached.header;
    },
  };
}

const tokens = reusedTokenProvider();
const clients = new Map<unknown, unknown>();

/**
 * One REST client per class for the page: `getClient` asks the host for the area's location (two more
 * round trips) each time it builds a client, so 200 projects' lists would ask 200 times.
 */
export function sharedClient<T>(clientClass: RestClientFactory<T>): T {
  let client = clients.get(clientClass) as T | undefined;
  if (!client) {
    const made = getClient(clientClass, { authTokenProvider: tokens });
    clients.set(clientClass, made);
    // A location the host could not give is asked again by the next caller, not kept failing.
    (made as { getRootPath?: () => Promise<string> }).getRootPath?.().catch(() => {
      if (clients.get(clientClass) === made) clients.delete(clientClass);
    });
    client = made;
  }
  return client;
}

/** Asks the host for a client's location and a token now, while the page is still being drawn. */
export function warmUp<T>(clientClass: RestClientFactory<T>): void {
  const client = sharedClient(clientClass) as { getRootPath?: () => Promise<string> };
  void client.getRootPath?.().catch(() => undefined);
  void tokens.getAuthorizationHeader().catch(() => undefined);
}
