import type { AppQuery } from '../../core/graphQueries';
import type { AppLookup } from '../../core/types';
import { lookupApps, type GraphClientOptions } from './credentialsClient';

/**
 * Owners arrive with the app (`$expand=owners`), but an expanded directoryObject relationship holds
 * at most 20 items without a nextLink. Only for an app that came back with 20 or more owners is the
 * whole list read (`GET /applications/{id}/owners`, batched like the first reads); every other app
 * costs no request. When that read fails, the 20 stay, marked incomplete.
 */
export async function completeOwners(
  queries: AppQuery[],
  results: Map<string, AppLookup>,
  options: GraphClientOptions,
  keyOf: (q: AppQuery) => string,
): Promise<void> {
  const seen = new Set<string>();
  const cut = queries.flatMap((q) => {
    const key = keyOf(q);
    const lookup = results.get(key);
    if (seen.has(key) || lookup?.kind !== 'found' || !lookup.app.ownersIncomplete || !lookup.app.objectId) return [];
    seen.add(key);
    return [{ ...q, target: 'owners' as const, objectId: lookup.app.objectId }];
  });
  if (cut.length === 0) return;
  const lists = await lookupApps(cut, { ...options, onResult: undefined });
  for (const q of cut) {
    const key = keyOf(q);
    const read = lists.get(key);
    const current = results.get(key);
    if (read?.kind !== 'found' || current?.kind !== 'found') continue;
    const app = { ...current.app, owners: read.app.owners };
    if (read.app.ownersIncomplete) app.ownersIncomplete = true;
    else delete app.ownersIncomplete;
    const merged: AppLookup = { ...current, app };
    results.set(key, merged);
    options.onResult?.(key, merged);
  }
}
