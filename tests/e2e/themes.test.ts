import type { Frame, Page } from 'playwright-core';
import type { LocalHost } from '../../src/devhost/server';
import { THEMES } from '../../src/devhost/themes';
import { THEME_NAMES, type ThemeName } from '../../src/devhost/themePalettes';
import { describeViolations, runAxe, seriousOrWorse } from './support/axe';
import { browserSuite, launchBrowser } from './support/browser';
import { fixture, HubSession, openHub, waitForVerdicts } from './support/hub';
import { openOrgHub, waitForOrgVerdicts } from './support/orgHub';
import { saveScreenshot, VIEWPORT } from './support/screenshot';
import { openDashboard } from './support/surfaces';

/**
 * The light, dark and high-contrast themes as Azure DevOps gives them: the local host's Theme picker sends the
 * theme's variables in the handshake and with "themeChanged"; the SDK applies them. In each theme both hubs (the
 * details panel open too) and the widget have no serious or critical axe-core violations (colour contrast
 * included), and the frame really paints the theme's background and text colours.
 */

const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';

/** "rgba(32, 31, 30, 1)" → "rgb(32, 31, 30)", as getComputedStyle writes an opaque colour. */
const computed = (css: string) => {
  const [r, g, b, a] = (/rgba?\(([^)]*)\)/.exec(css)?.[1] ?? '').split(',').map((n) => n.trim());
  return a === undefined || Number(a) === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Number(a)})`;
};

async function painted(frame: Frame): Promise<{ background: string; text: string; variable: string }> {
  return frame.evaluate(() => {
    const style = getComputedStyle(document.body);
    return {
      background: style.backgroundColor,
      text: style.color,
      variable: getComputedStyle(document.documentElement).getPropertyValue('--background-color').trim(),
    };
  });
}

function expectNoErrors(errors: string[]): void {
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
}

browserSuite('tests/e2e/themes')('themes in the local host (demo fixture)', () => {
  const session = new HubSession();
  let host: LocalHost;

  beforeAll(async () => {
    await session.start(launchBrowser);
    host = await session.host(fixture('demo'));
  }, 120_000);
  afterAll(() => session.close());

  // Azure DevOps's themes are its own choice (profile → Theme), not the system's: the browser stays as it is.
  const themed = (_theme: ThemeName): Promise<{ page: Page; errors: string[] }> => session.page(VIEWPORT);

  it.each(THEME_NAMES)(
    '%s: both hubs, the details panel and the widget have no serious or critical axe violations',
    async (theme) => {
      const { page, errors } = await themed(theme);
      const hub = await openHub(page, host, `theme=${theme}`);
      await waitForVerdicts(hub);
      const variables = THEMES[theme];
      expect((await painted(hub)).variable).toBe(variables['background-color']);
      expect((await painted(hub)).text).toBe(computed(variables['text-primary-color']));
      const found: string[] = [];
      const check = async (where: string, frame: Frame) => {
        const serious = seriousOrWorse(await runAxe(frame));
        if (serious.length) found.push(`${where}:\n${describeViolations(serious)}`);
      };
      await check('project hub', hub);
      await hub.click(`tr[data-connection-id="${ACR}"]`);
      await hub.waitForSelector(`[data-details-for="${ACR}"]`);
      await hub.waitForTimeout(300); // the panel's slide-in
      await check('details panel', hub);
      const org = await openOrgHub(page, host, `theme=${theme}`);
      await waitForOrgVerdicts(org);
      await check('organization hub', org);
      await check('widget', await openDashboard(page, host, `theme=${theme}`));
      if (found.length) console.log(`axe-core violations in the ${theme} theme:\n${found.join('\n')}`);
      expect(found.join('\n')).toBe('');
      expectNoErrors(errors);
      await page.context().close();
    },
    90_000,
  );

  it('switches a hub that is open from light to dark and back with the Theme picker, without reloading it', async () => {
    const { page, errors } = await themed('light');
    await page.goto(host.url);
    await page.evaluate(() => localStorage.removeItem('sce-local-host-theme'));
    const hub = await openHub(page, host);
    expect((await painted(hub)).background).toBe(computed(THEMES.light['background-color']));
    await hub.evaluate(() => ((window as unknown as { sceMarker: number }).sceMarker = 1));
    await page.selectOption('#host-theme', 'dark');
    await hub.waitForFunction(
      (bg) => getComputedStyle(document.documentElement).getPropertyValue('--background-color').trim() === bg,
      THEMES.dark['background-color'],
    );
    expect((await painted(hub)).background).toBe(computed(THEMES.dark['background-color']));
    expect(await hub.evaluate(() => (window as unknown as { sceMarker?: number }).sceMarker)).toBe(1); // no reload
    expect(await page.getAttribute('body', 'data-theme')).toBe('dark');
    // The pick is kept: the next page of the host opens dark.
    const org = await openOrgHub(page, host);
    expect((await painted(org)).variable).toBe(THEMES.dark['background-color']);
    await page.selectOption('#host-theme', 'light');
    await org.waitForFunction(
      (bg) => getComputedStyle(document.documentElement).getPropertyValue('--background-color').trim() === bg,
      THEMES.light['background-color'],
    );
    expectNoErrors(errors);
    await page.context().close();
  }, 60_000);

  it('takes the dark-theme screenshot for the README (docs/hub-dark.png)', async () => {
    const { page, errors } = await themed('dark');
    const hub = await openHub(page, host, 'theme=dark');
    await waitForVerdicts(hub);
    expect((await saveScreenshot(page, hub, false, 'hub-dark.png')).bytes).toBeGreaterThan(20_000);
    expectNoErrors(errors);
    await page.context().close();
  }, 60_000);
});
