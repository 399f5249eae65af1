import { lookupAppsWithFollowUp } from '../../src/adapters/graph/notFoundFollowUp';
import { appKey, type AppQuery } from '../../src/core/graphQueries';
import { createFakeGraph } from '../../src/devhost/fakeGraph';
import { normalizeFixture } from '../../src/devhost/fixture';
import { listen } from '../support/listen';
import { TENANT, application } from '../support/payloads';

/** Owners read with the credentials ($expand=owners in the same $batch), from the fake Graph built on the Graph reference. */

const appId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const user = (n: number) => ({
  '@odata.type': '#microsoft.graph.user',
  id: `0000000${n}-aaaa-4000-8000-000000000000`.slice(0, 36),
  displayName: `Owner ${n}`,
  mail: `owner${n}@contoso.com`,
  userPrincipalName: `owner${n}@contoso.com`,
});

function app(n: number, owners: unknown[]) {
  return {
    ...application([{ start: '2026-09-01T00:00:00Z', end: '2026-12-01T00:00:00Z' }], [], appId(n)),
    id: `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`,
    owners,
  };
}

const query = (n: number): AppQuery => ({
  tenantId: TENANT,
  appId: appId(n),
  environment: 'AzureCloud',
  withCertificates: false,
});

async function read(apps: unknown[], extra: Record<string, unknown>, queries: AppQuery[]) {
  const graph = createFakeGraph(normalizeFixture({ endpoints: [], applications: apps, ...extra }));
  const server = await listen(graph.handle);
  try {
    const results = await lookupAppsWithFollowUp(queries, {
      getToken: async () => 'token',
      graphRootFor: () => server.url,
      sleep: async () => undefined,
    });
    return { results, stats: graph.stats };
  } finally {
    await server.close();
  }
}

describe('owners in the $batch application read', () => {
  it('come in the same requests as the credentials, with 403/404 per item left as they are', async () => {
    const apps = [app(1, [user(1)]), app(2, []), app(3, [user(3)]), app(4, [user(4)])];
    const { results, stats } = await read(
      apps,
      { graphFaults: { [appId(3)]: 403, [appId(4)]: 404 } },
      [1, 2, 3, 4].map(query),
    );
    expect(stats.requests).toBe(2); // one $batch, then the 404's service principal follow-up
    expect(stats.paths.filter((p) => p.includes('$expand=owners'))).toHaveLength(4);
    const owners = (n: number) => {
      const r = results.get(appKey(TENANT, appId(n)));
      return r?.kind === 'found' ? r.app.owners : r?.kind;
    };
    expect(owners(1)).toEqual([
      { id: user(1).id, kind: 'user', displayName: null, userPrincipalName: null, mail: null },
    ]);
    expect(owners(2)).toEqual([]);
    expect(owners(3)).toBe('forbidden');
    expect(owners(4)).toBe('not-found');
  });

  it('with User.ReadBasic.All, user owners have names', async () => {
    const { results } = await read(
      [app(1, [user(1)])],
      { graphPermissions: ['Application.Read.All', 'User.ReadBasic.All'] },
      [query(1)],
    );
    const r = results.get(appKey(TENANT, appId(1)));
    expect(r?.kind === 'found' && r.app.owners?.[0]).toMatchObject({
      displayName: 'Owner 1',
      userPrincipalName: 'owner1@contoso.com',
    });
  });

  it('reads the owners list only for an app whose expanded list hit 20, in one more $batch', async () => {
    const many = Array.from({ length: 23 }, (_, i) => user(i + 10));
    const { results, stats } = await read([app(1, many), app(2, [user(2)])], {}, [query(1), query(2)]);
    expect(stats.requests).toBe(2);
    expect(stats.paths.filter((p) => p.includes('/owners?'))).toEqual([
      `/applications/bbbbbbbb-0000-4000-8000-000000000001/owners?$top=999`,
    ]);
    const r = results.get(appKey(TENANT, appId(1)));
    expect(r?.kind === 'found' && r.app.owners?.length).toBe(23);
    expect(r?.kind === 'found' && r.app.ownersIncomplete).toBeFalsy();
  });
});
