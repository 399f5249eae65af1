import { existsSync } from 'fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../src/devhost/chromium';

/**
 * One way to launch Debian's Chromium for every browser test, and one rule when it is missing:
 * with CI or REQUIRE_E2E set the suite fails ("Chromium not found: apt-get install -y chromium");
 * otherwise it is skipped with a loud console line, so a laptop without Chromium still runs `npm test`.
 */

export { CHROMIUM, CHROMIUM_ARGS };

export const MISSING_CHROMIUM = 'Chromium not found: apt-get install -y chromium';

export const haveChromium = existsSync(CHROMIUM);
const required = !!(process.env.CI || process.env.REQUIRE_E2E);

/** `describe` when the browser tests must run, `describe.skip` (announced on the console) otherwise. */
export function browserSuite(name: string): jest.Describe {
  if (haveChromium || required) return describe;
  console.warn(`\n*** SKIPPED ${name}: Chromium not found at ${CHROMIUM} (apt-get install -y chromium) ***\n`);
  return describe.skip;
}

/** Headless Chromium; throws the "Chromium not found" message when it is missing (CI / REQUIRE_E2E). */
export async function launchBrowser(): Promise<Browser> {
  if (!haveChromium) throw new Error(MISSING_CHROMIUM);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
