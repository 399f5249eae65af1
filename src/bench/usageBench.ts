import { type IncomingMessage, type ServerResponse } from 'http';
import { run } from '../cli/run';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../devhost/fakeDevOps';
import { createFakeGraph } from '../devhost/fakeGraph';
import { normalizeFixture, type Fixture } from '../devhost/fixture';
import { guid, BENCH_GRAPH_TOKEN, serve } from './benchTools';

/**
 * The daily scan at the request limit: `sc-expiry scan --publish` over 50 projects × 20 connections against
 * the local host's fake Azure DevOps (history paged as the service pages it) and fake Graph, run as a
 * schedule runs it: a first scan (no snapshot yet), the next day (usage in the snapshots is fresh), and
 * eight days later (usage stale, two new runs per connection since). Azure DevOps requests are counted by
 * method and kind of path; reading and publishing are shown apart.
 */

const PROJECTS = 50;
const PER_PROJECT = 20;
/** Runs in the 60 days before the first scan: most connections deploy weekly, one in ten a few times a day. */
const RUNS = 5;
const BUSY_RUNS = 150;
const busy = (n: number) => n % 10 === 0;
const DAY = 86_400_000;
const BASE_MS = Date.parse('2026-12-01T06:00:00Z');
const TENANTS = [guid('11111111', 1), guid('22222222', 2)];

/** A ServiceEndpointExecutionRecord as the REST API returns it (plain REST: ISO dates, camelCase result). */
function record(endpointId: string, id: number, definition: number, atMs: number) {
  return {
    endpointId,
    data: {
      id,
      planType: 'Build',
      definition: { id: definition, name: `pipeline-${definition}` },
      owner: { id, name: `run-${id}` },
      ownerDetails: '',
      startTime: new Date(atMs - 600_000).toISOString(),
      finishTime: new Date(atMs).toISOString(),
      result: 'succeeded',
    },
  };
}

function world(): { fixture: Fixture; nextRecordId: () => number } {
  const projects = Array.from({ length: PROJECTS }, (_, p) => ({ id: guid('9a9a9a9a', p), name: `project-${p}` }));
  const endpoints: unknown[] = [];
  const applications: unknown[] = [];
  const executionHistory: Record<string, unknown[]> = {};
  let recordId = 1000;
  projects.forEach((project, p) => {
    for (let i = 0; i < PER_PROJECT; i++) {
      const n = p * PER_PROJECT + i;
      const id = guid('cccccccc', n);
      const appId = guid('aaaaaaaa', n);
      endpoints.push({
        id,
        name: `conn-${n}`,
        type: 'azurerm',
        isReady: true,
        authorization: {
          scheme: 'ServicePrincipal',
          parameters: { tenantid: TENANTS[n % 2], serviceprincipalid: appId, authenticationType: 'spnKey' },
        },
        data: { creationMode: 'Automatic', environment: 'AzureCloud' },
        creationDate: new Date(BASE_MS - 400 * DAY).toISOString(),
        modificationDate: new Date(BASE_MS - 60 * DAY).toISOString(),
        serviceEndpointProjectReferences: [{ projectReference: project, name: `conn-${n}` }],
      });
      applications.push({
        id: guid('dddddddd', n),
        appId,
        displayName: `app-${n}`,
        passwordCredentials: [
          {
            keyId: guid('ffffffff', n),
            startDateTime: new Date(BASE_MS - 60 * DAY).toISOString(),
            endDateTime: new Date(BASE_MS + ((n % 90) + 5) * DAY).toISOString(),
          },
        ],
      });
    }
  });
  // Runs spread over the last 60 days, oldest first: ids grow with time, as the service's do.
  for (let k = BUSY_RUNS; k >= 1; k--)
    endpoints.forEach((e, n) => {
      const id = (e as { id: string }).id;
      const runs = busy(n) ? BUSY_RUNS : RUNS;
      if (k > runs) return;
      const at = BASE_MS - (k * 60 * DAY) / (runs + 1);
      (executionHistory[id] ??= []).push(record(id, ++recordId, 100 + (n % 3), at));
    });
  const fixture = normalizeFixture({
    project: projects[0],
    projects,
    organization: 'bench',
    endpoints,
    applications,
    executionHistory,
    snapshot: 'none',
  });
  return { fixture, nextRecordId: () => ++recordId };
}

/** Request kinds, by method: what the figures are made of. */
function kindOf(req: IncomingMessage): string {
  const path = new URL(req.url ?? '/', 'http://bench').pathname.toLowerCase();
  const method = req.method ?? 'GET';
  if (path.includes('/executionhistory')) return `${method} history page`;
  if (path.includes('/serviceendpoint/endpoints')) return `${method} endpoint list`;
  if (path.includes('/_apis/projects')) return `${method} project list`;
  if (path.includes('/documents') && method !== 'GET') return `${method} snapshot write`;
  if (/\/documents$/.test(path)) return 'GET snapshot list';
  if (path.includes('/documents/')) return 'GET snapshot';
  return `${method} other`;
}

interface Figure {
  name: string;
  kinds: Map<string, number>;
  /** Execution records the history pages carried. */
  records: number;
  ms: number;
  code: number;
  /** Per connection id, its last use as the report says it. */
  lastUse: Map<string, string | null>;
}

const reads = (f: Figure) => [...f.kinds].filter(([k]) => k.startsWith('GET ')).reduce((n, [, v]) => n + v, 0);
const writes = (f: Figure) => [...f.kinds].filter(([k]) => !k.startsWith('GET ')).reduce((n, [, v]) => n + v, 0);
const parts = (f: Figure) =>
  [...f.kinds]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');

export async function benchUsage(): Promise<string[]> {
  const { fixture, nextRecordId } = world();
  let nowMs = BASE_MS;
  const devops = createFakeDevOps(fixture, { now: () => nowMs });
  const graph = createFakeGraph(fixture, { now: () => nowMs });
  let kinds = new Map<string, number>();
  let records = 0;
  const counted = (req: IncomingMessage, res: ServerResponse) => {
    const kind = kindOf(req);
    if (req.method !== 'OPTIONS') kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (kind === 'GET history page') {
      const end = res.end.bind(res) as (body?: unknown) => ServerResponse;
      res.end = ((body?: unknown) => {
        records += (JSON.parse(String(body ?? '{}')) as { count?: number }).count ?? 0;
        return end(body);
      }) as typeof res.end;
    }
    devops.handle(req, res);
  };
  const [ado, g] = await Promise.all([serve(counted), serve(graph.handle)]);
  const env = { AZURE_DEVOPS_EXT_PAT: FAKE_ADO_TOKEN, GRAPH_ACCESS_TOKEN: BENCH_GRAPH_TOKEN };
  const scan = async (name: string, extra: string[] = []): Promise<Figure> => {
    kinds = new Map();
    records = 0;
    let stdout = '';
    const argv = ['scan', '--org', `${ado.url}/bench`, '--graph-url', g.url, '--format', 'json', '--publish'];
    const started = performance.now();
    const code = await run([...argv, '--fail-on', 'none', ...extra], env, {
      stdout: { write: (text: string) => ((stdout += text), true) },
      stderr: { write: () => true },
      now: () => nowMs,
    });
    const ms = performance.now() - started;
    const report = JSON.parse(stdout) as { connections: { id: string; usedBy: { lastUsedAt: string }[] | null }[] };
    const lastUse = new Map(report.connections.map((c) => [c.id, c.usedBy?.[0]?.lastUsedAt ?? null]));
    return { name, kinds, records, ms, code, lastUse };
  };
  try {
    const figures: Figure[] = [];
    figures.push(await scan('first scan (no snapshot)'));
    nowMs = BASE_MS + DAY;
    figures.push(await scan('daily scan (usage fresh)'));
    nowMs = BASE_MS + 9 * DAY;
    // New runs since the first scan (two, or twenty on a busy connection): stale usage is read since its newest.
    for (let k = 1; k <= 20; k++)
      fixture.endpoints.forEach((e, n) => {
        const id = (e as { id: string }).id;
        const at = BASE_MS + (k * 8 * DAY) / 21;
        if (k <= 2 || busy(n)) fixture.executionHistory[id].push(record(id, nextRecordId(), 100, at));
      });
    const stale = await scan('8 days on (usage stale)');
    figures.push(stale);
    // The same day with every history read whole (today's way): the incremental reading must say the same.
    const whole = await scan('same day, --usage always', ['--usage', 'always']);
    figures.push(whole);
    const same = [...whole.lastUse].every(([id, at]) => at !== null && stale.lastUse.get(id) === at);
    const connections = PROJECTS * PER_PROJECT;
    const [first, daily] = figures;
    return [
      `Usage history: ${PROJECTS} projects × ${PER_PROJECT} connections (${connections}; ${RUNS} runs each in 60 days, one in ten ${BUSY_RUNS}), sc-expiry scan --publish against the local host's fakes`,
      ...figures.map(
        (f) =>
          `  ${f.name.padEnd(26)}: ${reads(f)} Azure DevOps reads + ${writes(f)} snapshot writes (${parts(f)}); ${f.records} execution records; ${f.ms.toFixed(0)} ms, exit ${f.code}`,
      ),
      `  goals                     : daily reads ${reads(daily)} ≤ 60: ${reads(daily) <= 60 ? 'yes' : 'NO'}; first scan ${first.kinds.get('GET history page') ?? 0} history pages for ${connections} connections × 1 project: ${first.kinds.get('GET history page') === connections ? 'yes' : 'NO'}; stale usage read since the newest known run says what a whole read says: ${same ? 'yes' : 'NO'}`,
    ];
  } finally {
    await Promise.all([ado.close(), g.close()]);
  }
}

if (require.main === module) {
  benchUsage().then(
    (lines) => console.log(lines.join('\n')),
    (e: unknown) => {
      console.error(`bench failed: ${(e as Error)?.message ?? e}`);
      process.exitCode = 1;
    },
  );
}
