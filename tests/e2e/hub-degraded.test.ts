import type { Dialog } from 'playwright-core';
import { browserSuite, launchBrowser } from './support/browser';
import { allRows, fixture, HubSession, openHub, summaryCounts, waitForVerdicts } from './support/hub';

/** The real hub in the local host when things go wrong: Graph faults, a host without NAA, hostile names. */

const PROD = '9b4c1d7e-2f6a-4e83-b5c9-7a1d3f5e9c20'; // app answers 403
const STAGING = '3a7f2c9d-8e1b-4d56-a9c3-2f8e7d1b6a40'; // app answers 404
const DEV = 'e6c1b8a3-5d9f-4a72-8c4e-1b7d9f3a5c61';
const CERT = '2b8e4f1a-9d3c-4a67-b1e5-8f2a6c4d9e03';
const WIF = 'c4a9e2d7-6b1f-4c38-8e5a-9d7b2f4c1e24';
const AKS = 'b8d2f4a6-7c1e-4b93-8d5f-2a4c6e8b1d71'; // app answers 429 once
const GITHUB = '4c6e8a1f-2d5b-4a39-9c7e-8f1a3d5b7c29';
const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';
const MSI = '1e7c5a3b-8f2d-4e96-a3b7-5c9e1d7f3a66';
const GENERIC = 'a3e5c7b9-1d4f-4e82-a6c8-3b5d7f9e1a50';
const HOSTILE = '<img src=x onerror=alert(1)>';

const session = new HubSession();

function expectNoErrors(errors: string[]): void {
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
}

browserSuite('tests/e2e/hub-degraded')('hub in the local host when Graph or the host fall short', () => {
  beforeAll(() => session.start(launchBrowser), 120_000);
  afterAll(() => session.close());

  it('marks only the rows whose app answers 403 or 404 unknown; a 429 is retried and recovers', async () => {
    const host = await session.host(fixture('graph-faults'));
    const { page, errors } = await session.page();
    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    const rows = Object.fromEntries((await allRows(frame)).map((r) => [r.id, r]));
    expect(Object.fromEntries(Object.values(rows).map((r) => [r.id, r.status]))).toEqual({
      [PROD]: 'unknown',
      [STAGING]: 'unknown',
      [DEV]: 'healthy',
      [CERT]: 'warning',
      [WIF]: 'no-secret',
      [AKS]: 'healthy',
      [GITHUB]: 'not-applicable',
    });
    expect(rows[PROD].text).toMatch(/no Graph access/i);
    // The 404 follow-up asked the tenant for the app's service principal: none either, so it was deleted.
    expect(rows[STAGING].text).toMatch(/was deleted: neither it nor its service principal exists/i);
    expect(host.graphStats.paths.filter((p) => p.startsWith('/servicePrincipals('))).toEqual([
      expect.stringContaining(`appOwnerOrganizationId`),
    ]);
    expect(await summaryCounts(frame)).toMatchObject({ unknown: 2, healthy: 2, warning: 1 });

    await frame.click(`tr[data-connection-id="${STAGING}"]`);
    await frame.waitForSelector(`[data-details-for="${STAGING}"] [data-finding="app-not-found"]`);
    await frame.click('button[aria-label="Close"]');
    await frame.click(`tr[data-connection-id="${PROD}"]`);
    await frame.waitForSelector(`[data-details-for="${PROD}"] [data-finding="no-graph-access"]`);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('on a host without Nested App Authentication shows the guidance and everything Azure DevOps knows', async () => {
    const host = await session.host(fixture('no-naa'));
    const { page, errors } = await session.page();
    const frame = await openHub(page, host);
    await frame.waitForSelector('text=/does not offer Nested App Authentication yet/');
    await waitForVerdicts(frame);
    const rows = await allRows(frame);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [ACR]: 'unknown',
      [PROD]: 'unknown',
      [CERT]: 'unknown',
      [WIF]: 'no-secret',
      [MSI]: 'no-secret',
      [GITHUB]: 'not-applicable',
      [GENERIC]: 'not-applicable',
    });
    // Azure DevOps's data is all there: names, types, app IDs, tenants.
    const acr = rows.find((r) => r.id === ACR)?.text ?? '';
    expect(acr).toMatch(/acr-fabrikam-push/);
    expect(acr).toMatch(/c2f5a7d1-3e8b-4f90-a1c2-d3e4f5a6b7c8/);
    // Every row has the same tenant: its column starts hidden, and the details say it whole.
    const headers = await frame.$$eval('[role="columnheader"]', (ths) => ths.map((th) => th.textContent?.trim()));
    expect(headers).not.toContain('Tenant');
    await frame.click(`tr[data-connection-id="${ACR}"]`);
    expect(await frame.textContent(`[data-details-for="${ACR}"]`)).toMatch(/8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10/);
    expect(host.graphStats.requests).toBe(0);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('renders a connection named <img src=x onerror=alert(1)> as text, in the table and in the details panel', async () => {
    const host = await session.host(fixture('hostile-names'));
    const { page, errors } = await session.page();
    const dialogs: string[] = [];
    page.on('dialog', (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    const row = await frame.waitForSelector(`tr[data-connection-id="${PROD}"]`);
    expect(await row.textContent()).toContain(HOSTILE);
    expect(await row.textContent()).toContain('<img src=x onerror=alert(4)>'); // the app's display name
    expect(await frame.textContent('body')).toContain('github "quoted" & <b>bold</b>');

    await row.click();
    const panel = await frame.waitForSelector(`[data-details-for="${PROD}"]`);
    expect(await frame.textContent('.bolt-panel')).toContain(HOSTILE);
    expect(await panel.textContent()).toContain('"><img src=x onerror=alert(5)>'); // a credential's name
    await frame.waitForTimeout(300); // any injected onerror/onload would have fired by now

    const injected = await frame.evaluate(() => ({
      img: document.querySelectorAll('img[src="x"]').length,
      handlers: document.querySelectorAll('[onerror], [onload], [onmouseover]').length,
      bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
    }));
    expect(injected).toEqual({ img: 0, handlers: 0, bold: 0 });
    expect(await page.$$('img[src="x"]')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);
});
