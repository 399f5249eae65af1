import { createWorkItemsClient, isUnknownAssignee, WorkItemError } from '../../src/adapters/rest/workItemsClient';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { normalizeFixture } from '../../src/devhost/fixture';
import { listen } from '../support/listen';

/** The fake Azure DevOps work item routes, driven by the real client (REST reference shapes). */

const PROJECTS = [
  { id: '11111111-0000-4000-8000-000000000001', name: 'Agile project' },
  { id: '22222222-0000-4000-8000-000000000002', name: 'Scrum project' },
  { id: '33333333-0000-4000-8000-000000000003', name: 'Basic project' },
  { id: '44444444-0000-4000-8000-000000000004', name: 'CMMI project' },
];

async function withHost<T>(
  extra: Record<string, unknown>,
  run: (client: ReturnType<typeof createWorkItemsClient>, fake: ReturnType<typeof createFakeDevOps>) => Promise<T>,
) {
  const fixture = normalizeFixture({
    endpoints: [],
    project: PROJECTS[0],
    projects: PROJECTS.slice(1),
    workTracking: {
      processes: { 'Scrum project': 'Scrum', 'Basic project': 'Basic', 'CMMI project': 'CMMI' },
      identities: ['adele@contoso.com'],
      ...extra,
    },
  });
  const fake = createFakeDevOps(fixture);
  const server = await listen(fake.handle);
  try {
    const client = createWorkItemsClient({
      orgUrl: `${server.url}/contoso`,
      authorization: async () => `Bearer ${FAKE_ADO_TOKEN}`,
    });
    return await run(client, fake);
  } finally {
    await server.close();
  }
}

const fields = (title: string, extra: Record<string, unknown> = {}) =>
  Object.entries({ 'System.Title': title, 'System.Tags': 'sc-expiry; sc-expiry:abc', ...extra }).map(([k, v]) => ({
    op: 'add' as const,
    path: `/fields/${k}`,
    value: v,
  }));

describe('fake work items through the client', () => {
  it.each([
    ['Agile project', 'New', 'Closed'],
    ['Scrum project', 'To Do', 'Done'],
    ['Basic project', 'To Do', 'Done'],
    ['CMMI project', 'Proposed', 'Closed'],
  ])('%s: create, find by tag, read, close with the Completed state, comment', async (project, first, completed) => {
    await withHost({}, async (client, fake) => {
      const id = await client.create(project, 'Task', fields('Renew service connection x: warning, 2026-12-20'));
      expect(await client.findTagged(project, 'sc-expiry:abc')).toEqual([id]);
      expect(await client.findTagged(project, 'sc-expiry:ab')).toEqual([]);
      const [item] = await client.readItems(project, [id]);
      expect(item).toMatchObject({ id, state: first, type: 'Task', tags: ['sc-expiry', 'sc-expiry:abc'] });
      const states = await client.typeStates(project, 'Task');
      expect(states?.find((s) => s.category === 'Completed')?.name).toBe(completed);
      await client.update(project, id, [{ op: 'add', path: '/fields/System.State', value: completed }]);
      await client.addComment(project, id, '<p>Closed</p>');
      expect((await client.readItems(project, [id]))[0].state).toBe(completed);
      expect(fake.workItems.stats).toMatchObject({ wiql: 2, creates: 1, updates: 1, comments: 1, states: 1 });
    });
  });

  it('an assignee Azure DevOps does not know is a 400 on Assigned To', async () => {
    await withHost({}, async (client) => {
      const err = await client
        .create('Agile project', 'Task', fields('t', { 'System.AssignedTo': 'ghost@contoso.com' }))
        .catch((e) => e);
      expect(isUnknownAssignee(err)).toBe(true);
      expect((err as Error).message).toMatch(/unknown identity/);
      await expect(
        client.create('Agile project', 'Task', fields('t', { 'System.AssignedTo': 'adele@contoso.com' })),
      ).resolves.toBeGreaterThan(0);
    });
  });

  it('a refused area path is a 403 with TF237111; a missing type is none', async () => {
    await withHost({ refuse: { 'Agile project': 403 } }, async (client) => {
      const err = (await client.create('Agile project', 'Task', fields('t')).catch((e) => e)) as WorkItemError;
      expect(err.status).toBe(403);
      expect(err.message).toMatch(/TF237111/);
      expect(await client.typeStates('Scrum project', 'Issue')).toBeNull();
    });
  });
});
