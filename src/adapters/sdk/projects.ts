import { sharedClient } from './restClients';
import { CoreRestClient } from 'azure-devops-extension-api/Core';
import type { ProjectRef } from '../../core/types';

/** Projects per page: the REST API's own default and maximum page is 100. */
const PAGE = 100;
const MAX_PAGES = 1000;

/**
 * Every project the viewer can see, page by page: CoreRestClient.getProjects reads the
 * `x-ms-continuationtoken` response header into the list's `continuationToken`, which goes back as the
 * `continuationToken` query parameter (azure-devops-extension-api Core/CoreClient.js). Each page is
 * reported as it arrives so the caller can start on it at once.
 */
export async function listProjects(onPage?: (page: ProjectRef[]) => void): Promise<ProjectRef[]> {
  const client = sharedClient(CoreRestClient);
  const all: ProjectRef[] = [];
  const seenTokens = new Set<string>();
  let token: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    // The typings say number; the service sends an opaque string and takes it back as is.
    const page = await client.getProjects(undefined, PAGE, undefined, (token ?? undefined) as unknown as number);
    const refs: ProjectRef[] = [];
    for (const p of Array.isArray(page) ? page : []) {
      if (p && typeof p.id === 'string' && typeof p.name === 'string') refs.push({ id: p.id, name: p.name });
    }
    all.push(...refs);
    if (refs.length > 0) onPage?.(refs);
    token = page?.continuationToken ? String(page.continuationToken) : null;
    if (!token || refs.length === 0 || seenTokens.has(token)) break;
    seenTokens.add(token);
  }
  return all;
}
