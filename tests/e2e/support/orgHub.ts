import type { Frame, Page } from 'playwright-core';
import { verdictsSettledAt } from '../../../src/devhost/pageProbes';
import type { LocalHost } from '../../../src/devhost/server';

/** Driving the organization hub inside the local host (Organization settings → Connection expiry). */

export async function openOrgHub(page: Page, host: LocalHost, query = ''): Promise<Frame> {
  await page.goto(host.orgHubUrl + (query ? `?${query}` : ''));
  const handle = await page.waitForSelector('#extension-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the host page has no extension frame');
  await frame.waitForURL(/\/orgHub\.html/, { timeout: 10_000 });
  await frame.waitForSelector('tr[data-connection-id]', { timeout: 15_000 });
  return frame;
}

/** Waits until every project answered, no row waits for Graph, and Graph is done (Export enabled). */
export async function waitForOrgVerdicts(frame: Frame, timeout = 15_000): Promise<void> {
  await frame.waitForFunction(verdictsSettledAt, 'export-json', { timeout, polling: 50 });
}

/** Tiles in display order: project id, name and the counts they show. */
export async function projectTiles(frame: Frame): Promise<{ id: string; text: string }[]> {
  return frame.$$eval('[data-project-id]', (els) =>
    els.map((el) => ({ id: el.getAttribute('data-project-id') ?? '', text: el.textContent ?? '' })),
  );
}

/**
 * Chromium logs "Failed to load resource: … 403 (Forbidden)" for a refused HTTP request: a project whose
 * endpoint list the fixture refuses (projectFaults) is expected to log exactly that, on exactly its route.
 */
export function withoutRefusalOf(projectName: string, errors: string[]): string[] {
  const route = `/${encodeURIComponent(projectName)}/_apis/serviceendpoint/endpoints`;
  return errors.filter(
    (e) =>
      !(
        e.includes(route) &&
        e.endsWith('Failed to load resource: the server responded with a status of 403 (Forbidden)')
      ),
  );
}
