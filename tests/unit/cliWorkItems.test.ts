import { run } from '../../src/cli/run';
import { readSnapshot } from '../../src/core/snapshot';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { createFakeGraph } from '../../src/devhost/fakeGraph';
import { normalizeFixture } from '../../src/devhost/fixture';
import { captureIo } from '../support/fakeOrg';
import { listen } from '../support/listen';
import { application, armEndpoint, iso, NOW, PROJECT } from '../support/payloads';
import { graphToken } from '../support/tokens';

/** `sc-expiry scan --work-items` end to end: the CLI against the local host's fake Azure DevOps and Graph. */

const CONNECTION = '3b2a1f0e-0000-4000-8000-000000000010';
const env = { AZURE_DEVOPS_EXT_PAT: FAKE_ADO_TOKEN, GRAPH_ACCESS_TOKEN: graphToken() };

async function withHost<T>(
  workTracking: Record<string, unknown>,
  body: (org: string, graph: string, fake: ReturnType<typeof createFakeDevOps>) => Promise<T>,
) {
  const fixture = normalizeFixture({
    project: PROJECT,
    organization: 'contoso',
    endpoints: [
      {
        ...armEndpoint({ id: CONNECTION }),
        createdBy: { displayName: 'John Doe', id: 'x', uniqueName: 'john@contoso.com' },
      },
    ],
    applications: [application([{ start: iso(-60), end: iso(5) }])],
    workTracking,
  });
  const fake = createFakeDevOps(fixture, { now: () => NOW });
  const graph = createFakeGraph(fixture, { now: () => NOW });
  const [ado, g] = await Promise.all([listen(fake.handle), listen(graph.handle)]);
  try {
    return await body(`${ado.url}/contoso`, g.url, fake);
  } finally {
    await Promise.all([ado.close(), g.close()]);
  }
}

const scan = async (org: string, graph: string, extra: string[]) => {
  const { io, captured } = captureIo(NOW);
  const code = await run(['scan', '--org', org, '--graph-url', graph, '--format', 'json', ...extra], env, io);
  return { code, ...captured };
};

describe('sc-expiry scan --work-items', () => {
  it('creates the item once, publishes its id in the snapshot, and writes nothing on an unchanged day', async () => {
    await withHost({}, async (org, graph, fake) => {
      const first = await scan(org, graph, ['--work-items', '--publish', '--verbose']);
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/Work items: 1 created, 0 updated, 0 closed, 0 reopened, 0 unchanged/);
      expect(JSON.parse(first.stdout).connections[0].status).toBe('critical');
      const [item] = [...fake.workItems.items.values()];
      expect(item.fields['System.AssignedTo']).toEqual({
        displayName: 'john@contoso.com',
        uniqueName: 'john@contoso.com',
      });
      const stored = fake.store.get(
        {
          publisher: 'sc-expiry',
          extension: 'service-connection-expiry',
          scopeType: 'Default',
          scopeValue: 'Current',
          collection: 'credential-snapshots',
        },
        PROJECT.id,
      );
      const doc = stored.ok && 'doc' in stored ? stored.doc : null;
      expect(readSnapshot(doc, PROJECT.id, NOW).workItems?.byConnection).toEqual({ [CONNECTION]: item.id });
      const again = await scan(org, graph, ['--work-items', '--verbose']);
      expect(again.stderr).toMatch(/0 created, 0 updated, 0 closed, 0 reopened, 1 unchanged/);
      expect(fake.workItems.stats).toMatchObject({ creates: 1, updates: 0, comments: 0 });
    });
  });

  it('a refused write names what to grant; the scan, its report and its exit code are untouched', async () => {
    await withHost({ refuse: { [PROJECT.name]: 403 } }, async (org, graph) => {
      const out = await scan(org, graph, ['--work-items']);
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout).connections).toHaveLength(1);
      expect(out.stderr).toMatch(/TF237111/);
      expect(out.stderr).toMatch(/"Edit work items in this node" on area path My DevOps project/);
      expect(out.stderr).toMatch(/Work Items \(Read & write\)/);
    });
  });

  it.each([
    [['--assign-to', 'nobody', '--work-items'], /--assign-to must be creator, owner, none or an e-mail address/],
    [['--area-path', 'Web'], /apply only when work items are tracked/],
  ])('refuses %j before reading anything', async (flags, message) => {
    const { io, captured } = captureIo(NOW);
    const code = await run(['scan', '--org', 'https://dev.azure.com/contoso', ...flags], env, io);
    expect(code).toBe(2);
    expect(captured.stderr).toMatch(message);
  });
});
