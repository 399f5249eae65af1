import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { lookupApps } from '../adapters/graph/credentialsClient';
import { queriesFor } from '../core/graphQueries';
import { parseEndpoint } from '../core/endpoint';
import { createFakeGraph } from '../devhost/fakeGraph';
import { normalizeFixture } from '../devhost/fixture';

/** 1,000 connections over 600 apps in 3 tenants against a fake Graph with fixed latency. */

const CONNECTIONS = 1000;
const APPS = 600;
const TENANTS = [
  '11111111-0000-4000-8000-000000000001',
  '22222222-0000-4000-8000-000000000002',
  '33333333-0000-4000-8000-000000000003',
];
const LATENCY_MS = 20;

const appId = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;

function makeWorld() {
  const applications = Array.from({ length: APPS }, (_, i) => ({
    id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`,
    appId: appId(i),
    displayName: `app-${i}`,
    passwordCredentials: [
      { keyId: `k${i}`, startDateTime: '2026-09-01T00:00:00Z', endDateTime: '2026-12-01T00:00:00Z', hint: 'abc' },
    ],
  }));
  const endpoints = Array.from({ length: CONNECTIONS }, (_, i) => {
    const app = i % APPS;
    return {
      id: `cccccccc-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `conn-${i}`,
      type: 'azurerm',
      authorization: {
        scheme: 'ServicePrincipal',
        parameters: { serviceprincipalid: appId(app), tenantid: TENANTS[app % 3], authenticationType: 'spnKey' },
      },
      data: { creationMode: 'Automatic', environment: 'AzureCloud' },
      modificationDate: '2026-09-01T00:00:00Z',
    };
  });
  return { fixture: normalizeFixture({ endpoints, applications }), connections: endpoints.map(parseEndpoint) };
}

async function withFakeGraph<T>(
  run: (url: string, stats: ReturnType<typeof createFakeGraph>['stats']) => Promise<T>,
): Promise<T> {
  const { fixture } = makeWorld();
  const graph = createFakeGraph(fixture, { latencyMs: LATENCY_MS });
  const server = createServer(graph.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await run(url, graph.stats);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function benchGraph(): Promise<string[]> {
  const { connections } = makeWorld();
  const distinctPerTenant = TENANTS.map(
    (t) => new Set(connections.filter((c) => c.tenantId === t).map((c) => c.appId)).size,
  );
  const expected = distinctPerTenant.reduce((sum, n) => sum + Math.ceil(n / 20), 0);

  const batched = await withFakeGraph(async (url, stats) => {
    const start = performance.now();
    const results = await lookupApps(queriesFor(connections), {
      getToken: async (t) => `bench-${t}`,
      graphRootFor: () => url,
    });
    return {
      ms: performance.now() - start,
      requests: stats.requests,
      found: [...results.values()].filter((r) => r.kind === 'found').length,
    };
  });
  const naive = await withFakeGraph(async (url, stats) => {
    const start = performance.now();
    for (const c of connections) {
      const response = await fetch(
        `${url}/v1.0/applications(appId='${c.appId}')?$select=id,appId,displayName,passwordCredentials`,
        {
          headers: { Authorization: `Bearer bench-${c.tenantId}` },
        },
      );
      await response.json();
    }
    return { ms: performance.now() - start, requests: stats.requests };
  });
  return [
    `Graph lookups: ${CONNECTIONS} connections, ${APPS} distinct apps in ${TENANTS.length} tenants, fake Graph latency ${LATENCY_MS} ms`,
    `  batched client : ${batched.requests} HTTP requests (expected ceil(apps per tenant / 20) summed = ${expected}), ${batched.ms.toFixed(0)} ms, ${batched.found} apps found`,
    `  naive GET loop : ${naive.requests} HTTP requests, ${naive.ms.toFixed(0)} ms`,
    `  ratio          : ${(naive.requests / batched.requests).toFixed(1)}x fewer requests, ${(naive.ms / batched.ms).toFixed(1)}x faster`,
  ];
}
