import { join } from 'path';
import { parseEndpoint } from '../../src/core/endpoint';
import { createOrgListing } from '../../src/core/orgListing';
import { combineSnapshots, entriesFor } from '../../src/core/orgSnapshot';
import { projectTiles } from '../../src/core/projectTiles';
import { emptySnapshot, type SnapshotApp } from '../../src/core/snapshot';
import type { ProjectRef, Status } from '../../src/core/types';
import { loadFixture, normalizeFixture } from '../../src/devhost/fixture';
import { FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { startLocalHost } from '../../src/devhost/server';
import { exportFileName } from '../../src/ui/orgHub/exportView';
import { LIST_CONCURRENCY, listEveryProject, type ProjectState } from '../../src/ui/orgHub/projectLists';

/** The organization hub's rules: one listing across projects, tiles, snapshots, project lists, fixture. */

const web: ProjectRef = { id: 'b7c1e9a4-2f3d-4a8b-9e6c-5d0f1a2b3c4d', name: 'Fabrikam Web' };
const platform: ProjectRef = { id: 'e2d4f6a8-1b3c-4d5e-8f70-9a1b2c3d4e5f', name: 'Platform' };
const payments: ProjectRef = { id: 'a1c3e5f7-9b2d-4f46-8a1c-3e5f7a9b1c2d', name: 'Payments' };

/** A raw endpoint as the REST API returns it, with its project references. */
function endpoint(id: string, name: string, projects: ProjectRef[]) {
  return {
    id,
    name,
    type: 'azurerm',
    authorization: {
      scheme: 'ServicePrincipal',
      parameters: {
        tenantid: '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10',
        serviceprincipalid: id,
        authenticationType: 'spnKey',
      },
    },
    data: { environment: 'AzureCloud', creationMode: 'Automatic' },
    isShared: projects.length > 1,
    serviceEndpointProjectReferences: projects.map((p) => ({ name, projectReference: p })),
  };
}
const SHARED = '0f4a6c8e-9b3d-4f15-a7c9-4e6b8d0f2a13';
const ONLY_WEB = '9b4c1d7e-2f6a-4e83-b5c9-7a1d3f5e9c20';

describe('organization listing', () => {
  it.each([
    ['web first', [web, platform]],
    ['platform first', [platform, web]],
  ])('lists a shared connection once with both projects (%s)', (_label, order) => {
    const listing = createOrgListing();
    const lists: Record<string, unknown[]> = {
      [web.id]: [endpoint(SHARED, 'arm-shared', [web, platform]), endpoint(ONLY_WEB, 'arm-web', [web])],
      [platform.id]: [endpoint(SHARED, 'arm-shared', [web, platform])],
    };
    for (const p of order) listing.add(p, lists[p.id].map(parseEndpoint));
    const entries = listing.entries();
    expect(entries.map((e) => e.connection.id).sort()).toEqual([ONLY_WEB, SHARED].sort());
    const shared = entries.find((e) => e.connection.id === SHARED);
    expect(shared?.project).toBe(order[0].name);
    expect(shared?.connection.projects.map((p) => p.name)).toEqual(['Fabrikam Web', 'Platform']);
  });

  it('adds a project a connection does not name (references cut by permissions) as a new object', () => {
    const listing = createOrgListing();
    listing.add(web, [parseEndpoint(endpoint(SHARED, 'arm-shared', [web]))]);
    const before = listing.entries()[0].connection;
    listing.add(platform, [parseEndpoint(endpoint(SHARED, 'arm-shared', [web]))]);
    const after = listing.entries()[0].connection;
    expect(after).not.toBe(before);
    expect(after.projects.map((p) => p.name)).toEqual(['Fabrikam Web', 'Platform']);
    expect(before.projects.map((p) => p.name)).toEqual(['Fabrikam Web']);
  });
});

describe('project tiles', () => {
  const row = (status: Status, ...projects: ProjectRef[]) => ({ connection: { projects }, verdict: { status } });
  it.each([
    [
      'expired beats critical, critical beats any number of warnings',
      [row('critical', web), row('expired', payments), row('warning', platform), row('warning', platform)],
      ['Payments', 'Fabrikam Web', 'Platform'],
    ],
    [
      'a shared connection counts in each project; ties by name',
      [row('warning', web, platform), row('healthy', payments)],
      ['Fabrikam Web', 'Platform', 'Payments'],
    ],
    [
      'unknown after warning, healthy does not rank',
      [row('unknown', web), row('healthy', platform)],
      ['Fabrikam Web', 'Payments', 'Platform'],
    ],
  ])('%s', (_label, rows, order) => {
    const tiles = projectTiles([platform, payments, web], rows);
    expect(tiles.map((t) => t.project.name)).toEqual(order);
  });

  it('counts every status and the total per project', () => {
    const [first] = projectTiles([web], [row('warning', web, platform), row('expired', web), row('healthy', platform)]);
    expect(first).toMatchObject({ total: 2, summary: { expired: 1, warning: 1, healthy: 0 } });
  });
});

describe('organization snapshot', () => {
  const reading = (appId: string, takenAt: string): SnapshotApp => ({
    appId,
    tenantId: 't',
    displayName: appId,
    credentials: [],
    takenAt,
    takenBy: { kind: 'hub', name: 'x' },
  });
  it('keeps the newest reading of each app across projects, and picks a project’s own apps', () => {
    const a = { ...emptySnapshot(web.id), apps: { 't|a': reading('a', '2026-01-01T00:00:00Z') } };
    const b = {
      ...emptySnapshot(platform.id),
      apps: { 't|a': reading('a', '2026-02-01T00:00:00Z'), 't|b': reading('b', '2026-01-15T00:00:00Z') },
    };
    const combined = combineSnapshots([a, b]);
    expect(combined?.apps['t|a'].takenAt).toBe('2026-02-01T00:00:00Z');
    expect(Object.keys(combined?.apps ?? {}).sort()).toEqual(['t|a', 't|b']);
    expect(combineSnapshots([])).toBeNull();
    expect(Object.keys(entriesFor(b.apps, ['t|b', 't|missing']))).toEqual(['t|b']);
  });
});

describe('project lists with bounded concurrency', () => {
  const projects = Array.from({ length: 25 }, (_, i) => ({ id: `p${i}`, name: `Project ${i}` }));

  it('starts on the first page before the last arrives, never exceeds the bound, and reports a 403 as one project', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let listedBeforeSecondPage = false;
    let firstListed!: () => void;
    const oneListed = new Promise<boolean>((resolve) => (firstListed = () => resolve(true)));
    const outcomes: ProjectState[] = [];
    await listEveryProject(
      {
        async listProjects(onPage) {
          onPage(projects.slice(0, 10));
          // The second page waits until a project of the first one is listed (or gives up after 5 s).
          listedBeforeSecondPage = await Promise.race([
            oneListed,
            new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
          ]);
          onPage(projects.slice(10));
          return projects;
        },
        async listEndpoints(name) {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          firstListed();
          if (name === 'Project 7') throw Object.assign(new Error('Access denied'), { status: 403 });
          if (name === 'Project 8') throw Object.assign(new Error('boom'), { status: 500 });
          return [endpoint(SHARED, `arm-${name}`, [])];
        },
      },
      () => undefined,
      (state) => outcomes.push(state),
    );
    expect(listedBeforeSecondPage).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(LIST_CONCURRENCY);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(outcomes).toHaveLength(25);
    expect(outcomes.find((o) => o.project.name === 'Project 7')).toMatchObject({
      state: 'refused',
      message: 'You do not have permission to see the service connections of Project 7 (403).',
    });
    expect(outcomes.find((o) => o.project.name === 'Project 8')).toMatchObject({ state: 'failed' });
    expect(outcomes.filter((o) => o.state === 'listed')).toHaveLength(23);
  });

  it('rejects when the projects themselves cannot be listed', async () => {
    await expect(
      listEveryProject(
        { listProjects: () => Promise.reject(new Error('401')), listEndpoints: async () => [] },
        () => undefined,
        () => undefined,
      ),
    ).rejects.toThrow('401');
  });
});

describe('export file names', () => {
  it.each([
    ['contoso', 'service-connections-contoso-2026-11-28.csv'],
    ['../../etc/passwd', 'service-connections-etc-passwd-2026-11-28.csv'],
    ['Ünïcode org', 'service-connections-n-code-org-2026-11-28.csv'],
    ['???', 'service-connections-organization-2026-11-28.csv'],
  ])('%s → %s', (org, name) => {
    expect(exportFileName(org, Date.parse('2026-11-28T12:00:00Z'), 'csv')).toBe(name);
  });
});

describe('local host: projects and project faults', () => {
  it.each([
    [{ projects: 'x' }, 'fixture: "projects" must be an array of {id, name}'],
    [{ projects: [{ id: 'p' }] }, 'fixture: projects[0] needs string "id" and "name"'],
    [{ projectFaults: { Web: 'nope' } }, 'fixture: projectFaults["Web"] must be an HTTP error status such as 403'],
  ])('refuses %j', (extra, message) => {
    expect(() => normalizeFixture({ endpoints: [], ...extra })).toThrow(message);
  });

  it('answers 403 with an Azure DevOps error body for a faulted project, and serves the org hub page', async () => {
    const fixture = loadFixture(join(__dirname, '../e2e/fixtures/org.json'));
    const host = await startLocalHost({ fixture, port: 0, distDir: join(__dirname, 'no-such-dist') });
    try {
      const headers = { Authorization: `Bearer ${FAKE_ADO_TOKEN}` };
      const refused = await fetch(`${host.devopsUrl}Locked%20Down/_apis/serviceendpoint/endpoints`, { headers });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({
        typeKey: 'AccessCheckException',
        message: expect.stringContaining('Locked Down'),
      });
      const projects = await (await fetch(`${host.devopsUrl}_apis/projects`, { headers })).json();
      expect(projects.value.map((p: { name: string }) => p.name)).toEqual([
        'Fabrikam Web',
        'Platform',
        'Payments',
        'Locked Down',
        '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)>',
      ]);
      const platform = await (
        await fetch(`${host.devopsUrl}Platform/_apis/serviceendpoint/endpoints`, { headers })
      ).json();
      expect(platform.value.map((e: { name: string }) => e.name).sort()).toEqual([
        'arm-platform-infra',
        'arm-shared-platform',
      ]);

      const page = await fetch(host.orgHubUrl);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Organization settings');
      const config = JSON.parse(
        /<script id="host-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
      );
      expect(config).toMatchObject({ project: null, contributionId: 'local.service-connection-expiry.org-hub' });
      expect(config.hubUrl).toMatch(/\/orgHub\.html$/);
      expect((await fetch(host.url)).status).toBe(200);
      expect(await (await fetch(host.url)).text()).toContain(`href="/contoso/_settings/connection-expiry"`);
    } finally {
      await host.close();
    }
  });
});
