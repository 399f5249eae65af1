import { lookupApps, type GraphClientOptions } from '../../src/adapters/graph/credentialsClient';
import { appKey, type AppQuery } from '../../src/core/graphQueries';
import { createFakeGraph } from '../../src/devhost/fakeGraph';
import { normalizeFixture } from '../../src/devhost/fixture';
import { listen } from '../support/listen';
import { TENANT, OTHER_TENANT, application } from '../support/payloads';

const appId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function fixtureWith(ids: string[], graphFaults: Record<string, number> = {}) {
  return normalizeFixture({
    endpoints: [],
    applications: ids.map((id) =>
      application(
        [{ start: '2026-09-01T00:00:00Z', end: '2026-12-01T00:00:00Z' }],
        [{ start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' }],
        id,
      ),
    ),
    graphFaults,
  });
}

async function withGraph<T>(
  ids: string[],
  faults: Record<string, number>,
  run: (url: string, stats: ReturnType<typeof createFakeGraph>['stats']) => Promise<T>,
) {
  const graph = createFakeGraph(fixtureWith(ids, faults));
  const server = await listen(graph.handle);
  try {
    return await run(server.url, graph.stats);
  } finally {
    await server.close();
  }
}

function options(
  url: string,
  extra: Partial<GraphClientOptions> = {},
): GraphClientOptions & { waits: number[]; tokenCalls: string[] } {
  const waits: number[] = [];
  const tokenCalls: string[] = [];
  return {
    getToken: async (tenant) => {
      tokenCalls.push(tenant);
      return `token-for-${tenant}`;
    },
    graphRootFor: () => url,
    sleep: async (ms) => void waits.push(ms),
    waits,
    tokenCalls,
    ...extra,
  };
}

const query = (n: number, tenantId = TENANT, withCertificates = false): AppQuery => ({
  tenantId,
  appId: appId(n),
  environment: 'AzureCloud',
  withCertificates,
});

describe('lookupApps against a fake Graph', () => {
  it.each([
    ['45 connections over 30 apps in one tenant', Array.from({ length: 45 }, (_, i) => query(i % 30)), 2, 1],
    ['20 apps: exactly one batch', Array.from({ length: 20 }, (_, i) => query(i)), 1, 1],
    ['21 apps: two batches', Array.from({ length: 21 }, (_, i) => query(i)), 2, 1],
    [
      '25 apps in tenant A and 5 in tenant B',
      [
        ...Array.from({ length: 25 }, (_, i) => query(i)),
        ...Array.from({ length: 5 }, (_, i) => query(100 + i, OTHER_TENANT)),
      ],
      3,
      2,
    ],
    [
      'the same appId typed in different case is one lookup',
      [query(1), { ...query(1), appId: appId(1).toUpperCase() }],
      1,
      1,
    ],
  ])('%s', async (_name, queries, expectedRequests, expectedTenants) => {
    const ids = [...new Set(queries.map((q) => q.appId.toLowerCase()))];
    await withGraph(ids, {}, async (url, stats) => {
      const o = options(url);
      const results = await lookupApps(queries, o);
      expect(stats.requests).toBe(expectedRequests);
      expect(stats.lookups).toBe(ids.length);
      expect(o.tokenCalls).toHaveLength(expectedTenants);
      expect(stats.tokens.size).toBe(expectedTenants);
      expect([...results.values()].every((r) => r.kind === 'found')).toBe(true);
      expect(results.size).toBe(ids.length);
    });
  });

  it('reads certificate apps without $select (never $select=keyCredentials, throttled to 150/min/tenant)', async () => {
    await withGraph([appId(1), appId(2)], {}, async (url, stats) => {
      const results = await lookupApps([query(1), query(2, TENANT, true), query(2, TENANT, false)], options(url));
      expect(stats.paths.filter((p) => p.includes('keyCredentials'))).toEqual([]);
      expect(stats.paths.filter((p) => !p.includes('$select'))).toEqual([expect.stringContaining(appId(2))]);
      const two = results.get(appKey(TENANT, appId(2)));
      expect(two?.kind === 'found' && two.app.unreadable?.certificate).toBeUndefined();
      const one = results.get(appKey(TENANT, appId(1)));
      expect(one?.kind === 'found' && one.app.credentials.map((c) => c.kind)).toEqual(['secret']);
    });
  });

  it('maps each per-item failure to its own app and leaves the others found', async () => {
    const faults = { [appId(1)]: 403, [appId(2)]: 404, [appId(3)]: 500 };
    await withGraph([appId(0), appId(1), appId(2), appId(3)], faults, async (url, stats) => {
      const results = await lookupApps(
        [0, 1, 2, 3].map((n) => query(n)),
        options(url),
      );
      expect([0, 1, 2, 3].map((n) => results.get(appKey(TENANT, appId(n)))?.kind)).toEqual([
        'found',
        'forbidden',
        'not-found',
        'error',
      ]);
      expect(stats.requests).toBe(1);
    });
  });

  it('retries a throttled item once after its Retry-After and then serves it', async () => {
    await withGraph([appId(0), appId(1)], { [appId(1)]: 429 }, async (url, stats) => {
      const o = options(url);
      const seen: string[] = [];
      const results = await lookupApps([query(0), query(1)], { ...o, onResult: (key) => seen.push(key) });
      expect(results.get(appKey(TENANT, appId(1)))?.kind).toBe('found');
      expect(o.waits).toEqual([1000]);
      expect(stats.requests).toBe(2);
      expect(stats.lookups).toBe(3);
      expect(seen).toEqual([appKey(TENANT, appId(0)), appKey(TENANT, appId(1))]);
    });
  });

  it('gives up on endless throttling within the bounded tries and total wait', async () => {
    let requests = 0;
    const server = await listen((_req, res) => {
      requests += 1;
      res.writeHead(429, { 'Retry-After': '10', 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"TooManyRequests","message":"slow down"}}');
    });
    try {
      const o = options(server.url, { maxAttempts: 3, maxTotalWaitMs: 15_000 });
      const results = await lookupApps([query(0)], o);
      const outcome = results.get(appKey(TENANT, appId(0)));
      expect(outcome).toMatchObject({ kind: 'error', message: expect.stringMatching(/throttling/) });
      expect(requests).toBe(2);
      expect(o.waits).toEqual([10_000]);
    } finally {
      await server.close();
    }
  });

  it('times out a Graph that never answers and says so', async () => {
    const server = await listen(() => undefined);
    try {
      const results = await lookupApps([query(0)], options(server.url, { timeoutMs: 200 }));
      expect(results.get(appKey(TENANT, appId(0)))).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/did not answer within/),
      });
    } finally {
      await server.close();
    }
  });

  it('reports a batch answer that is not JSON', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>proxy error</html>');
    });
    try {
      const results = await lookupApps([query(0)], options(server.url));
      expect(results.get(appKey(TENANT, appId(0)))).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/not JSON/),
      });
    } finally {
      await server.close();
    }
  });

  it('marks a tenant without a token as no-access and still serves the other tenant', async () => {
    await withGraph([appId(0), appId(1)], {}, async (url) => {
      const results = await lookupApps([query(0), query(1, OTHER_TENANT)], {
        ...options(url),
        getToken: async (tenant) => {
          if (tenant === OTHER_TENANT) throw new Error('consent required in tenant');
          return 't';
        },
      });
      expect(results.get(appKey(OTHER_TENANT, appId(1)))).toEqual({
        kind: 'no-access',
        message: 'consent required in tenant',
      });
      expect(results.get(appKey(TENANT, appId(0)))?.kind).toBe('found');
    });
  });

  it('keeps at most `concurrency` batches in flight', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => appId(i));
    const graph = createFakeGraph(fixtureWith(ids), { latencyMs: 30 });
    const server = await listen(graph.handle);
    try {
      await lookupApps(
        ids.map((_, i) => query(i)),
        options(server.url, { concurrency: 3 }),
      );
      expect(graph.stats.requests).toBe(10);
      expect(graph.stats.maxInFlight).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('maps a whole-batch 401 to every item as forbidden, with no retry', async () => {
    let requests = 0;
    const server = await listen((_req, res) => {
      requests += 1;
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}');
    });
    try {
      const results = await lookupApps([query(0), query(1)], options(server.url));
      expect([...results.values()].map((r) => r.kind)).toEqual(['forbidden', 'forbidden']);
      expect(requests).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('redirects (issue 21 item 6)', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i from the Graph root is a Graph error on every item; the $batch body is never sent to the other host',
    async (status) => {
      const elsewhere: string[] = [];
      const other = await listen((req, res) => {
        elsewhere.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"responses":[]}');
      });
      const redirecting = await listen((_req, res) => {
        // Any 3xx with a Location, as a proxy or a hostile --graph-url could answer.
        res.writeHead(status, { Location: `${other.url}/v1.0/$batch` });
        res.end();
      });
      try {
        const results = await lookupApps([query(1), query(2)], options(redirecting.url));
        expect(elsewhere).toEqual([]);
        for (const n of [1, 2]) {
          const outcome = results.get(appKey(TENANT, appId(n)));
          expect(outcome?.kind).toBe('error');
          expect(outcome && 'message' in outcome ? outcome.message : '').toBe(
            `Microsoft Graph at ${new URL(redirecting.url).host} answered a redirect (${status}) to ${new URL(other.url).host}: not followed, so the request was not sent elsewhere`,
          );
        }
      } finally {
        await redirecting.close();
        await other.close();
      }
    },
  );

  it('a browser-style opaque redirect (status 0) is the same error', async () => {
    // What fetch(…, {redirect: 'manual'}) resolves to in a browser: type opaqueredirect, status 0.
    const opaque = async () =>
      ({
        ok: false,
        status: 0,
        type: 'opaqueredirect',
        headers: new Headers(),
        text: async () => '',
      }) as unknown as Response;
    const results = await lookupApps([query(3)], options('https://graph.example', { fetch: opaque }));
    const outcome = results.get(appKey(TENANT, appId(3)));
    expect(outcome && 'message' in outcome ? outcome.message : '').toMatch(
      /^Microsoft Graph at graph\.example answered a redirect: not followed/,
    );
  });
});
