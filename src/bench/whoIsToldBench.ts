import { lookupAppsWithFollowUp } from '../adapters/graph/notFoundFollowUp';
import { parseEndpoint } from '../core/endpoint';
import { lookupFor, queriesFor } from '../core/graphQueries';
import { buildReport } from '../core/report';
import { computeVerdict } from '../core/verdict';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../devhost/fakeDevOps';
import { createFakeGraph } from '../devhost/fakeGraph';
import { normalizeFixture } from '../devhost/fixture';
import { trackWorkItems, type TrackEntry } from '../jobs/trackWorkItems';
import { guid, serve } from './benchTools';

/**
 * Requests that owners and tracked renewals add, at 50 projects × 20 connections (one app each, two
 * tenants), 10% needing action. Owners: the Graph reads with `$expand=owners` beside the count the
 * credentials alone cost (ceil(apps per tenant / 20)), with 1% of apps holding more than 20 owners.
 * Work items: requests per run of the track job (first run, an unchanged run, a run where half the
 * connections were renewed), by kind, against the fake Azure DevOps.
 */

const PROJECTS = 50;
const PER_PROJECT = 20;
const DAY = 86_400_000;
const TENANTS = [guid('11111111', 1), guid('22222222', 2)];
const user = (n: number) => ({
  '@odata.type': '#microsoft.graph.user',
  id: guid('eeeeeeee', n),
  displayName: `Owner ${n}`,
  userPrincipalName: `owner${n}@contoso.com`,
});

function world(nowMs: number, renewed: (n: number) => boolean) {
  const projects = Array.from({ length: PROJECTS }, (_, p) => ({ id: guid('9a9a9a9a', p), name: `project-${p}` }));
  const endpoints: Record<string, unknown>[] = [];
  const applications: unknown[] = [];
  projects.forEach((project, p) => {
    for (let i = 0; i < PER_PROJECT; i++) {
      const n = p * PER_PROJECT + i;
      const appId = guid('aaaaaaaa', n);
      endpoints.push({
        id: guid('cccccccc', n),
        name: `conn-${n}`,
        type: 'azurerm',
        isReady: true,
        authorization: {
          scheme: 'ServicePrincipal',
          parameters: { tenantid: TENANTS[n % 2], serviceprincipalid: appId, authenticationType: 'spnKey' },
        },
        data: { creationMode: 'Automatic', environment: 'AzureCloud' },
        createdBy: { displayName: `Creator ${n}`, id: guid('bbbbbbbb', n), uniqueName: `creator${n}@contoso.com` },
        modificationDate: new Date(nowMs - 60 * DAY).toISOString(),
        serviceEndpointProjectReferences: [{ projectReference: project, name: `conn-${n}` }],
      });
      // One connection in ten needs action (expires in 10 days) until it is renewed.
      const ends = n % 10 === 0 && !renewed(n) ? 10 : 80;
      applications.push({
        id: guid('dddddddd', n),
        appId,
        displayName: `app-${n}`,
        passwordCredentials: [
          {
            keyId: guid('ffffffff', n),
            startDateTime: new Date(nowMs - 60 * DAY).toISOString(),
            endDateTime: new Date(nowMs + ends * DAY).toISOString(),
          },
        ],
        owners: n % 100 === 7 ? Array.from({ length: 25 }, (_, k) => user(n * 100 + k)) : [user(n)],
      });
    }
  });
  const fixture = normalizeFixture({ endpoints, applications, projects, project: projects[0], organization: 'bench' });
  return { fixture, projects, connections: endpoints.map(parseEndpoint) };
}

async function entriesOf(nowMs: number, renewed: (n: number) => boolean) {
  const w = world(nowMs, renewed);
  const graph = createFakeGraph(w.fixture);
  const server = await serve(graph.handle);
  try {
    const lookups = await lookupAppsWithFollowUp(queriesFor(w.connections), {
      getToken: async () => 'bench',
      graphRootFor: () => server.url,
    });
    const entries = w.connections.map((connection, i) => {
      const lookup = lookupFor(connection, lookups);
      const verdict = computeVerdict({ connection, lookup, nowMs });
      const owners = lookup?.kind === 'found' ? lookup.app.owners : undefined;
      return { connection, verdict, project: w.projects[Math.floor(i / PER_PROJECT)].name, owners };
    });
    const report = buildReport(entries, 'https://dev.azure.com/bench', { warningDays: 30, criticalDays: 7 }, '');
    const track: TrackEntry[] = report.connections.map((r, i) => ({ report: r, verdict: entries[i].verdict }));
    return { w, track, graph: graph.stats };
  } finally {
    await server.close();
  }
}

export async function benchWhoIsTold(): Promise<string[]> {
  const nowMs = Date.parse('2026-11-28T12:00:00Z');
  const first = await entriesOf(nowMs, () => false);
  const perTenant = TENANTS.map((t) => first.w.connections.filter((c) => c.tenantId === t).length);
  const credentialsOnly = perTenant.reduce((sum, n) => sum + Math.ceil(n / 20), 0);
  const cut = first.w.connections.filter((_, n) => n % 100 === 7).length;
  const ownersRead = first.graph.paths.filter((p) => p.includes('$expand=owners')).length;

  const devops = createFakeDevOps(first.w.fixture);
  const server = await serve(devops.handle);
  const lines: string[] = [];
  try {
    const options = {
      orgUrl: `${server.url}/bench`,
      authorization: async () => `Bearer ${FAKE_ADO_TOKEN}`,
      fetch: (u: string, i?: RequestInit) => fetch(u, i),
      timeoutMs: 30_000,
      concurrency: 8,
      type: null,
      areaPath: null,
      assign: { kind: 'creator' as const },
      inPipeline: false,
      log: () => undefined,
    };
    const input = (track: TrackEntry[]) => ({ entries: track, projects: first.w.projects, listingComplete: true });
    const runs: [string, TrackEntry[]][] = [
      ['first run (creates)', first.track],
      ['unchanged day', first.track],
      ['half renewed (closes)', (await entriesOf(nowMs, (n) => n % 20 === 0)).track],
    ];
    const needing = first.track.filter((e) => e.verdict.status === 'warning' || e.verdict.status === 'critical').length;
    lines.push(
      `Who is told: ${PROJECTS} projects × ${PER_PROJECT} connections (${first.w.connections.length}), ${needing} needing action, fake Azure DevOps and Graph`,
      `  owners  : ${first.graph.requests} Graph HTTP requests with $expand=owners (credentials alone: ${credentialsOnly} = ceil(apps per tenant / 20)); ${ownersRead} app reads carried owners; ${cut} apps with > 20 owners cost ${first.graph.requests - credentialsOnly} more batched owners list read(s)`,
    );
    for (const [name, track] of runs) {
      const before = { ...devops.workItems.stats };
      const started = performance.now();
      const out = await trackWorkItems(input(track), options);
      const s = devops.workItems.stats;
      const d = (k: keyof typeof s) => s[k] - before[k];
      const verbs = out.actions.reduce<Record<string, number>>(
        (m, a) => ({ ...m, [a.verb]: (m[a.verb] ?? 0) + 1 }),
        {},
      );
      lines.push(
        `  work items, ${name.padEnd(22)}: ${out.requests} Azure DevOps requests (${d('wiql')} WIQL, ${d('reads')} reads, ${d('states')} type states, ${d('creates')} creates, ${d('updates')} updates, ${d('comments')} comments) in ${(performance.now() - started).toFixed(0)} ms; ${Object.entries(
          verbs,
        )
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
      );
    }
  } finally {
    await server.close();
  }
  return lines;
}
