import * as SDK from 'azure-devops-extension-sdk';
import type { IHostNavigationService, ILocationService } from 'azure-devops-extension-api';

/** What the hub needs to know about where it runs, read once from the host. */
export interface HostContext {
  orgUrl: string;
  organization: string;
  project: { id: string; name: string };
  userName: string;
  /** Graph root the local host serves; honoured only when the hub itself is served from loopback. */
  localGraphRoot: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function readHostContext(): Promise<HostContext> {
  const web = SDK.getWebContext();
  const host = SDK.getHost();
  let orgUrl = `https://dev.azure.com/${encodeURIComponent(host.name)}/`;
  try {
    const location = await SDK.getService<ILocationService>('ms.vss-features.location-service');
    orgUrl = await location.getServiceLocation();
  } catch {
    // Keep the dev.azure.com form: links still work for Azure DevOps Services organizations.
  }
  const config = SDK.getConfiguration() as { localGraphRoot?: unknown };
  const onLoopback = LOOPBACK.has(window.location.hostname);
  return {
    orgUrl: orgUrl.replace(/\/+$/, ''),
    organization: host.name,
    project: { id: web.project?.id ?? '', name: web.project?.name ?? '' },
    userName: SDK.getUser().displayName,
    localGraphRoot: onLoopback && typeof config.localGraphRoot === 'string' ? config.localGraphRoot : null,
  };
}

/** `?connection=<id>` in the host page's URL: the deep link to one connection. */
export function createConnectionParam() {
  const nav = () => SDK.getService<IHostNavigationService>('ms.vss-features.host-navigation-service');
  return {
    async read(): Promise<string | null> {
      try {
        const params = await (await nav()).getQueryParams();
        return typeof params.connection === 'string' && params.connection ? params.connection : null;
      } catch {
        return null;
      }
    },
    async write(id: string | null): Promise<void> {
      try {
        (await nav()).setQueryParams({ connection: id ?? '' });
      } catch {
        // Deep links are a convenience; the panel works without them.
      }
    },
  };
}
