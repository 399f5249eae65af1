import { existsSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Frame, Page } from 'playwright-core';
import type { LocalHost } from '../../../src/devhost/server';
import { ROOT } from './dist';

/** Driving the warning surfaces inside the local host's pipeline, run and dashboard pages. */

export const ORG_PATH = '/contoso/Fabrikam%20Web';

export function pageUrl(host: LocalHost, path: string): string {
  return new URL(`${ORG_PATH}${path}`, host.url).href;
}

/** The extension's frame on a page (hidden for the pill provider), once its document has loaded. */
export async function surfaceFrame(page: Page, file: RegExp, id = '#extension-frame'): Promise<Frame> {
  const handle = await page.waitForSelector(id, { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame ${id}`);
  await frame.waitForURL(file, { timeout: 10_000 });
  return frame;
}

/** Waits for the surface's "content is on screen" mark (set after it read the snapshot and rendered). */
export async function contentShown(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => performance.getEntriesByName('sce:surface-content').length > 0, undefined, {
    timeout: 10_000,
    polling: 25,
  });
}

export interface PillInfo {
  text: string;
  tooltip: string;
  status: string | null;
  background: string;
  connections: { id: string; status: string }[];
}

/** Opens a pipeline's page and returns the pills the host drew once the provider has answered for good. */
export async function openPipeline(page: Page, host: LocalHost, definitionId: number): Promise<PillInfo[]> {
  await page.goto(pageUrl(host, `/_build?definitionId=${definitionId}`));
  const frame = await surfaceFrame(page, /\/pill\.html/);
  await contentShown(frame);
  // The last ObservableArray event reaches the host one message later.
  await page.waitForTimeout(100);
  return pills(page);
}

export function pills(page: Page): Promise<PillInfo[]> {
  return page.$$eval('[data-surface="pill"] .pill', (nodes) =>
    nodes.map((n) => ({
      text: (n.childNodes[0]?.textContent ?? '').trim(),
      tooltip: n.getAttribute('title') ?? '',
      status: n.getAttribute('data-status'),
      background: (n as HTMLElement).style.background,
      connections: [...n.querySelectorAll('[data-connection-id]')].map((c) => ({
        id: c.getAttribute('data-connection-id') ?? '',
        status: c.getAttribute('data-status') ?? '',
      })),
    })),
  );
}

export async function openRun(page: Page, host: LocalHost, buildId: number): Promise<Frame> {
  await page.goto(pageUrl(host, `/_build/results?buildId=${buildId}`));
  const frame = await surfaceFrame(page, /\/run-section\.html/);
  await contentShown(frame);
  return frame;
}

export async function openDashboard(page: Page, host: LocalHost, query = ''): Promise<Frame> {
  await page.goto(pageUrl(host, `/_dashboards${query ? `?${query}` : ''}`));
  const frame = await surfaceFrame(page, /\/widget\.html/);
  await contentShown(frame);
  return frame;
}

/** The widget's counts by status, as drawn. */
export function widgetCounts(frame: Frame): Promise<Record<string, number>> {
  return frame.$$eval('[data-count-status]', (nodes) =>
    Object.fromEntries(
      nodes.map((n) => [
        n.getAttribute('data-count-status'),
        Number(n.querySelector('.sce-count-number')?.textContent),
      ]),
    ),
  );
}

/** Every connection a surface names. */
export function named(frame: Frame | Page): Promise<{ id: string; status: string }[]> {
  return frame.$$eval('[data-surface] [data-connection-id]', (nodes) =>
    nodes.map((n) => ({ id: n.getAttribute('data-connection-id') ?? '', status: n.getAttribute('data-status') ?? '' })),
  );
}

/**
 * A surface's screenshot for the README and overview.md: docs/<name>.png when missing or with
 * UPDATE_SCREENSHOT=1 (as docs/hub.png), else in the temp folder so the capture is still exercised.
 */
export async function saveSurfaceScreenshot(page: Page, name: string): Promise<{ path: string; bytes: number }> {
  const committed = join(ROOT, 'docs', `${name}.png`);
  const path =
    !existsSync(committed) || process.env.UPDATE_SCREENSHOT === '1' ? committed : join(tmpdir(), `${name}.png`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path, type: 'png' });
  return { path, bytes: statSync(path).size };
}
