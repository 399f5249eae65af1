import type { Dialog } from 'playwright-core';
import type { Fixture } from '../../src/devhost/fixture';
import type { LocalHost } from '../../src/devhost/server';
import { describeViolations, runAxe, seriousOrWorse } from './support/axe';
import { browserSuite, launchBrowser } from './support/browser';
import { extensionData, PROJECT_SETTINGS, SNAPSHOTS } from './support/extensionData';
import { fixture, hubFrame, HubSession, openHub, waitForVerdicts } from './support/hub';
import {
  named,
  openDashboard,
  openPipeline,
  openRun,
  pageUrl,
  saveSurfaceScreenshot,
  surfaceFrame,
  widgetCounts,
} from './support/surfaces';

/** The pipeline pill, the run summary section and the dashboard widget, real bundles in the local host. */

const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';
const PROD = '9b4c1d7e-2f6a-4e83-b5c9-7a1d3f5e9c20';
const STAGING = '3a7f2c9d-8e1b-4d56-a9c3-2f8e7d1b6a40';
const SHARED = '0f4a6c8e-9b3d-4f15-a7c9-4e6b8d0f2a13';
const PROJECT = 'b7c1e9a4-2f3d-4a8b-9e6c-5d0f1a2b3c4d';
const CI = 12; // fabrikam-web-ci: the expired ACR connection and a healthy one; run 1207 failed
const DEPLOY = 14; // fabrikam-web-deploy: critical, two warnings, one healthy
const DOCS = 30; // docs-site: only healthy and no-secret connections
const HOSTILE = '<img src=x onerror=alert(1)>';
/** The browser's line for the endpoint list a test's fixture refuses (403) on purpose. */
const REFUSED_LIST = /_apis\/serviceendpoint\/endpoints.*status of 403/;

const session = new HubSession();
let demo: LocalHost;

function expectNoErrors(errors: string[]): void {
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
}

async function expectAccessible(frame: Parameters<typeof runAxe>[0]): Promise<void> {
  const serious = seriousOrWorse(await runAxe(frame));
  if (serious.length) throw new Error(describeViolations(serious));
}

function demoWith(patch: Partial<Fixture>): Fixture {
  return { ...fixture('demo'), ...patch };
}

/** Every reading in the host's seeded snapshot made `days` old, as if the last scan ran then. */
async function ageSnapshot(host: LocalHost, days: number): Promise<void> {
  const data = extensionData(host);
  const doc = (await data.get(SNAPSHOTS, PROJECT)).body as { apps: Record<string, { takenAt: string }> };
  const old = new Date(Date.now() - days * 86_400_000).toISOString();
  for (const app of Object.values(doc.apps)) app.takenAt = old;
  expect((await data.set(SNAPSHOTS, { ...doc, id: PROJECT, __etag: -1 })).status).toBe(200);
}

browserSuite('tests/e2e/surfaces')('warning surfaces in the local host', () => {
  beforeAll(async () => {
    await session.start(launchBrowser);
    demo = await session.host(fixture('demo'));
  }, 120_000);
  afterAll(() => session.close());

  describe('pipeline pill', () => {
    it('names the expired connection a pipeline uses, red, with the date and fix; a click opens the hub on it', async () => {
      const { page, errors } = await session.page();
      const requests = demo.devopsStats.requests;
      const lists = demo.devopsStats.endpointLists;
      const pills = await openPipeline(page, demo, CI);
      expect(pills).toHaveLength(1);
      expect(pills[0].text).toBe('Connection acr-fabrikam-push expired 10 days ago');
      expect(pills[0].connections).toEqual([{ id: ACR, status: 'expired' }]);
      expect(pills[0].background).toBe('rgb(164, 38, 44)'); // white text on it: 7.2:1
      expect(pills[0].tooltip).toMatch(
        // The viewer's short date (en-US here) with the days the pill counts; no ISO date.
        /^acr-fabrikam-push: credential expired on \d{1,2}\/\d{1,2}\/\d{4}, 10 days ago \(as of \d{1,2}\/\d{1,2}\/\d{4}\)\. In Azure DevOps open/,
      );
      // One snapshot document, the project's thresholds and one endpoint list (this pipeline's connections, so
      // that Azure DevOps's word wins over the shared listing: issue 21): nothing else.
      expect(demo.devopsStats.requests - requests).toBeLessThanOrEqual(3);
      expect(demo.devopsStats.endpointLists - lists).toBe(1);
      await expectAccessible(page.mainFrame());
      await page.click('[data-surface="pill"] .pill');
      await page.waitForURL(/\/_settings\/local\.service-connection-expiry\.hub\?connection=/);
      const hub = await hubFrame(page);
      await hub.waitForSelector(`[data-details-for="${ACR}"]`);
      expectNoErrors(errors);
      await page.context().close();
    }, 30_000);

    it('collapses several connections into one pill with a count, coloured by the most urgent', async () => {
      const { page, errors } = await session.page();
      const pills = await openPipeline(page, demo, DEPLOY);
      expect(pills).toHaveLength(1);
      expect(pills[0].text).toBe('3 connections expire soon');
      expect(pills[0].status).toBe('critical');
      expect(pills[0].connections).toEqual([
        // Most urgent first: critical, then the warnings by expiry (staging in 20 days, shared in 25).
        { id: PROD, status: 'critical' },
        { id: STAGING, status: 'warning' },
        { id: SHARED, status: 'warning' },
      ]);
      expect(pills[0].tooltip.split(' · ')).toHaveLength(3);
      expectNoErrors(errors);
    }, 30_000);

    it('shows no pill for a pipeline that uses only healthy connections, nor for an unknown pipeline', async () => {
      const { page, errors } = await session.page();
      expect(await openPipeline(page, demo, DOCS)).toEqual([]);
      expect(await openPipeline(page, demo, 999)).toEqual([]);
      expectNoErrors(errors);
    }, 30_000);
  });

  describe('run summary section', () => {
    it('lists the connections the run used that need action, and names the likely cause of a failed run', async () => {
      const { page, errors } = await session.page();
      const frame = await openRun(page, demo, 1207);
      expect(await named(frame)).toEqual([{ id: ACR, status: 'expired' }]);
      const text = await frame.textContent('[data-surface="run-section"]');
      expect(text).toContain('1 service connection this pipeline uses needs action');
      expect(text).toContain('Likely cause of this failure');
      expect(text).toMatch(/Expiry dates as of \d{1,2}\/\d{1,2}\/\d{4}/);
      const links = await frame.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual([
        expect.stringMatching(
          new RegExp(`/Fabrikam%20Web/_settings/local\\.service-connection-expiry\\.hub\\?connection=${ACR}$`),
        ),
        expect.stringMatching(new RegExp(`/Fabrikam%20Web/_settings/adminservices\\?resourceId=${ACR}$`)),
      ]);
      await expectAccessible(frame);
      // A click asks the host to navigate (IHostNavigationService): the page, on the host's own origin, opens
      // the hub; the frame neither navigates itself nor sends the page to the REST origin.
      const hostOrigin = new URL(demo.url).origin;
      const hubPath = new RegExp(
        `/Fabrikam%20Web/_settings/local\\.service-connection-expiry\\.hub\\?connection=${ACR}$`,
      );
      await Promise.all([
        page.waitForURL((url) => url.origin === hostOrigin && hubPath.test(url.href)),
        frame.click('a:has-text("Details in Connection expiry")'),
      ]);
      expectNoErrors(errors);
      // The hub it opened keeps reading: close it, so its requests are not counted by the next tests.
      await page.context().close();
    }, 30_000);

    it('is empty for a run whose pipeline uses only healthy connections; a successful run has no likely cause', async () => {
      const { page, errors } = await session.page();
      const docs = await openRun(page, demo, 1215);
      expect(await docs.getAttribute('[data-surface="run-section"]', 'data-empty')).toBe('true');
      expect((await docs.textContent('body'))?.trim()).toBe('');
      // Nothing to show: no empty bordered box on the run page.
      await page.waitForFunction(() => document.getElementById('extension-frame')?.classList.contains('section-empty'));
      expect(await page.$eval('#extension-frame', (f) => f.getBoundingClientRect().height)).toBe(0);
      const deploy = await openRun(page, demo, 1210);
      expect((await named(deploy)).map((n) => n.id)).toEqual([PROD, STAGING, SHARED]);
      // The section asked for its content's height (SDK.resize) and the host gave it: the third is not cut off.
      await page.waitForFunction(
        () => ((window as unknown as { devhost: { resizes?: number[] } }).devhost.resizes ?? []).length > 0,
      );
      const sized = await page.$eval('#extension-frame', (f) => f.getBoundingClientRect().height);
      const content = await deploy.evaluate(() => document.getElementById('root')!.getBoundingClientRect().height);
      expect(content).toBeGreaterThan(240);
      expect(Math.abs(sized - content)).toBeLessThanOrEqual(2);
      expect(await deploy.textContent('body')).not.toContain('Likely cause');
      expectNoErrors(errors);
    }, 30_000);
  });

  describe('dashboard widget', () => {
    it('counts connections by status, names the most urgent, links to the hub', async () => {
      const { page, errors } = await session.page();
      const requests = demo.devopsStats.requests;
      const lists = demo.devopsStats.endpointLists;
      const frame = await openDashboard(page, demo);
      expect(await widgetCounts(frame)).toEqual({ expired: 1, critical: 1, warning: 4, unknown: 2 });
      // The snapshot, the thresholds and the project's endpoint list (Azure DevOps's word on every connection).
      expect(demo.devopsStats.requests - requests).toBeLessThanOrEqual(3);
      expect(demo.devopsStats.endpointLists - lists).toBe(1);
      expect(await named(frame)).toEqual([{ id: ACR, status: 'expired' }]);
      expect(await frame.textContent('.sce-widget-title')).toBe('Service connection expiry');
      expect(await frame.getAttribute('.sce-widget-asof', 'data-stale')).toBe('false');
      // 2×2: the next 90 days of the hub's timeline (expired, then 13 weeks), each bar named for screen readers.
      const bars = await frame.$$eval('.sce-bar', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(bars).toHaveLength(14);
      expect(bars[0]).toBe('Already expired: 1 connection');
      expect(bars.slice(1).every((b) => /^Week of .+: (no connection|\d+ connections?)/.test(b))).toBe(true);
      await expectAccessible(frame);
      expectNoErrors(errors);
    }, 30_000);

    it('takes its settings from the dashboard (size, statuses, title) and from its configuration', async () => {
      const { page, errors } = await session.page();
      const frame = await openDashboard(
        page,
        demo,
        'size=2x1&statuses=expired,critical&title=Connections%20%26%20secrets',
      );
      expect(await widgetCounts(frame)).toEqual({ expired: 1, critical: 1 });
      expect(await frame.textContent('.sce-widget-title')).toBe('Connections & secrets');
      expect(await frame.$$('.sce-bar')).toHaveLength(0); // 2×1: no room for the timeline
      await page.click('#configure-widget');
      const config = await surfaceFrame(page, /\/widget-configuration\.html/, '#config-frame');
      await config.waitForSelector('[role="checkbox"][aria-label="Healthy"]');
      await expectAccessible(config);
      expect(await config.$$('input')).toHaveLength(0); // azure-devops-ui controls, not plain browser inputs
      await config.click('[role="checkbox"][aria-label="Healthy"]');
      // The configuration previews the change in the widget before Save.
      await frame.waitForSelector('[data-count-status="healthy"]');
      await page.click('#config-save');
      await page.waitForFunction(
        () => (window as unknown as { devhost: { widgetSettings?: unknown } }).devhost.widgetSettings,
      );
      // Healthy includes the legacy-issuer federation: its issuer's retirement is months away (issue 17).
      expect(await widgetCounts(frame)).toEqual({ expired: 1, critical: 1, healthy: 4 });
      expectNoErrors(errors);
    }, 30_000);
  });

  it('stale snapshot: pill and section stay silent, the widget says its readings are stale', async () => {
    const host = await session.host(fixture('demo'));
    await ageSnapshot(host, 10);
    const { page, errors } = await session.page();
    expect(await openPipeline(page, host, CI)).toEqual([]);
    const run = await openRun(page, host, 1207);
    expect(await run.getAttribute('[data-surface="run-section"]', 'data-empty')).toBe('true');
    const widget = await openDashboard(page, host);
    expect(await widget.getAttribute('.sce-widget-asof', 'data-stale')).toBe('true');
    expect(await widget.textContent('.sce-widget-asof')).toMatch(/are stale: open the hub signed in to Graph/);
    // Readings too old to stand behind are counted as unknown, never as warnings.
    expect(await widgetCounts(widget)).toEqual({ expired: 0, critical: 0, warning: 0, unknown: 11 });
    expectNoErrors(errors);
  }, 30_000);

  it('no snapshot: no pill, an empty section, and a widget that says how to get readings', async () => {
    const host = await session.host(demoWith({ snapshot: 'none' }));
    const { page, errors } = await session.page();
    expect(await openPipeline(page, host, CI)).toEqual([]);
    const run = await openRun(page, host, 1207);
    expect(await run.getAttribute('[data-surface="run-section"]', 'data-empty')).toBe('true');
    const widget = await openDashboard(page, host);
    expect(await widget.textContent('[data-surface="widget"]')).toContain('No expiry readings for this project yet.');
    expect(await widget.textContent('[data-surface="widget"]')).toContain('sc-expiry scan --publish');
    await expectAccessible(widget);
    expectNoErrors(errors);
  }, 30_000);

  it('hostile connection and pipeline names are shown as text on every surface', async () => {
    const base = fixture('demo');
    const endpoints = base.endpoints.map((e) =>
      (e as { id: string }).id === ACR ? { ...(e as object), name: HOSTILE } : e,
    );
    const host = await session.host({
      ...base,
      endpoints,
      builds: base.builds.map((b) => ({ ...b, definitionName: '<script>alert(2)</script>' })),
    });
    const { page, errors } = await session.page();
    const dialogs: string[] = [];
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const pills = await openPipeline(page, host, CI);
    expect(pills[0].text).toBe(`Connection ${HOSTILE} expired 10 days ago`);
    expect(await page.$('[data-surface="pill"] img')).toBeNull();
    expect(await page.textContent('h1')).toContain('<script>alert(2)</script>');
    const run = await openRun(page, host, 1207);
    expect(await run.textContent('[data-surface="run-section"]')).toContain(HOSTILE);
    expect(await run.$('[data-surface] img')).toBeNull();
    const widget = await openDashboard(page, host);
    expect(await widget.textContent('.sce-widget-soonest')).toContain(HOSTILE);
    expect(await widget.$('[data-surface] img')).toBeNull();
    expect(dialogs).toEqual([]);
    expectNoErrors(errors);
  }, 30_000);

  it('a bidi name 400 characters long is isolated in HTML, escaped in plain text, and wraps (issue 21)', async () => {
    const name = `acr-\u202Egnp.exe-push-${'x'.repeat(382)}`;
    const shown = `acr-<U+202E>gnp.exe-push-${'x'.repeat(382)}`;
    const base = fixture('demo');
    const endpoints = base.endpoints.map((e) => ((e as { id: string }).id === ACR ? { ...(e as object), name } : e));
    const host = await session.host({ ...base, endpoints });
    const { page, errors } = await session.page();
    // The pill is plain text in the host's page: the override is shown, never applied.
    const pills = await openPipeline(page, host, CI);
    expect(pills[0].text).toBe(`Connection ${shown} expired 10 days ago`);
    expect(pills[0].tooltip).toContain(`${shown}: credential expired`);
    expect(pills[0].text + pills[0].tooltip).not.toContain('\u202E');
    const run = await openRun(page, host, 1207);
    expect(await run.$$eval('[data-surface="run-section"] bdi', (n) => n.map((b) => b.textContent))).toContain(name);
    // The fix sentence names it with the escape, so the steps after the name are not reversed.
    expect(await run.textContent('.sce-run-fix')).toContain(`"${shown}"`);
    const overflow = await run.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const widget = await openDashboard(page, host);
    expect(await widget.textContent('.sce-widget-soonest bdi')).toBe(name);
    const hub = await openHub(page, host);
    await waitForVerdicts(hub);
    const cell = await hub.waitForSelector(`tr[data-connection-id="${ACR}"] bdi`);
    expect(await cell.textContent()).toBe(name);
    expectNoErrors(errors);
  }, 60_000);

  it('a forged listing, 1/1 thresholds, a viewer Azure DevOps refuses the list to: unknown and the floors, never silent', async () => {
    // Azure DevOps answers this viewer's endpoint list with 403 (AccessCheckException): the snapshot is all there is.
    const host = await session.host(demoWith({ projectFaults: { [PROJECT]: 403 } }));
    const data = extensionData(host);
    const doc = (await data.get(SNAPSHOTS, PROJECT)).body as { connections: { listedAt: unknown } };
    doc.connections.listedAt = 42;
    expect((await data.set(SNAPSHOTS, { ...doc, id: PROJECT, __etag: -1 })).status).toBe(200);
    const settings = { id: PROJECT, warningDays: 1, criticalDays: 1, __etag: -1 };
    expect((await data.set(PROJECT_SETTINGS, settings)).status).toBe(200);
    const { page, errors } = await session.page();
    const pills = await openPipeline(page, host, CI);
    expect(pills).toHaveLength(1);
    expect(pills[0].text).toMatch(/^2 connections need a look \(2 unknown\)$/);
    expect(pills[0].tooltip).toContain(
      "the shared listing of this project's connections is malformed (its date 42 is not a date)",
    );
    expect(pills[0].tooltip).toContain('below the floors, they count as warning 7, critical 1');
    const widget = await openDashboard(page, host);
    expect(await widget.textContent('[data-listing-problem]')).toContain('its date 42 is not a date');
    expect(await widget.textContent('[data-thresholds-note]')).toContain('This project lowered its thresholds');
    expect((await widgetCounts(widget)).unknown).toBeGreaterThan(0);
    const run = await openRun(page, host, 1207);
    expect(await run.getAttribute('[data-surface="run-section"]', 'data-empty')).toBeNull();
    expect(await run.textContent('[data-surface="run-section"]')).toContain('expiry unknown');
    expectNoErrors(errors.filter((e) => !REFUSED_LIST.test(e)));
    expect(errors.filter((e) => REFUSED_LIST.test(e)).length).toBeGreaterThan(0);
  }, 60_000);

  it('a coherent forgery (federation claimed on the ACR secret) loses to Azure DevOps on every surface (issue 21)', async () => {
    const host = await session.host(fixture('demo'));
    const data = extensionData(host);
    const doc = (await data.get(SNAPSHOTS, PROJECT)).body as { connections: { byId: Record<string, object> } };
    Object.assign(doc.connections.byId[ACR], {
      scheme: 'WorkloadIdentityFederation',
      schemeKind: 'federated',
      wifIssuer: 'https://login.microsoftonline.com/8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10/v2.0',
    });
    expect((await data.set(SNAPSHOTS, { ...doc, id: PROJECT, __etag: -1 })).status).toBe(200);
    const { page, errors } = await session.page();
    let lists = host.devopsStats.endpointLists;
    const pills = await openPipeline(page, host, CI);
    expect(pills.map((p) => p.text)).toEqual(['Connection acr-fabrikam-push expired 10 days ago']);
    expect(host.devopsStats.endpointLists - lists).toBe(1);
    lists = host.devopsStats.endpointLists;
    const run = await openRun(page, host, 1207);
    expect(await named(run)).toEqual([{ id: ACR, status: 'expired' }]);
    expect(host.devopsStats.endpointLists - lists).toBe(1);
    lists = host.devopsStats.endpointLists;
    const widget = await openDashboard(page, host);
    expect(await named(widget)).toEqual([{ id: ACR, status: 'expired' }]);
    expect((await widgetCounts(widget)).expired).toBe(1);
    expect(host.devopsStats.endpointLists - lists).toBe(1);
    expectNoErrors(errors);
  }, 60_000);

  it('the start page links to every page the local host plays', async () => {
    const { page } = await session.page();
    await page.goto(demo.url);
    const hrefs = await page.$$eval('nav.pages a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/contoso/Fabrikam%20Web/_settings/connection-expiry',
        `/contoso/Fabrikam%20Web/_build?definitionId=${CI}`,
        '/contoso/Fabrikam%20Web/_build/results?buildId=1207',
        '/contoso/Fabrikam%20Web/_dashboards',
      ]),
    );
    await page.goto(pageUrl(demo, '/_settings/connection-expiry'));
    const hub = await hubFrame(page);
    await hub.waitForSelector('tr[data-connection-id]');
  }, 30_000);

  it('takes the screenshots of each surface for the README and overview.md (docs/pill.png, run-section.png, widget.png)', async () => {
    const { page, errors } = await session.page({ width: 1000, height: 420 });
    await openPipeline(page, demo, DEPLOY);
    expect((await saveSurfaceScreenshot(page, 'pill')).bytes).toBeGreaterThan(10_000);
    await openRun(page, demo, 1207);
    expect((await saveSurfaceScreenshot(page, 'run-section')).bytes).toBeGreaterThan(10_000);
    await page.setViewportSize({ width: 1000, height: 520 }); // the 2×2 widget with its timeline
    await openDashboard(page, demo);
    expect((await saveSurfaceScreenshot(page, 'widget')).bytes).toBeGreaterThan(10_000);
    expectNoErrors(errors);
  }, 60_000);
});
