import type { Frame, Page } from 'playwright-core';
import type { LocalHost } from '../../src/devhost/server';
import { describeViolations, runAxe, seriousOrWorse } from './support/axe';
import { browserSuite, launchBrowser } from './support/browser';
import {
  allRows,
  demoExpectations,
  fixture,
  HubSession,
  openHub,
  statusesById,
  summaryCounts,
  waitForVerdicts,
} from './support/hub';
import { saveScreenshot } from './support/screenshot';

/** The real hub bundle in the local host with the demo fixture, in headless Chromium. */

const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';
const ACR_APP = 'c2f5a7d1-3e8b-4f90-a1c2-d3e4f5a6b7c8';
const USGOV = 'd7f3b9e1-5a2c-4d84-b9e3-7f1b5d3a9c92';
const USGOV_APP = '6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f';
const WIF = 'c4a9e2d7-6b1f-4c38-8e5a-9d7b2f4c1e24';
const WIF_LEGACY = '8d5b3f9c-2a7e-4b16-9f4d-6e2c8a1b5d45';
const FILTER = 'input[aria-label="Filter connections by keyword"]';

const expected = demoExpectations();
const session = new HubSession();
let host: LocalHost;

/** The host page's own query string (the deep link lives there, not in the iframe's URL). */
const hostQuery = (page: Page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
const hostConnection = (page: Page) => page.evaluate(() => new URLSearchParams(location.search).get('connection'));

async function demo(query = ''): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const { page, errors } = await session.page();
  const frame = await openHub(page, host, query);
  await waitForVerdicts(frame);
  return { page, frame, errors };
}

function expectNoErrors(errors: string[]): void {
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
}

browserSuite('tests/e2e/hub')('hub in the local host (demo fixture)', () => {
  beforeAll(async () => {
    await session.start(launchBrowser);
    host = await session.host(fixture('demo'));
  }, 120_000);
  afterAll(() => session.close());

  it('renders the documented status of every demo connection, and matching summary counts', async () => {
    expect(expected.size).toBe(16);
    const { page, frame, errors } = await demo();
    const rows = await allRows(frame);
    expect(rows.filter((r) => r.pending !== 'false')).toEqual([]);
    const statuses = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(statuses).toEqual(Object.fromEntries([...expected].map(([id, e]) => [id, e.status])));

    const totals: Record<string, number> = {};
    for (const e of expected.values()) totals[e.status] = (totals[e.status] ?? 0) + 1;
    const counts = await summaryCounts(frame);
    expect(counts).toEqual({
      expired: 0,
      critical: 0,
      warning: 0,
      healthy: 0,
      'no-secret': 0,
      unknown: 0,
      'not-applicable': 0,
      ...totals,
    });
    // Default order: most severe first.
    expect(rows[0].id).toBe(ACR);
    // The 429 on aks-fabrikam's app was retried after Retry-After and the row ends healthy.
    expect(statuses['b8d2f4a6-7c1e-4b93-8d5f-2a4c6e8b1d71']).toBe('healthy');
    expect(host.graphStats.paths.filter((p) => p.includes('3f4e5d6c-7b8a-4990-a8b7-c6d5e4f3a2b1')).length).toBe(2);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('filters by keyword and by status, and sorts by a column header', async () => {
    const { page, frame, errors } = await demo();
    // The table is virtualized: the count line says how many rows the filter keeps; allRows() scrolls.
    const shown = (text: string) =>
      frame.waitForFunction((t) => document.querySelector('.sce-count')?.textContent === t, text);
    const ids = async () => (await allRows(frame)).map((r) => r.id);

    await frame.fill(FILTER, 'fabrikam-wif');
    await shown('2 of 16 connections');
    expect((await ids()).sort()).toEqual([WIF, WIF_LEGACY].sort());
    await frame.fill(FILTER, 'no such connection');
    await frame.waitForSelector('text=No connection matches the filter.');
    await frame.fill(FILTER, '');
    await shown('16 connections');
    expect(await ids()).toHaveLength(16);

    await frame.click('[data-summary-status="warning"]');
    await shown('4 of 16 connections');
    expect(Object.values(await statusesById(frame))).toEqual(['warning', 'warning', 'warning', 'warning']);
    expect(await frame.getAttribute('[data-summary-status="warning"]', 'aria-pressed')).toBe('true');
    await frame.click('[data-summary-status="healthy"]');
    await shown('8 of 16 connections');
    expect(new Set(Object.values(await statusesById(frame)))).toEqual(new Set(['warning', 'healthy']));
    // Healthy includes the legacy-issuer federation: its issuer retires months from now (issue 17).
    // Keyword and status filters combine: the US Government connection is unknown here (public-cloud sign-in only).
    await frame.fill(FILTER, 'usgov');
    await frame.waitForSelector('text=No connection matches the filter.');
    await frame.click('[data-summary-status="unknown"]');
    await shown('1 of 16 connections');
    expect(await ids()).toEqual([USGOV]);
    await frame.click('[data-summary-status="unknown"]');
    await frame.fill(FILTER, '');
    await frame.click('[data-summary-status="warning"]');
    await frame.click('[data-summary-status="healthy"]');
    await shown('16 connections');
    expect(await frame.getAttribute('[data-summary-status="warning"]', 'aria-pressed')).toBe('false');

    // Sorting by the Connection header: ascending on the first click, descending on the second.
    const byName = [...expected].sort((x, y) => x[1].name.localeCompare(y[1].name)).map(([id]) => id);
    const header = '[role="columnheader"]:has-text("Connection")';
    const firstRow = (id: string) =>
      frame.waitForFunction(
        (want) => document.querySelector('tr[data-connection-id]')?.getAttribute('data-connection-id') === want,
        id,
      );
    expect((await ids())[0]).toBe(ACR); // severity order before any sort
    await frame.click(header);
    await firstRow(byName[0]);
    expect(await ids()).toEqual(byName);
    expect(await frame.getAttribute(header, 'aria-sort')).toBe('ascending');
    await frame.click(header);
    await firstRow(byName[byName.length - 1]);
    expect(await ids()).toEqual([...byName].reverse());
    expect(await frame.getAttribute(header, 'aria-sort')).toBe('descending');
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('opens the details panel from a row: credential in use, findings with fixes, Azure DevOps and Entra links', async () => {
    const { page, frame, errors } = await demo();
    await frame.click(`tr[data-connection-id="${ACR}"]`);
    const panel = await frame.waitForSelector(`[data-details-for="${ACR}"]`);
    await expect(hostConnection(page)).resolves.toBe(ACR);

    // The secret Azure DevOps made with the last save is in use, not the newer hand-made one.
    const inUse = await panel.$$eval('tr[data-key-id]', (rows) =>
      rows.map((r) => ({ key: r.getAttribute('data-key-id'), text: r.textContent ?? '' })),
    );
    expect(inUse.filter((r) => /In use/.test(r.text))).toHaveLength(1);
    expect(inUse).toHaveLength(2);
    const used = inUse.find((r) => /In use/.test(r.text));
    expect(used?.text).toMatch(/matched to the connection’s last save/);
    expect(inUse.find((r) => r !== used)?.text).toMatch(/Not used/);

    const findings = await panel.$$eval('[data-finding]', (nodes) =>
      nodes.map((n) => ({
        code: n.getAttribute('data-finding'),
        message: n.querySelector('.sce-finding-message')?.textContent ?? '',
        steps: [...n.querySelectorAll('ol li')].map((li) => li.textContent ?? ''),
      })),
    );
    expect(findings.map((f) => f.code)).toContain('secret-based');
    for (const f of findings) {
      expect(f.message).not.toBe('');
      expect(f.steps.length).toBeGreaterThan(0);
    }
    const hrefs = await panel.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toContainEqual(expect.stringContaining(`/_settings/adminservices?resourceId=${ACR}`));
    expect(hrefs).toContainEqual(
      `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${ACR_APP}`,
    );
    expect(await panel.textContent()).toMatch(/Expired/);

    // Closing the panel removes the deep link from the host page's URL and keeps other parameters.
    await page.evaluate(() => history.replaceState(null, '', location.pathname + location.search + '&keep=1'));
    await frame.click('button[aria-label="Close"]');
    await frame.waitForSelector(`[data-details-for="${ACR}"]`, { state: 'detached' });
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('connection'));
    await expect(hostQuery(page)).resolves.toEqual({ keep: '1' });
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('opens the details panel straight from ?connection=<id> on the host page (US Government links)', async () => {
    const { page, frame, errors } = await demo(`connection=${USGOV}`);
    const panel = await frame.waitForSelector(`[data-details-for="${USGOV}"]`);
    expect(await panel.textContent()).toMatch(/AzureUSGovernment/);
    const hrefs = await panel.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toContainEqual(
      `https://portal.azure.us/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${USGOV_APP}`,
    );
    expect(hrefs.some((h) => h.includes('portal.azure.com'))).toBe(false);
    expect(hrefs).toContainEqual(expect.stringContaining(`adminservices?resourceId=${USGOV}`));
    // Nested App Authentication signs in to the public cloud only: no token asked, no sign-in, the way that works.
    expect(await panel.textContent()).toMatch(
      /public cloud only, not Azure US Government: run the scanner in that cloud \(sc-expiry scan --graph-url https:\/\/graph\.microsoft\.us\) or paste a Graph token from that cloud/,
    );
    expect(await panel.$$('tr[data-key-id]')).toHaveLength(0);
    expect(await frame.$$('button:has-text("Sign in")')).toHaveLength(0);
    await page.keyboard.press('Escape');
    await frame.waitForSelector(`[data-details-for="${USGOV}"]`, { state: 'detached' });
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('connection'));
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('shows the sc-expiry fix command with Copy for a connection the tool can fix, none for a registry', async () => {
    const PROD = '9b4c1d7e-2f6a-4e83-b5c9-7a1d3f5e9c20';
    const { page, frame, errors } = await demo(`connection=${PROD}`);
    const command = await frame.waitForSelector(`[data-details-for="${PROD}"] [data-fix-command]`);
    expect(await command.textContent()).toMatch(
      new RegExp(`^sc-expiry fix --org \\S+/contoso --project '?[^']+'? --connection ${PROD} --apply$`),
    );
    expect(await frame.$(`[data-details-for="${PROD}"] button[aria-label="Copy the command"]`)).not.toBeNull();
    expect(await frame.textContent(`[data-details-for="${PROD}"] .sce-devops-path`)).toMatch(
      /→ (Convert|Rotate secret)/,
    );
    await page.keyboard.press('Escape');
    await frame.waitForSelector(`[data-details-for="${PROD}"]`, { state: 'detached' });
    await frame.click(`tr[data-connection-id="${ACR}"]`);
    await frame.waitForSelector(`[data-details-for="${ACR}"]`);
    expect(await frame.$(`[data-details-for="${ACR}"] [data-fix-command]`)).toBeNull();
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('has no serious or critical axe-core violations, on the list and with the details panel open', async () => {
    const { page, frame, errors } = await demo();
    const list = seriousOrWorse(await runAxe(frame));
    await frame.click(`tr[data-connection-id="${ACR}"]`);
    await frame.waitForSelector(`[data-details-for="${ACR}"]`);
    await frame.waitForTimeout(300); // the panel's slide-in animation
    const details = seriousOrWorse(await runAxe(frame));
    const report = [
      list.length ? `List view:\n${describeViolations(list)}` : '',
      details.length ? `Details panel:\n${describeViolations(details)}` : '',
    ].join('\n');
    if (list.length || details.length) console.log(`axe-core violations (serious/critical):\n${report}`);
    expect(report.trim()).toBe('');
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('logs no console errors in the host page or the hub while loading, filtering, sorting and opening details', async () => {
    const { page, frame, errors } = await demo();
    await frame.fill(FILTER, 'arm');
    await frame.click('[role="columnheader"]:has-text("Expires")');
    await frame.click('[data-summary-status="unknown"]');
    await frame.click('[data-summary-status="unknown"]');
    await frame.click(`tr[data-connection-id="${USGOV}"]`);
    await frame.waitForSelector(`[data-details-for="${USGOV}"]`);
    await frame.click('button[aria-label="Close"]');
    await frame.click('button:has-text("Refresh")');
    await waitForVerdicts(frame);
    const hostWarnings = await page.evaluate(
      () => (window as unknown as { devhost: { warnings: string[] } }).devhost.warnings,
    );
    expect(hostWarnings).toEqual([]);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('takes the README screenshot of the demo (docs/hub.png)', async () => {
    const { page, frame, errors } = await demo();
    const written = await saveScreenshot(page, frame);
    expect(written.bytes).toBeGreaterThan(20_000);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);
});
