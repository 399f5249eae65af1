import { lookupApps } from '../../src/adapters/graph/credentialsClient';
import { fetchWithTimeout, HttpError } from '../../src/adapters/http';
import { PageGuard } from '../../src/adapters/paging';
import { Retry, waitText, type RetryPolicy } from '../../src/adapters/retry';
import { appKey } from '../../src/core/graphQueries';
import { listen } from '../support/listen';
import { application, TENANT } from '../support/payloads';

const APP_ID = '00000000-0000-4000-8000-000000000001';
const query = { tenantId: TENANT, appId: APP_ID, environment: 'AzureCloud', withCertificates: false };
const POLICY: RetryPolicy = { attempts: 4, budgetMs: 30_000, baseMs: 500 };

describe('the one retry policy', () => {
  it.each([
    ['no Retry-After: backoff doubles', [null, null, null], [500, 1000, 2000], null],
    ['Retry-After within the budget is honoured', [2_000, 5_000], [2_000, 5_000], null],
    ['the fourth failure ends it', [1, 1, 1, 1], [1, 1, 1], /Microsoft Graph kept throttling after 4 tries/],
    [
      'Retry-After beyond the budget ends it at once, with how long it asked',
      [120_000],
      [],
      /^Microsoft Graph is throttling: it asked to wait 2 min, more than the 30 s we wait in all; try again later$/,
    ],
    [
      'Retry-After beyond what is left of the budget',
      [20_000, 15_000],
      [20_000],
      /it asked to wait 15 s, more than the 30 s we wait in all/,
    ],
  ])('%s', async (_name, asked, expectedWaits, giveUp) => {
    const waits: number[] = [];
    const retry = new Retry(POLICY, 'Microsoft Graph', { sleep: async (ms) => void waits.push(ms) });
    let message: string | null = null;
    for (const ms of asked) {
      const step = retry.next(ms);
      if (!step.retry) {
        message = step.message;
        break;
      }
      await retry.wait(step.waitMs);
    }
    expect(waits).toEqual(expectedWaits);
    if (giveUp) expect(message).toMatch(giveUp);
    else expect(message).toBeNull();
  });

  it.each([
    [1_500, '1.5 s'],
    [45_000, '45 s'],
    [600_000, '10 min'],
    [5_400_000 * 2, '3 h 0 min'],
  ])('waitText(%d) is %s', (ms, text) => expect(waitText(ms)).toBe(text));
});

describe('paging guard', () => {
  const ids = (...n: number[]) => n.map((i) => ({ id: `p${i}` }));
  it.each([
    [
      'honest pages',
      [
        [ids(1, 2), 'a'],
        [ids(3, 4), 'b'],
        [ids(5), null],
      ],
      null,
      5,
    ],
    [
      'a repeated token',
      [
        [ids(1, 2), 'a'],
        [ids(3, 4), 'a'],
      ],
      /same continuation token twice after page 2/,
      4,
    ],
    [
      'a page with nothing new',
      [
        [ids(1, 2), 'a'],
        [ids(1, 2), 'b'],
      ],
      /page with no new projects after page 2/,
      2,
    ],
    [
      'overlapping pages are de-duplicated by id',
      [
        [ids(1, 2), 'a'],
        [ids(2, 3), null],
      ],
      null,
      3,
    ],
    [
      'an empty last page is the end',
      [
        [ids(1), 'a'],
        [[], null],
      ],
      null,
      1,
    ],
  ] as const)('%s', (_name, pages, stop, kept) => {
    const guard = new PageGuard('projects', 'dev.azure.com');
    let total = 0;
    let reason: string | null = null;
    for (const [page, next] of pages) {
      const fresh = guard.keepNew([...page], (p) => p.id);
      total += fresh.length;
      reason = guard.stopReason(page.length, fresh.length, next);
      if (reason) break;
    }
    expect(total).toBe(kept);
    if (stop) expect(reason).toMatch(stop);
    else expect(reason).toBeNull();
  });

  it('stops after the page limit', () => {
    const guard = new PageGuard('projects', 'dev.azure.com', 3);
    let reason: string | null = null;
    for (let i = 0; i < 10 && !reason; i++)
      reason = guard.stopReason(1, guard.keepNew([{ id: `p${i}` }], (p) => p.id).length, `t${i}`);
    expect(reason).toMatch(/more than 3 pages of projects/);
  });
});

describe('Graph client: bounded and honest waiting', () => {
  it('says Graph is throttling and for how long when its Retry-After exceeds the budget, without waiting', async () => {
    // A 200 batch holding a 429 item with Retry-After (Graph JSON batching: each item has its own status).
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ responses: [{ id: '0', status: 429, headers: { 'Retry-After': '300' }, body: {} }] }));
    });
    const waits: number[] = [];
    try {
      const results = await lookupApps([query], {
        getToken: async () => 'token',
        graphRootFor: () => server.url,
        sleep: async (ms) => void waits.push(ms),
      });
      expect(results.get(appKey(TENANT, APP_ID))).toEqual({
        kind: 'error',
        message:
          'Microsoft Graph is throttling: it asked to wait 5 min, more than the 30 s we wait in all; try again later',
      });
      expect(waits).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('times out a Graph that sends its headers and then stalls the body', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"responses": ['); // and never ends
    });
    try {
      const results = await lookupApps([query], {
        getToken: async () => 'token',
        graphRootFor: () => server.url,
        timeoutMs: 150,
        maxAttempts: 1,
      });
      expect(results.get(appKey(TENANT, APP_ID))).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/did not answer within 150 ms/),
      });
    } finally {
      await server.close();
    }
  });

  it('cancels the requests in flight when its signal aborts, and settles nothing', async () => {
    const seen: AbortSignal[] = [];
    const settled: string[] = [];
    const controller = new AbortController();
    const reading = lookupApps([query], {
      getToken: async () => 'token',
      graphRootFor: () => 'https://graph.test',
      fetch: (_url, init) => {
        seen.push(init?.signal as AbortSignal);
        return new Promise(() => undefined); // never answers
      },
      onResult: (key) => void settled.push(key),
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
    expect(seen[0].aborted).toBe(true);
    expect(settled).toEqual([]);
  });

  it('a timeout is an HttpError without status; a cancel is an AbortError', async () => {
    const stalled = () => new Promise<Response>(() => undefined);
    await expect(fetchWithTimeout(stalled, 'https://graph.test/x', {}, 30)).rejects.toBeInstanceOf(HttpError);
    const controller = new AbortController();
    const call = fetchWithTimeout(stalled, 'https://graph.test/x', {}, 10_000, controller.signal);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reads an app once Graph answers after one short Retry-After', async () => {
    let calls = 0;
    const server = await listen((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const item =
        calls === 1
          ? { id: '0', status: 429, headers: { 'retry-after': '2' }, body: {} }
          : {
              id: '0',
              status: 200,
              body: application([{ start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' }], [], APP_ID),
            };
      res.end(JSON.stringify({ responses: [item] }));
    });
    const waits: number[] = [];
    try {
      const results = await lookupApps([query], {
        getToken: async () => 'token',
        graphRootFor: () => server.url,
        sleep: async (ms) => void waits.push(ms),
      });
      expect(results.get(appKey(TENANT, APP_ID))?.kind).toBe('found');
      expect(waits).toEqual([2_000]);
      expect(calls).toBe(2);
    } finally {
      await server.close();
    }
  });
});
