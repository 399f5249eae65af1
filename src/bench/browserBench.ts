import { existsSync } from 'fs';
import { join } from 'path';
import type { Browser, Frame } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../devhost/chromium';
import { verdictsSettledAt } from '../devhost/pageProbes';
import { startLocalHost, type LocalHost } from '../devhost/server';
import { APPS, CONNECTIONS, generateBenchFixture } from './benchFixture';
import { packageRoot } from '../devhost/staticFiles';

/**
 * The real hub bundle with 2,000 connections in headless Chromium inside the local host, Graph answering
 * after a fixed latency: time to the first row, time to every verdict, and a filter keystroke.
 */

const GRAPH_LATENCY_MS = 30;
const FILTER = 'input[aria-label="Filter connections by keyword"]';
interface FirstRowProbe {
  firstRowAt: number;
  graphAnswersBefore: number;
  /** Milestones of the hub's frame, epoch ms: its navigation start, hub JS loaded, endpoint list received. */
  frameStart: number;
  scriptLoaded: number;
  endpointsLoaded: number;
  /** The hub's own marks (epoch ms; 0 when absent): response headers in, JSON parsed, handed to the hub,
   *  parsed into connections, verdicts and rows built, rows filtered and sorted. */
  marks: Record<string, number>;
}

const MARKS = ['list-received', 'list-deserialized', 'list-handed-over', 'list-parsed', 'rows-built', 'rows-sorted'];

/** Runs in every frame before its scripts: the hub's frame records when its first row appears. */
function firstRowProbe({ graphOrigin, marks }: { graphOrigin: string; marks: string[] }): void {
  if (!location.pathname.endsWith('/hub.html')) return;
  const probe: FirstRowProbe = {
    firstRowAt: 0,
    graphAnswersBefore: -1,
    frameStart: performance.timeOrigin,
    scriptLoaded: 0,
    endpointsLoaded: 0,
    marks: {},
  };
  (window as unknown as { __bench: FirstRowProbe }).__bench = probe;
  const observer = new MutationObserver(() => {
    if (!document.querySelector('tr[data-connection-id]')) return;
    probe.firstRowAt = performance.timeOrigin + performance.now();
    observer.disconnect();
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const end = (re: RegExp) => {
      const hit = resources.find((e) => re.test(e.name));
      return hit ? performance.timeOrigin + hit.responseEnd : 0;
    };
    probe.graphAnswersBefore = resources.filter((e) => e.name.startsWith(graphOrigin)).length;
    probe.scriptLoaded = end(/\/hub\.[0-9a-f]+\.js$/);
    probe.endpointsLoaded = end(/\/_apis\/serviceendpoint\/endpoints/i);
    const markAt = (name: string) => {
      const m = performance.getEntriesByName(name)[0];
      return m ? performance.timeOrigin + m.startTime : 0;
    };
    for (const name of marks) probe.marks[name] = markAt(`sce:${name}`);
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-connection-id'],
  });
}

/** Types one character into the filter; ms until the count line changes (DOM) and until the next frame. */
export async function keystroke(frame: Frame, text: string): Promise<{ dom: number; frame: number; count: string }> {
  return frame.evaluate(
    ({ selector, text }) =>
      new Promise<{ dom: number; frame: number; count: string }>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>(selector);
        const count = () => document.querySelector('.sce-count')?.textContent ?? '';
        if (!input) return reject(new Error('no filter field'));
        const before = count();
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        let dom = -1;
        const done = () =>
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ dom, frame: performance.now() - t0, count: count() })),
          );
        const observer = new MutationObserver(() => {
          if (dom >= 0 || count() === before) return;
          dom = performance.now() - t0;
          observer.disconnect();
          done();
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const t0 = performance.now();
        setValue?.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => {
          if (dom < 0) {
            observer.disconnect();
            reject(new Error(`the count did not change after typing "${text}"`));
          }
        }, 5000);
      }),
    { selector: FILTER, text },
  );
}

export const ms = (n: number) => `${Math.round(n)} ms`;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
export const spread = (xs: number[]) =>
  `median ${ms(median(xs))} (${xs.length} runs: ${xs.map((x) => Math.round(x)).join(', ')} ms)`;

/** The hub's own work once its endpoint list has arrived, step by step (ms), from one load's probe. */
function afterList(p: FirstRowProbe): { total: number; steps: [string, number][] } {
  const m = p.marks;
  const at = [
    ['JSON parse', m['list-deserialized']],
    ['hand-over', m['list-handed-over']],
    ['endpoint parse', m['list-parsed']],
    ['verdicts + rows', m['rows-built']],
    ['filter + sort', m['rows-sorted']],
    ['first render', p.firstRowAt],
  ] as [string, number][];
  let previous = p.endpointsLoaded;
  const steps: [string, number][] = [];
  for (const [name, t] of at) {
    if (!t || !previous) continue;
    steps.push([name, t - previous]);
    previous = t;
  }
  return { total: p.firstRowAt - p.endpointsLoaded, steps };
}

function afterListLine(loads: { probe: FirstRowProbe }[]): string {
  const splits = loads.map((l) => afterList(l.probe));
  const names = splits[0].steps.map(([n]) => n);
  const parts = names.map((n) => `${n} ${ms(median(splits.map((s) => s.steps.find(([x]) => x === n)?.[1] ?? 0)))}`);
  return `  after the list arrives: ${spread(splits.map((s) => s.total))} = ${parts.join(' + ')} (medians; target ≤ 150 ms)`;
}

const LOADS = 5;
const KEY_CYCLES = 5;

interface Load {
  firstRow: number;
  allVerdicts: number;
  probe: FirstRowProbe;
  navigationStart: number;
  graphRequests: number;
  total: string;
  frame: Frame;
  /** Closes the tab: its snapshot write and history reads must not run beside the next load's. */
  close(): Promise<void>;
}

/** One fresh page load of the host page; times are from its navigation start. */
async function load(browser: Browser, host: LocalHost): Promise<Load> {
  const before = host.graphStats.requests;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(firstRowProbe, { graphOrigin: host.graphUrl, marks: MARKS });
  const page = await context.newPage();
  await page.goto(host.url);
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  const frame = await (await page.waitForSelector('#extension-frame')).contentFrame();
  if (!frame) throw new Error('no extension frame');
  await frame.waitForSelector('tr[data-connection-id]', { timeout: 30_000 });
  const probe = await frame.evaluate(() => (window as unknown as { __bench: FirstRowProbe }).__bench);
  // Polled on every animation frame inside the page, so the instant is the page's own, not a round trip's.
  const verdictsAt = await frame.waitForFunction(verdictsSettledAt, 'refresh', { polling: 'raf', timeout: 60_000 });
  return {
    firstRow: probe.firstRowAt - navigationStart,
    allVerdicts: (await verdictsAt.jsonValue()) - navigationStart,
    probe,
    navigationStart,
    graphRequests: host.graphStats.requests - before,
    total: (await frame.textContent('.sce-count')) ?? '',
    frame,
    close: () => context.close(),
  };
}

/** `npm run bench` section: printable lines. */
export async function benchBrowser(): Promise<string[]> {
  const title = `Hub in Chromium: ${CONNECTIONS.toLocaleString('en-US')} connections, ~${APPS.toLocaleString('en-US')} apps, 4 tenants, Graph latency ${GRAPH_LATENCY_MS} ms`;
  if (!existsSync(CHROMIUM))
    return [title, `  skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`];
  const distDir = join(packageRoot(__dirname), 'dist');
  if (!existsSync(join(distDir, 'hub.html')))
    return [title, `  skipped: ${distDir}/hub.html not found; run "npx webpack --mode production" first`];

  const { chromium } = await import('playwright-core');
  const fixture = generateBenchFixture();
  let host: LocalHost | null = null;
  let browser: Browser | null = null;
  try {
    host = await startLocalHost({ fixture, port: 0, distDir, graphLatencyMs: GRAPH_LATENCY_MS });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      await loads[i - 1]?.close();
      loads.push(await load(browser, host));
    }
    const last = loads[loads.length - 1];
    const { probe, navigationStart } = last;
    const since = (t: number) => (t ? ms(t - navigationStart) : 'n/a');

    // A key that narrows all 2,000 rows, then Backspace that brings them all back, a few times over.
    await last.frame.focus(FILTER);
    const narrow: number[] = [];
    const narrowFrame: number[] = [];
    const widen: number[] = [];
    const widenFrame: number[] = [];
    let narrowed = '';
    for (let i = 0; i < KEY_CYCLES; i++) {
      const down = await keystroke(last.frame, 'w');
      const back = await keystroke(last.frame, '');
      narrow.push(down.dom);
      narrowFrame.push(down.frame);
      widen.push(back.dom);
      widenFrame.push(back.frame);
      narrowed = down.count;
    }
    return [
      title,
      `  time to first row     : ${spread(loads.map((l) => l.firstRow))}, from the host page's navigation start (target < 2000 ms)`,
      `    last run: hub frame starts ${since(probe.frameStart)}, hub JS loaded ${since(probe.scriptLoaded)}, connection list received ${since(probe.endpointsLoaded)}, first row ${since(probe.firstRowAt)}; Graph answers by then: ${probe.graphAnswersBefore}`,
      afterListLine(loads),
      `  time to all verdicts  : ${spread(loads.map((l) => l.allVerdicts))} (${last.total})`,
      `  filter keystroke "w"  : ${ms(median(narrow))} to the DOM (max ${ms(Math.max(...narrow))}), ${ms(median(narrowFrame))} to the next frame (max ${ms(Math.max(...narrowFrame))}); ${narrowed}; target < 100 ms`,
      `  Backspace to all rows : ${ms(median(widen))} to the DOM (max ${ms(Math.max(...widen))}), ${ms(median(widenFrame))} to the next frame (max ${ms(Math.max(...widenFrame))}); medians of ${KEY_CYCLES}`,
      `  Graph HTTP requests   : ${loads[0].graphRequests} per page load (${host.graphStats.batches / LOADS} $batch, ${host.graphStats.lookups / LOADS} lookups; at most ${host.graphStats.maxInFlight} in flight)`,
    ];
  } finally {
    await browser?.close();
    await host?.close();
  }
}
