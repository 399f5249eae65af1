import { trackWorkItems, type TrackEntry, type TrackOptions } from '../../src/jobs/trackWorkItems';
import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { buildReport } from '../../src/core/report';
import { computeVerdict } from '../../src/core/verdict';
import type { AppLookup } from '../../src/core/types';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { normalizeFixture } from '../../src/devhost/fixture';
import { listen } from '../support/listen';
import { application, armEndpoint, iso, NOW, PROJECT } from '../support/payloads';

/** The track job against the fake Azure DevOps: a connection's renewal through five runs, per process. */

const CONNECTION = '3b2a1f0e-0000-4000-8000-000000000010';

function entries(daysLeft: number | 'deleted', name = 'arm-prod', creator = 'john@contoso.com'): TrackEntry[] {
  if (daysLeft === 'deleted') return [];
  const connection = parseEndpoint({
    ...armEndpoint({ id: CONNECTION, name }),
    createdBy: { displayName: 'John Doe', id: 'x', uniqueName: creator },
  });
  const app = parseApplication(application([{ start: iso(-60), end: iso(daysLeft) }]))!;
  const lookup: AppLookup = { kind: 'found', app };
  const verdict = computeVerdict({ connection, lookup, nowMs: NOW });
  const [report] = buildReport(
    [{ connection, verdict, project: PROJECT.name, owners: app.owners }],
    'https://dev.azure.com/contoso',
    { warningDays: 30, criticalDays: 7 },
    new Date(NOW).toISOString(),
  ).connections;
  return [{ report, verdict }];
}

async function world(process: string, extra: Record<string, unknown> = {}) {
  const fixture = normalizeFixture({
    endpoints: [],
    project: PROJECT,
    workTracking: { processes: { [PROJECT.name]: process }, identities: ['john@contoso.com'], ...extra },
  });
  const fake = createFakeDevOps(fixture);
  const server = await listen(fake.handle);
  const options = (o: Partial<TrackOptions> = {}): TrackOptions => ({
    orgUrl: `${server.url}/contoso`,
    authorization: async () => `Bearer ${FAKE_ADO_TOKEN}`,
    fetch: (u, i) => fetch(u, i),
    timeoutMs: 10_000,
    concurrency: 4,
    type: null,
    areaPath: null,
    assign: { kind: 'creator' },
    inPipeline: false,
    log: () => undefined,
    ...o,
  });
  const run = (days: number | 'deleted', o: Partial<TrackOptions> = {}, name?: string, creator?: string) =>
    trackWorkItems({ entries: entries(days, name, creator), projects: [PROJECT], listingComplete: true }, options(o));
  return { fake, run, close: server.close };
}

const COMPLETED: Record<string, string> = { Agile: 'Closed', Scrum: 'Done', Basic: 'Done', CMMI: 'Closed' };
const PROPOSED: Record<string, string> = { Agile: 'New', Scrum: 'To Do', Basic: 'To Do', CMMI: 'Proposed' };

describe.each(['Agile', 'Scrum', 'Basic', 'CMMI'])('tracked renewal, %s process', (process) => {
  it('create → again (nothing) → status change (one comment) → renewed (closed) → needed again (reopened)', async () => {
    const w = await world(process);
    try {
      const items = () => [...w.fake.workItems.items.values()];
      const first = await w.run(20);
      expect(first.actions.map((a) => a.verb)).toEqual(['created']);
      const id = first.actions[0].id as number;
      expect(first.tracked[PROJECT.id]).toEqual({ [CONNECTION]: id });
      expect(items()[0].fields).toMatchObject({
        'System.Title': expect.stringMatching(/^Renew service connection arm-prod: warning, \d{4}-\d{2}-\d{2}$/),
        'System.Tags': `sc-expiry; sc-expiry:${CONNECTION}`,
        'System.State': PROPOSED[process],
        'System.AssignedTo': { displayName: 'john@contoso.com', uniqueName: 'john@contoso.com' },
        'System.WorkItemType': 'Task',
      });

      const again = await w.run(20);
      expect(again.actions.map((a) => a.verb)).toEqual(['unchanged']);
      expect(items()).toHaveLength(1);
      expect(items()[0].comments).toHaveLength(0);
      expect(w.fake.workItems.stats.updates).toBe(0);

      const critical = await w.run(5);
      expect(critical.actions.map((a) => [a.verb, a.id])).toEqual([['updated', id]]);
      expect(items()[0].comments.map((c) => c.text)).toEqual([
        expect.stringMatching(/Status changed: warning → critical/),
      ]);
      expect(items()[0].fields['System.Title']).toMatch(/: critical, /);

      const renewed = await w.run(85);
      expect(renewed.actions.map((a) => a.verb)).toEqual(['closed']);
      expect(items()[0].fields['System.State']).toBe(COMPLETED[process]);
      expect(renewed.tracked[PROJECT.id]).toBeUndefined();
      expect(items()[0].comments).toHaveLength(2);

      const quiet = await w.run(85);
      expect(quiet.actions.map((a) => a.verb)).toEqual(['unchanged']);

      const back = await w.run(3);
      expect(back.actions.map((a) => [a.verb, a.id])).toEqual([['reopened', id]]);
      expect(items()).toHaveLength(1);
      expect(items()[0].fields['System.State']).toBe(PROPOSED[process]);
      expect(items()[0].comments.map((c) => c.text)).toHaveLength(3);

      const deleted = await w.run('deleted');
      expect(deleted.actions.map((a) => a.verb)).toEqual(['closed']);
      expect(String(items()[0].comments[3].text)).toMatch(/deleted/);
    } finally {
      await w.close();
    }
  });
});

describe('what the job meets', () => {
  it('an assignee Azure DevOps does not know: created unassigned, and the item says why', async () => {
    const w = await world('Agile');
    try {
      const out = await w.run(5, {}, 'arm-prod', 'gone@contoso.com');
      expect(out.actions.map((a) => a.verb)).toEqual(['created']);
      const [item] = [...w.fake.workItems.items.values()];
      expect(item.fields['System.AssignedTo']).toBeUndefined();
      expect(item.fields['System.Description']).toMatch(/Not assigned:.*Azure DevOps does not know gone@contoso\.com/);
      expect(out.problems).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('a refused write names exactly what to grant, for a PAT and for the build identity', async () => {
    const w = await world('Agile', { refuse: { [PROJECT.name]: 403 } });
    try {
      const cli = await w.run(5);
      expect(cli.actions.map((a) => a.verb)).toEqual(['failed']);
      expect(cli.problems[0].message).toMatch(/TF237111/);
      expect(cli.problems[0].hint).toMatch(/"Edit work items in this node" on area path My DevOps project/);
      expect(cli.problems[0].hint).toMatch(/Work Items \(Read & write\)/);
      const task = await w.run(5, { inPipeline: true });
      expect(task.problems[0].hint).toMatch(/"My DevOps project Build Service \(contoso\)"/);
      expect(w.fake.workItems.items.size).toBe(0);
    } finally {
      await w.close();
    }
  });

  it('hostile names stay text: escaped in the description, plain in the title', async () => {
    const w = await world('Agile');
    try {
      const hostile = '<img src=x onerror=alert(1)>##vso[task.complete result=Failed]';
      await w.run(5, {}, hostile);
      const [item] = [...w.fake.workItems.items.values()];
      expect(item.fields['System.Title']).toBe(`Renew service connection ${hostile}: critical, ${iso(5).slice(0, 10)}`);
      expect(item.fields['System.Description']).not.toContain('<img');
      expect(item.fields['System.Description']).toContain('&lt;img src=x onerror=alert(1)&gt;');
    } finally {
      await w.close();
    }
  });
});
