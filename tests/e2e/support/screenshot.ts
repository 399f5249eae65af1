import { mkdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ROOT } from './dist';
import { fixture, HubSession, openHub, waitForVerdicts } from './hub';

/**
 * The README screenshot: the demo in the local host, light theme, 1400×900, after every verdict.
 *
 * The e2e suite takes it on every run but only overwrites the committed docs/hub.png when it is missing
 * or UPDATE_SCREENSHOT=1 is set (the "Last checked" time changes on every run; a test run should not
 * leave the working tree dirty). Elsewhere it lands in the temp folder, so the capture is still tested.
 * By hand:
 *   UPDATE_SCREENSHOT=1 npx jest --selectProjects e2e -t screenshot
 *   npx ts-node -O '{"module":"commonjs","moduleResolution":"node"}' tests/e2e/support/screenshot.ts
 */

export const SCREENSHOT = join(ROOT, 'docs', 'hub.png');
export const VIEWPORT = { width: 1400, height: 900 };

function target(force: boolean, file: string): string {
  const committed = join(ROOT, 'docs', file);
  const missing = (() => {
    try {
      return !statSync(committed).isFile();
    } catch {
      return true;
    }
  })();
  return force || missing || process.env.UPDATE_SCREENSHOT === '1' ? committed : join(tmpdir(), file);
}

/** Captures the host page (hub verdicts already drawn) and returns where it went. */
export async function saveScreenshot(
  page: Page,
  frame: Frame,
  force = false,
  file = 'hub.png',
): Promise<{ path: string; bytes: number }> {
  const path = target(force, file);
  mkdirSync(dirname(path), { recursive: true });
  await page.mouse.move(0, 0);
  await frame.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    document.querySelectorAll('.sce-scroll').forEach((el) => (el.scrollTop = 0));
    await document.fonts.ready;
  });
  await page.screenshot({ path, type: 'png' });
  return { path, bytes: statSync(path).size };
}

async function main(): Promise<void> {
  const session = new HubSession();
  await session.start(launchBrowser);
  try {
    const host = await session.host(fixture('demo'));
    const { page } = await session.page(VIEWPORT);
    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    const { path, bytes } = await saveScreenshot(page, frame, true);
    console.log(`wrote ${path} (${bytes} bytes)`);
  } finally {
    await session.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
