import { existsSync, readFileSync } from 'fs';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { gzipSync } from 'zlib';
import type { Browser } from 'playwright-core';
import { createDevOpsClient } from '../adapters/rest/devopsRestClient';
import { readUsage } from '../adapters/usage/readUsage';
import { CHROMIUM, CHROMIUM_ARGS } from '../devhost/chromium';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../devhost/fakeDevOps';
import { loadFixture } from '../devhost/fixture';
import { startLocalHost } from '../devhost/server';
import { packageRoot } from '../devhost/staticFiles';
import { generateBenchFixture } from './benchFixture';

/**
 * The warning surfaces: per surface, its REST requests and the time from its frame's script having
 * loaded to its content (the `sce:surface-content` mark), in headless Chromium inside the local host
 * with the demo fixture; its initial JS (gzip); and the usage map of 2,000 connections read through the
 * scanner's REST client from the fake Azure DevOps at 30 ms latency.
 */

const ROOT = packageRoot(__dirname);
const DIST = join(ROOT, 'dist');
const RUNS = 5;
const LATENCY_MS = 30;

interface Surface {
  name: string;
  path: string;
  html: string;
}

const SURFACES: Surface[] = [
  { name: 'pill (pipeline 12)', path: '/_build?definitionId=12', html: 'pill.html' },
  { name: 'run section (run 1207)', path: '/_build/results?buildId=1207', html: 'run-section.html' },
  { name: 'widget (dashboard)', path: '/_dashboards', html: 'widget.html' },
];

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Gzip size of the scripts a surface's page loads before anything else. */
export function surfaceInitialJs(html: string): { bytes: number; files: string[] } {
  const text = readFileSync(join(DIST, html), 'utf8');
  const files = [...text.matchAll(/src=["']?([^"' >]+\.js)/g)].map((m) => m[1]);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
  return { bytes, files };
}

async function measureSurfaces(browser: Browser): Promise<string[]> {
  const fixture = loadFixture(join(ROOT, 'src/devhost/fixtures/demo.json'));
  const host = await startLocalHost({ fixture, port: 0, distDir: DIST, devopsLatencyMs: LATENCY_MS });
  const lines: string[] = [];
  try {
    for (const s of SURFACES) {
      const times: number[] = [];
      const requests: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const before = host.devopsStats.requests;
        await page.goto(new URL(`/contoso/Fabrikam%20Web${s.path}`, host.url).href);
        const handle = await page.waitForSelector('#extension-frame', { state: 'attached' });
        const frame = await handle.contentFrame();
        if (!frame) throw new Error(`${s.name}: no frame`);
        await frame.waitForURL(new RegExp(s.html.replace('.', '\\.')));
        await frame.waitForFunction(() => performance.getEntriesByName('sce:surface-content').length > 0, undefined, {
          timeout: 15_000,
          polling: 10,
        });
        const ms = await frame.evaluate(() => {
          const script = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
            /\.[0-9a-f]{8}\.js$/.test(e.name),
          );
          const content = performance.getEntriesByName('sce:surface-content')[0];
          return content.startTime - (script ? script.responseEnd : 0);
        });
        requests.push(host.devopsStats.requests - before);
        times.push(ms);
        await context.close();
      }
      const js = surfaceInitialJs(s.html);
      lines.push(
        `  ${s.name.padEnd(24)} REST requests ${Math.max(...requests)} (target <= 3: snapshot, thresholds, one endpoint list) · content ${median(times).toFixed(0)} ms after its script loaded (median of ${RUNS}, max ${Math.max(...times).toFixed(0)}; target <= 300) · initial JS ${kb(js.bytes)} gzip (target <= 40 KB)`,
      );
    }
  } finally {
    await host.close();
  }
  return lines;
}

/** 2,000 connections, each with a few runs in its history and one in ten with enough to need a second page. */
async function measureUsageMap(): Promise<string[]> {
  const fixture = generateBenchFixture();
  const ids = fixture.endpoints.map((e) => String((e as { id: string }).id));
  ids.forEach((id, i) => {
    const count = i % 10 === 0 ? 150 : 3;
    fixture.executionHistory[id.toLowerCase()] = Array.from({ length: count }, (_, r) => ({
      data: {
        definition: { id: 1 + ((i + r) % 40), name: `pipeline-${1 + ((i + r) % 40)}` },
        planType: 'Build',
        owner: { id: 10_000 + r, name: `2026.${r}` },
        startTime: `{{now-${1 + r}h}}`,
        finishTime: `{{now-${r}h}}`,
        result: 'succeeded',
      },
    }));
  });
  const devops = createFakeDevOps(fixture, { latencyMs: LATENCY_MS });
  const server = createServer(devops.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const orgUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${fixture.organization}`;
  const client = createDevOpsClient({ orgUrl, authorization: async () => `Bearer ${FAKE_ADO_TOKEN}` });
  const lines = ['  usage map, 2,000 connections (10% with 150 records), fake Azure DevOps at 30 ms:'];
  try {
    for (const concurrency of [6, 16]) {
      const before = devops.stats.requests;
      const started = Date.now();
      const reading = await readUsage(
        ids,
        (id, top, token) => client.listExecutionRecords(fixture.project.name, id, top, token),
        { nowMs: Date.now(), concurrency },
      );
      const wall = Date.now() - started;
      const complete = Object.values(reading.usage).filter((u) => u.complete).length;
      lines.push(
        `    concurrency ${String(concurrency).padStart(2)}: ${devops.stats.requests - before} requests, ${(wall / 1000).toFixed(1)} s wall, ${complete}/${ids.length} histories read whole, ${Object.keys(reading.failures).length} failed`,
      );
    }
  } finally {
    server.close();
    server.closeAllConnections();
  }
  return lines;
}

export async function benchSurfaces(): Promise<string[]> {
  const out = ['Warning surfaces'];
  out.push(...(await measureUsageMap()));
  if (!existsSync(join(DIST, 'pill.html'))) return [...out, '  surfaces: dist/ not built; run the build first.'];
  if (!existsSync(CHROMIUM)) return [...out, `  surfaces in the browser: skipped, Chromium not found at ${CHROMIUM}`];
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    out.push(...(await measureSurfaces(browser)));
  } finally {
    await browser.close();
  }
  return out;
}
