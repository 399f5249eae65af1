import { readFileSync } from 'fs';
import { join } from 'path';
import type { Browser, Frame, Page } from 'playwright-core';
import { loadFixture, type Fixture } from '../../../src/devhost/fixture';
import { verdictsSettledAt } from '../../../src/devhost/pageProbes';
import { startLocalHost, type LocalHost, type LocalHostOptions } from '../../../src/devhost/server';
import { ensureDist, ROOT } from './dist';

/** Driving the real hub bundle inside the local host: open it, wait for verdicts, read rows, collect errors. */

export const DEMO = join(ROOT, 'src/devhost/fixtures/demo.json');
export const E2E_FIXTURES = join(ROOT, 'tests/e2e/fixtures');

export function fixture(name: string): Fixture {
  return loadFixture(name === 'demo' ? DEMO : join(E2E_FIXTURES, `${name}.json`));
}

/** Expected status of each demo connection, read from the table in src/devhost/fixtures/README.md. */
export function demoExpectations(): Map<string, { name: string; status: string }> {
  const readme = readFileSync(join(ROOT, 'src/devhost/fixtures/README.md'), 'utf8');
  const out = new Map<string, { name: string; status: string }>();
  const row = /^\|\s*`([^`]+)`\s*\|\s*`([0-9a-f-]{36})`\s*\|[^|]*\|\s*\*\*([a-z-]+)\*\*\s*\|/gm;
  for (const m of readme.matchAll(row)) out.set(m[2], { name: m[1], status: m[3] });
  return out;
}

/** One browser and the local hosts a test file starts; everything is closed in `close()`. */
export class HubSession {
  browser!: Browser;
  private hosts: LocalHost[] = [];
  private distDir = '';

  async start(launch: () => Promise<Browser>): Promise<void> {
    this.distDir = ensureDist();
    this.browser = await launch();
  }

  async host(f: Fixture, options: Partial<LocalHostOptions> = {}): Promise<LocalHost> {
    const host = await startLocalHost({ fixture: f, port: 0, distDir: this.distDir, ...options });
    this.hosts.push(host);
    return host;
  }

  /** A fresh page (own context: no storage shared between tests) that records console errors. */
  async page(
    viewport = { width: 1400, height: 900 },
    tolerate: ErrorTolerance = {},
  ): Promise<{ page: Page; errors: string[] }> {
    const context = await this.browser.newContext({ viewport, colorScheme: 'light', locale: 'en-US' });
    // Below jest's per-test timeout, so a stuck wait names the step that failed.
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    return { page, errors: collectErrors(page, tolerate) };
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await Promise.all(this.hosts.map((h) => h.close()));
  }
}

/**
 * The one console error that is not a fault: Chromium logs "Failed to load resource: … 404" for every
 * HTTP 404, and Azure DevOps's extension data API answers a GET of a document that was never saved
 * (per-project thresholds, the shared snapshot, an unset setting) with 404 — the hub reads them
 * optimistically and falls back to defaults. Only that exact message on that exact route is tolerated.
 */
const EXTENSION_DATA_DOCUMENT =
  /\/_apis\/ExtensionManagement\/InstalledExtensions\/[^/]+\/[^/]+\/Data\/Scopes\/[^/]+\/[^/]+\/Collections\/[^/]+\/Documents\/[^/?]+$/i;

export function isExpectedConsoleError(text: string, url: string): boolean {
  return (
    text === 'Failed to load resource: the server responded with a status of 404 (Not Found)' &&
    EXTENSION_DATA_DOCUMENT.test(url.split('?')[0])
  );
}

/**
 * Opt-in, for a test that makes writers race on purpose: extension data answers a create of an existing
 * document, or a write with a stale `__etag`, with 409, and the hub then reads, merges and writes again.
 * Only that exact message on a Documents route is tolerated, and only where the test asks for it.
 */
export interface ErrorTolerance {
  extensionDataConflicts?: boolean;
}

const EXTENSION_DATA_DOCUMENTS =
  /\/_apis\/ExtensionManagement\/InstalledExtensions\/[^/]+\/[^/]+\/Data\/Scopes\/[^/]+\/[^/]+\/Collections\/[^/]+\/Documents(\/[^/?]+)?$/i;

export function isExpectedConflict(text: string, url: string): boolean {
  return (
    text === 'Failed to load resource: the server responded with a status of 409 (Conflict)' &&
    EXTENSION_DATA_DOCUMENTS.test(url.split('?')[0])
  );
}

/** Console errors and uncaught exceptions of the host page and of every frame in it (the hub's iframe too). */
export function collectErrors(page: Page, tolerate: ErrorTolerance = {}): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    const url = msg.location().url ?? '';
    if (msg.type() !== 'error' || isExpectedConsoleError(msg.text(), url)) return;
    if (tolerate.extensionDataConflicts && isExpectedConflict(msg.text(), url)) return;
    errors.push(`console.error in ${url || 'page'}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.stack ?? err.message}`));
  return errors;
}

/** Opens the host page (optionally with a query) and returns the hub's frame once its first row is drawn. */
export async function openHub(page: Page, host: LocalHost, query = ''): Promise<Frame> {
  await page.goto(host.url + (query ? `?${query}` : ''));
  const frame = await hubFrame(page);
  await frame.waitForSelector('tr[data-connection-id]', { timeout: 15_000 });
  return frame;
}

export async function hubFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#extension-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the host page has no extension frame');
  await frame.waitForURL(/\/hub\.html/, { timeout: 10_000 });
  return frame;
}

/** Waits until every row's verdict is settled and the page is no longer busy (Refresh enabled again). */
export async function waitForVerdicts(frame: Frame, timeout = 15_000): Promise<void> {
  await frame.waitForFunction(verdictsSettledAt, 'refresh', { timeout, polling: 50 });
}

export interface RowInfo {
  id: string;
  status: string;
  pending: string | null;
  text: string;
}

/**
 * Every row of the (virtualized) table in display order: pages every scrollable ancestor of the table
 * (and the document) down until the end, collecting the rows drawn on the way, then scrolls back up.
 */
export async function allRows(frame: Frame): Promise<RowInfo[]> {
  return frame.evaluate(async () => {
    const seen = new Map<string, { id: string; status: string; pending: string | null; text: string }>();
    const settle = () =>
      new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20))));
    const scrollers = (): Element[] => {
      const out: Element[] = [];
      let el = document.querySelector('tr[data-connection-id]')?.parentElement ?? null;
      for (; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(style.overflowY)) out.push(el);
      }
      if (document.scrollingElement) out.push(document.scrollingElement);
      return out;
    };
    const collect = () => {
      for (const tr of document.querySelectorAll<HTMLElement>('tr[data-connection-id]')) {
        const id = tr.getAttribute('data-connection-id') as string;
        if (!seen.has(id))
          seen.set(id, {
            id,
            status: tr.getAttribute('data-status') ?? '',
            pending: tr.getAttribute('data-pending'),
            text: tr.textContent ?? '',
          });
      }
    };
    const list = scrollers();
    collect();
    for (let round = 0; round < 1000; round++) {
      let moved = false;
      for (const el of list) {
        const before = el.scrollTop;
        el.scrollTop = before + Math.max(100, el.clientHeight * 0.7);
        if (el.scrollTop !== before) moved = true;
      }
      if (!moved) break;
      await settle();
      collect();
    }
    for (const el of list) el.scrollTop = 0;
    await settle();
    return [...seen.values()];
  });
}

export async function statusesById(frame: Frame): Promise<Record<string, string>> {
  return Object.fromEntries((await allRows(frame)).map((r) => [r.id, r.status]));
}

/** The counts the summary bar shows, by status. */
export async function summaryCounts(frame: Frame): Promise<Record<string, number>> {
  return frame.$$eval('[data-summary-status]', (buttons) =>
    Object.fromEntries(
      buttons.map((b) => [
        b.getAttribute('data-summary-status') as string,
        Number(b.querySelector('.sce-summary-count')?.textContent ?? NaN),
      ]),
    ),
  );
}

/** Ids of the rows drawn right now, in display order. */
export async function drawnIds(frame: Frame): Promise<string[]> {
  return frame.$$eval('tr[data-connection-id]', (rows) => rows.map((r) => r.getAttribute('data-connection-id') ?? ''));
}
