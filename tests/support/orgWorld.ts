import { parseEndpoint } from '../../src/core/endpoint';
import { emptySnapshot, type Snapshot } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import type { UsageMap } from '../../src/core/usage';
import { executionRecord, type FakeOrgWorld } from './fakeOrgHubDeps';
import { appKey } from '../../src/core/graphQueries';
import { application, armEndpoint, iso, NOW, OTHER_TENANT, TENANT } from './payloads';

/** A small organization for the organization hub's component tests: two projects sharing one connection. */

export const WEB = { id: 'b7c1e9a4-2f3d-4a8b-9e6c-5d0f1a2b3c4d', name: 'Fabrikam Web' };
export const PLATFORM = { id: 'e2d4f6a8-1b3c-4d5e-8f70-9a1b2c3d4e5f', name: 'Platform' };
export const PAYMENTS = { id: 'a1c3e5f7-9b2d-4f46-8a1c-3e5f7a9b1c2d', name: 'Payments' };

export const SHARED_ID = '0f1e2d3c-0000-4000-8000-00000000a001';
export const WEB_ID = '0f1e2d3c-0000-4000-8000-00000000a002';
export const PLATFORM_ID = '0f1e2d3c-0000-4000-8000-00000000a003';
export const PAYMENTS_ID = '0f1e2d3c-0000-4000-8000-00000000a004';

export const SHARED_APP = '11111111-aaaa-4aaa-8aaa-000000000001';
export const WEB_APP = '11111111-aaaa-4aaa-8aaa-000000000002';
export const PLATFORM_APP = '11111111-aaaa-4aaa-8aaa-000000000003';
const PAYMENTS_APP = '11111111-aaaa-4aaa-8aaa-000000000004';

export const shared = armEndpoint({ id: SHARED_ID, name: 'arm-shared', appId: SHARED_APP, projects: [WEB, PLATFORM] });
export const web = armEndpoint({ id: WEB_ID, name: 'arm-web', appId: WEB_APP, projects: [WEB] });
export const platform = armEndpoint({
  id: PLATFORM_ID,
  name: 'arm-platform',
  appId: PLATFORM_APP,
  projects: [PLATFORM],
});
export const payments = armEndpoint({
  id: PAYMENTS_ID,
  name: 'arm-payments',
  appId: PAYMENTS_APP,
  tenantId: OTHER_TENANT,
  projects: [PAYMENTS],
});

/** Each app with one secret Azure DevOps made when the connection was last saved (60 days ago). */
export const applications = [
  application([{ start: iso(-60), end: iso(-3), keyId: 'shared-key' }], [], SHARED_APP), // expired
  application([{ start: iso(-60), end: iso(5), keyId: 'web-key' }], [], WEB_APP), // critical
  application([{ start: iso(-60), end: iso(300), keyId: 'platform-key' }], [], PLATFORM_APP), // healthy
  application([{ start: iso(-60), end: iso(20), keyId: 'payments-key' }], [], PAYMENTS_APP), // warning
];

/** History is stored per project: the shared connection's Web pipeline is in Web's, Platform's in Platform's. */
export const history = {
  [SHARED_ID]: {
    [WEB.name]: [executionRecord(SHARED_ID, { id: 12, name: 'web-ci' }, { id: 1207, name: '20261127.3' }, iso(-1))],
    [PLATFORM.name]: [
      executionRecord(
        SHARED_ID,
        { id: 31, name: 'platform-deploy' },
        { id: 880, name: '20261120.1' },
        iso(-8),
        'failed',
      ),
    ],
  },
  [WEB_ID]: [executionRecord(WEB_ID, { id: 12, name: 'web-ci' }, { id: 1207, name: '20261127.3' }, iso(-1))],
  [PLATFORM_ID]: [],
};

export function world(overrides: Partial<FakeOrgWorld> = {}): FakeOrgWorld {
  return {
    projects: [WEB, PLATFORM],
    endpoints: { [WEB.name]: [shared, web], [PLATFORM.name]: [shared, platform] },
    history,
    applications,
    ...overrides,
  };
}

/**
 * A project's snapshot as a hub or the scanner leaves it: the listing of these endpoints and this usage,
 * read `hoursAgo` ago (no app readings: the tests that use it are about usage).
 */
export function storedSnapshot(projectId: string, endpoints: unknown[], usage: UsageMap, hoursAgo = 2): Snapshot {
  const at = new Date(NOW - hoursAgo * 3_600_000).toISOString();
  const connections = endpoints.map(parseEndpoint);
  // As the hubs and the scanner write it now: each reading says the project whose history it is.
  const ref = [WEB, PLATFORM].find((p) => p.id === projectId) ?? { id: projectId, name: projectId };
  const own = Object.fromEntries(
    Object.entries(usage).map(([id, u]) => [
      id,
      {
        ...u,
        pipelines: u.pipelines.map((p) => (p.project ? p : { ...p, project: ref })),
        readIn: u.readIn ?? [{ project: ref, readAt: u.readAt, complete: u.complete }],
      },
    ]),
  );
  return { ...emptySnapshot(projectId), connections: toSnapshotConnections(connections, at), usage: own };
}

/** One pipeline's use as a snapshot stores it. */
export function storedUse(
  definitionName: string,
  definitionId: number,
  daysAgo: number,
  hoursAgo = 2,
): UsageMap[string] {
  return {
    pipelines: [
      {
        definitionId,
        definitionName,
        planType: 'build',
        lastUsedAt: iso(-daysAgo),
        result: 'succeeded',
        runId: 4000 + definitionId,
        runName: '20261101.1',
      },
    ],
    readAt: new Date(NOW - hoursAgo * 3_600_000).toISOString(),
    complete: true,
  };
}

/** What a scan left for these apps `daysAgo` days ago: their secrets as the fixture's applications hold them. */
export function storedReadings(appIds: string[], daysAgo: number): Snapshot['apps'] {
  const out: Snapshot['apps'] = {};
  for (const appId of appIds) {
    const app = applications.find((a) => a.appId === appId) as {
      displayName: string;
      passwordCredentials: { keyId: string; displayName: string | null; startDateTime: string; endDateTime: string }[];
    };
    out[appKey(TENANT, appId)] = {
      appId,
      tenantId: TENANT,
      displayName: app.displayName,
      credentials: app.passwordCredentials.map((c) => ({
        keyId: c.keyId,
        kind: 'secret',
        displayName: c.displayName,
        startDateTime: c.startDateTime,
        endDateTime: c.endDateTime,
      })),
      takenAt: iso(-daysAgo),
      takenBy: { kind: 'scanner', name: 'nightly' },
    };
  }
  return out;
}
