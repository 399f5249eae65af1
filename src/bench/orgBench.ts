import { existsSync } from 'fs';
import { join } from 'path';
import type { Browser, Frame } from 'playwright-core';
import { parseEndpoint } from '../core/endpoint';
import { appKey, queriesFor } from '../core/graphQueries';
import { CHROMIUM, CHROMIUM_ARGS } from '../devhost/chromium';
import type { Fixture } from '../devhost/fixture';
import { verdictsSettledAt } from '../devhost/pageProbes';
import { startLocalHost, type LocalHost } from '../devhost/server';
import { packageRoot } from '../devhost/staticFiles';
import { generateBenchFixture } from './benchFixture';
import { keystroke, median, ms, spread } from './browserBench';

/**
 * The organization hub's bundle in headless Chromium inside the local host: 200 projects of 10 connections
 * (~1,200 apps in 4 tenants), Azure DevOps and Graph both answering after 30 ms. Times are from the host
 * page's navigation start: first row, every Azure DevOps row, every verdict; Graph requests for the whole
 * organization against Σ ceil(apps per tenant / 20); a filter keystroke on 2,000 rows.
 */

const PROJECTS = 200;
const PER_PROJECT = 10;
const LATENCY_MS = 30;
const LOADS = 3;
const FILTER = 'input[aria-label="Filter connections by keyword"]';

/** The 2,000-connection bench fixture spread over 200 projects; every 25th connection is shared with the next project. */
export function generateOrgFixture(): Fixture {
  const base = generateBenchFixture(PROJECTS * PER_PROJECT);
  const projects = Array.from({ length: PROJECTS }, (_, i) => ({
    id: `9a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Project ${String(i + 1).padStart(3, '0')}`,
  }));
  const endpoints = base.endpoints.map((e, i) => {
    const raw = e as Record<string, unknown>;
    const p = Math.floor(i / PER_PROJECT);
    const refs = [projects[p], ...(i % 25 === 0 ? [projects[(p + 1) % PROJECTS]] : [])].map((project) => ({
      description: '',
      name: raw.name,
      projectReference: project,
    }));
    return { ...raw, isShared: refs.length > 1, serviceEndpointProjectReferences: refs };
  });
  return { ...base, project: projects[0], projects, endpoints };
}

/** What the issue allows: one $batch per 20 distinct apps of a tenant, for the whole organization. */
function expectedGraphRequests(fixture: Fixture): number {
  const perTenant = new Map<string, Set<string>>();
  for (const q of queriesFor(fixture.endpoints.map(parseEndpoint))) {
    const set = perTenant.get(q.tenantId) ?? new Set<string>();
    set.add(appKey(q.tenantId, q.appId));
    perTenant.set(q.tenantId, set);
  }
  return [...perTenant.values()].reduce((n, apps) => n + Math.ceil(apps.size / 20), 0);
}

interface OrgLoad {
  firstRow: number;
  allDevOps: number;
  allVerdicts: number;
  graphRequests: number;
  frame: Frame;
  /** Closes the tab: its snapshot writes and history reads must not run beside the next load's. */
  close(): Promise<void>;
}

/** Runs in every frame before its scripts: the organization hub's frame records its first row. */
function orgProbe(): void {
  if (!location.pathname.endsWith('/orgHub.html')) return;
  const probe = { firstRowAt: 0 };
  (window as unknown as { __bench: typeof probe }).__bench = probe;
  const observer = new MutationObserver(() => {
    if (!document.querySelector('tr[data-connection-id]')) return;
    probe.firstRowAt = performance.timeOrigin + performance.now();
    observer.disconnect();
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-connection-id'],
  });
}

async function load(browser: Browser, host: LocalHost, total: number): Promise<OrgLoad> {
  const before = host.graphStats.requests;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(orgProbe);
  const page = await context.newPage();
  await page.goto(host.orgHubUrl);
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  const frame = await (await page.waitForSelector('#extension-frame')).contentFrame();
  if (!frame) throw new Error('no extension frame');
  // Every project answered: the header no longer says "Reading projects" and the count is the whole organization.
  const devopsAt = await frame.waitForFunction(
    (expected) => {
      const count = document.querySelector('.sce-count')?.textContent ?? '';
      const reading = /Reading projects/.test(document.querySelector('.sce-header')?.textContent ?? 'Reading projects');
      return !reading && count === `${expected} connections` ? performance.timeOrigin + performance.now() : 0;
    },
    total,
    { polling: 'raf', timeout: 60_000 },
  );
  const verdictsAt = await frame.waitForFunction(verdictsSettledAt, 'export-json', { polling: 'raf', timeout: 60_000 });
  const probe = await frame.evaluate(() => (window as unknown as { __bench: { firstRowAt: number } }).__bench);
  return {
    firstRow: probe.firstRowAt - navigationStart,
    allDevOps: (await devopsAt.jsonValue()) - navigationStart,
    allVerdicts: (await verdictsAt.jsonValue()) - navigationStart,
    graphRequests: host.graphStats.requests - before,
    frame,
    close: () => context.close(),
  };
}

/**
 * Execution-history requests of one organization-hub visit, then of the next visit (which finds what the
 * first one wrote): the page is done once it says it saved the projects' snapshots.
 */
async function historyRequests(browser: Browser, fixture: Fixture, distDir: string): Promise<number[]> {
  const host = await startLocalHost({
    fixture,
    port: 0,
    distDir,
    graphLatencyMs: LATENCY_MS,
    devopsLatencyMs: LATENCY_MS,
  });
  try {
    const counts: number[] = [];
    for (let visit = 0; visit < 2; visit++) {
      const before = host.devopsStats.historyPages;
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(host.orgHubUrl);
      const frame = await (await page.waitForSelector('#extension-frame')).contentFrame();
      if (!frame) throw new Error('no extension frame');
      await frame.waitForFunction(
        () => /Fresh readings saved for \d+ projects/.test(document.querySelector('.sce-header')?.textContent ?? ''),
        undefined,
        { polling: 100, timeout: 120_000 },
      );
      counts.push(host.devopsStats.historyPages - before);
      await context.close();
    }
    return counts;
  } finally {
    await host.close();
  }
}

/** `npm run bench` section: printable lines. */
export async function benchOrgHub(): Promise<string[]> {
  const title = `Organization hub in Chromium: ${PROJECTS} projects × ${PER_PROJECT} connections, ~1,200 apps, 4 tenants, Azure DevOps and Graph latency ${LATENCY_MS} ms`;
  if (!existsSync(CHROMIUM))
    return [title, `  skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`];
  const distDir = join(packageRoot(__dirname), 'dist');
  if (!existsSync(join(distDir, 'orgHub.html')))
    return [title, `  skipped: ${distDir}/orgHub.html not found; run "npx webpack --mode production" first`];
  const { chromium } = await import('playwright-core');
  const fixture = generateOrgFixture();
  const expected = expectedGraphRequests(fixture);
  let host: LocalHost | null = null;
  let browser: Browser | null = null;
  try {
    host = await startLocalHost({
      fixture,
      port: 0,
      distDir,
      graphLatencyMs: LATENCY_MS,
      devopsLatencyMs: LATENCY_MS,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const loads: OrgLoad[] = [];
    for (let i = 0; i < LOADS; i++) {
      await loads[i - 1]?.close();
      loads.push(await load(browser, host, fixture.endpoints.length));
    }
    const last = loads[loads.length - 1];
    await last.frame.focus(FILTER);
    const narrow: number[] = [];
    const frames: number[] = [];
    let narrowed = '';
    for (let i = 0; i < 5; i++) {
      const down = await keystroke(last.frame, 'w');
      await keystroke(last.frame, '');
      narrow.push(down.dom);
      frames.push(down.frame);
      narrowed = down.count;
    }
    const entraBacked = fixture.endpoints.map(parseEndpoint).filter((c) => c.entraBacked && c.id).length;
    const [freshFirst] = await historyRequests(browser, fixture, distDir);
    const [noneFirst, noneNext] = await historyRequests(browser, { ...fixture, snapshot: 'none' }, distDir);
    return [
      title,
      `  time to first row      : ${spread(loads.map((l) => l.firstRow))} (target < 1500 ms)`,
      `  all Azure DevOps rows  : ${spread(loads.map((l) => l.allDevOps))} (target < 3000 ms)`,
      `  all verdicts           : ${spread(loads.map((l) => l.allVerdicts))}`,
      `  Graph HTTP requests    : ${loads.map((l) => l.graphRequests).join(', ')} per page load; Σ ceil(apps per tenant / 20) = ${expected}`,
      `  history requests       : ${freshFirst} per visit with every project's snapshot fresh; ${noneFirst} without snapshots (${entraBacked} Entra-backed connections, a shared one read once), then ${noneNext} on the next visit`,
      `  filter keystroke "w"   : ${ms(median(narrow))} to the DOM (max ${ms(Math.max(...narrow))}), ${ms(median(frames))} to the next frame; ${narrowed}; target < 100 ms`,
    ];
  } finally {
    await browser?.close();
    await host?.close();
  }
}
