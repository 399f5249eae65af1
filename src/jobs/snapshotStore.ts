import { createExtensionDataRestStore } from '../adapters/rest/extensionDataRest';
import type { JobDeps, OrgJobOptions } from './deps';
import type { PublishTarget } from './scanOptions';

/** The extension data where --publish writes the snapshots (and the scan reads what they already hold). */
export function snapshotStore(
  input: OrgJobOptions & { target: PublishTarget },
  deps: Pick<JobDeps, 'fetch' | 'log'> & { authorization: () => Promise<string> },
) {
  return createExtensionDataRestStore({
    orgUrl: input.orgUrl,
    publisher: input.target.publisher,
    extensionId: input.target.extensionId,
    authorization: deps.authorization,
    fetch: deps.fetch,
    timeoutMs: input.timeoutMs,
    log: deps.log,
  });
}
