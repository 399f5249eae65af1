import { type RequestListener } from 'http';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createDevOpsClient } from '../adapters/rest/devopsRestClient';
import { run } from '../cli/run';
import { parseEndpoint } from '../core/endpoint';
import { parseApplication } from '../core/graph';
import { summarize } from '../core/summary';
import type { Status } from '../core/types';
import { computeVerdict } from '../core/verdict';
import { createFakeGraph } from '../devhost/fakeGraph';
import { normalizeFixture } from '../devhost/fixture';
import { guid, BENCH_GRAPH_TOKEN, serve } from './benchTools';

/**
 * The org-wide figure: 200 projects × 10 connections against a fake Azure DevOps and a fake Graph
 * with a fixed latency. `sc-expiry scan` (bounded concurrency, Graph $batch) beside a sequential
 * baseline (one project after another, one Graph GET per connection).
 */

const PROJECTS = 200;
const PER_PROJECT = 10;
const LATENCY_MS = 20;
const ADO_TOKEN = 'bench-devops-token';
const DAY = 86_400_000;
const TENANTS = [guid('11111111', 1), guid('22222222', 2)];

/** Per project: 8 secret-based ARM connections (own app each), 1 workload identity, 1 generic. */
function makeWorld(nowMs: number) {
  const projects = Array.from({ length: PROJECTS }, (_, p) => ({ id: guid('9a9a9a9a', p), name: `project-${p}` }));
  const endpoints: unknown[] = [];
  const applications: unknown[] = [];
  projects.forEach((project, p) => {
    for (let i = 0; i < PER_PROJECT; i++) {
      const n = p * PER_PROJECT + i;
      const refs = [{ projectReference: project, name: `conn-${n}` }];
      const base = {
        id: guid('cccccccc', n),
        name: `conn-${n}`,
        isReady: true,
        serviceEndpointProjectReferences: refs,
      };
      if (i === 8) {
        const parameters = { tenantid: TENANTS[0], serviceprincipalid: guid('dddddddd', n) };
        endpoints.push({
          ...base,
          type: 'azurerm',
          authorization: { scheme: 'WorkloadIdentityFederation', parameters },
          data: { creationMode: 'Automatic' },
        });
      } else if (i === 9) {
        endpoints.push({
          ...base,
          type: 'generic',
          authorization: { scheme: 'UsernamePassword', parameters: {} },
          data: {},
        });
      } else {
        const appId = guid('aaaaaaaa', n);
        const end = new Date(nowMs + ((n % 120) - 10) * DAY).toISOString();
        const start = new Date(nowMs + ((n % 120) - 100) * DAY).toISOString();
        applications.push({
          id: guid('bbbbbbbb', n),
          appId,
          displayName: `app-${n}`,
          passwordCredentials: [{ keyId: guid('eeeeeeee', n), startDateTime: start, endDateTime: end }],
        });
        const parameters = { tenantid: TENANTS[n % 2], serviceprincipalid: appId, authenticationType: 'spnKey' };
        const data = { creationMode: 'Automatic', environment: 'AzureCloud' };
        endpoints.push({
          ...base,
          type: 'azurerm',
          authorization: { scheme: 'ServicePrincipal', parameters },
          data,
          modificationDate: start,
        });
      }
    }
  });
  return normalizeFixture({ project: projects[0], organization: 'bench', endpoints, applications });
}

/**
 * A lean fake Azure DevOps for the bench: pages of projects (continuation tokens) and precomputed
 * endpoint lists, so the fake's own CPU does not blur the client's figures (the local host's fake,
 * src/devhost/fakeDevOps.ts, re-renders all 2,000 endpoints per request: 4.5 s instead of 1.3 s).
 */
function leanDevOps(fixture: ReturnType<typeof makeWorld>) {
  const stats = { requests: 0 };
  const byProject = new Map<string, unknown[]>();
  for (const e of fixture.endpoints as {
    serviceEndpointProjectReferences: { projectReference: { name: string } }[];
  }[]) {
    const name = e.serviceEndpointProjectReferences[0].projectReference.name;
    byProject.set(name, [...(byProject.get(name) ?? []), e]);
  }
  const names = [...byProject.keys()];
  const bodies = new Map(
    names.map((n) => [n, JSON.stringify({ count: byProject.get(n)?.length, value: byProject.get(n) })]),
  );
  const handle: RequestListener = (req, res) => {
    stats.requests += 1;
    const url = new URL(req.url ?? '/', 'http://bench');
    const answer = (body: string, headers: Record<string, string> = {}) =>
      setTimeout(() => {
        res.writeHead(/^(Basic|Bearer) \S+/.test(req.headers.authorization ?? '') ? 200 : 401, {
          'Content-Type': 'application/json',
          ...headers,
        });
        res.end(body);
      }, LATENCY_MS);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[1] === '_apis' && parts[2] === 'projects') {
      const start = Number(url.searchParams.get('continuationToken') ?? 0);
      const top = Number(url.searchParams.get('$top') ?? 100);
      const value = names.slice(start, start + top).map((name, i) => ({ id: guid('9a9a9a9a', start + i), name }));
      const more = start + top < names.length;
      answer(
        JSON.stringify({ count: value.length, value }),
        more ? { 'x-ms-continuationtoken': String(start + top) } : {},
      );
    } else {
      answer(bodies.get(parts[1]) ?? '{"count":0,"value":[]}');
    }
  };
  return { handle, stats };
}

async function withFakes<T>(
  nowMs: number,
  body: (orgUrl: string, graphUrl: string, requests: () => { ado: number; graph: number }) => Promise<T>,
) {
  const fixture = makeWorld(nowMs);
  const ado = leanDevOps(fixture);
  const graph = createFakeGraph(fixture, { latencyMs: LATENCY_MS, now: () => nowMs });
  const adoServer = await serve(ado.handle);
  const graphServer = await serve(graph.handle);
  try {
    return await body(`${adoServer.url}/bench`, graphServer.url, () => ({
      ado: ado.stats.requests,
      graph: graph.stats.requests,
    }));
  } finally {
    await Promise.all([adoServer.close(), graphServer.close()]);
  }
}

/** The same verdicts the hard way: nothing in parallel, no batching, no dedupe. */
async function sequentialScan(orgUrl: string, graphUrl: string, nowMs: number): Promise<Status[]> {
  const client = createDevOpsClient({ orgUrl, authorization: async () => `Bearer ${ADO_TOKEN}` });
  const statuses: Status[] = [];
  for (const project of (await client.listProjects(100)).projects) {
    for (const raw of await client.listEndpoints(project.name)) {
      const connection = parseEndpoint(raw);
      let lookup;
      if (connection.schemeKind === 'secret') {
        const url = `${graphUrl}/v1.0/applications(appId='${connection.appId}')?$select=id,appId,displayName,passwordCredentials`;
        const response = await fetch(url, { headers: { Authorization: 'Bearer bench-graph-token' } });
        const app = parseApplication(await response.json());
        lookup = app ? ({ kind: 'found', app } as const) : ({ kind: 'not-found' } as const);
      }
      statuses.push(computeVerdict({ connection, lookup, nowMs }).status);
    }
  }
  return statuses;
}

export async function benchOrgScan(): Promise<string[]> {
  const nowMs = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'sc-expiry-bench-'));
  const quiet = { write: () => true };
  try {
    const real = await withFakes(nowMs, async (orgUrl, graphUrl, requests) => {
      const output = join(dir, 'report.json');
      const env = { AZURE_DEVOPS_EXT_PAT: ADO_TOKEN, GRAPH_ACCESS_TOKEN: BENCH_GRAPH_TOKEN };
      const start = performance.now();
      const code = await run(
        ['scan', '--org', orgUrl, '--graph-url', graphUrl, '--format', 'json', '--output', output],
        env,
        { stdout: quiet, stderr: quiet, now: () => nowMs },
      );
      const ms = performance.now() - start;
      const report = JSON.parse(readFileSync(output, 'utf8')) as {
        connections: { status: Status }[];
        errors: unknown[];
      };
      return {
        ms,
        code,
        ...requests(),
        statuses: report.connections.map((c) => c.status),
        errors: report.errors.length,
      };
    });
    const baseline = await withFakes(nowMs, async (orgUrl, graphUrl, requests) => {
      const start = performance.now();
      const statuses = await sequentialScan(orgUrl, graphUrl, nowMs);
      return { ms: performance.now() - start, ...requests(), statuses };
    });
    const same = JSON.stringify(summarize(real.statuses)) === JSON.stringify(summarize(baseline.statuses));
    const s = summarize(real.statuses);
    const total = (r: { ado: number; graph: number }) => r.ado + r.graph;
    return [
      `Org-wide scan: ${PROJECTS} projects × ${PER_PROJECT} connections (${real.statuses.length}), fake Azure DevOps and fake Graph at ${LATENCY_MS} ms latency`,
      `  sc-expiry scan      : ${total(real)} HTTP requests (${real.ado} Azure DevOps + ${real.graph} Graph $batch), ${real.ms.toFixed(0)} ms, exit ${real.code}, ${real.errors} errors`,
      `  sequential baseline : ${total(baseline)} HTTP requests (${baseline.ado} Azure DevOps + ${baseline.graph} Graph GET), ${baseline.ms.toFixed(0)} ms`,
      `  ratio               : ${(total(baseline) / total(real)).toFixed(1)}x fewer requests, ${(baseline.ms / real.ms).toFixed(1)}x faster; same verdicts: ${same ? 'yes' : 'NO'} (${s.expired} expired, ${s.critical} critical, ${s.warning} warning, ${s.healthy} healthy, ${s['no-secret']} no secret, ${s['not-applicable']} not applicable)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchOrgScan().then(
    (lines) => console.log(lines.join('\n')),
    (e: unknown) => {
      console.error(`bench failed: ${(e as Error)?.message ?? e}`);
      process.exitCode = 1;
    },
  );
}
