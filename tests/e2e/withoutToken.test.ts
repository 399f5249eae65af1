import type { Frame } from 'playwright-core';
import type { Fixture } from '../../src/devhost/fixture';
import type { LocalHost } from '../../src/devhost/server';
import { appKey } from '../../src/core/graphQueries';
import { readSnapshot } from '../../src/core/snapshot';
import { fakeJwt } from '../support/tokens';
import { browserSuite, launchBrowser } from './support/browser';
import { extensionData, PROJECT_SETTINGS, snapshotApp, SNAPSHOTS, type DocAnswer } from './support/extensionData';
import { demoExpectations, fixture, HubSession, openHub, statusesById, waitForVerdicts } from './support/hub';

/**
 * Issue 5 in the real hub bundle inside the local host: a viewer without a Graph token reads the shared
 * snapshot, two writers race on it, "Check now" without Graph, a pasted token, settings that persist.
 */

const DAY = 86_400_000;
const PROJECT = 'b7c1e9a4-2f3d-4a8b-9e6c-5d0f1a2b3c4d';
const HOME = '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10';
const USGOV_TENANT = '3c1d9e7f-2a4b-4c6d-8e0f-1a3b5c7d9e21';
const CLIENT_ID = '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55';

// Demo connections (src/devhost/fixtures/README.md) and their apps.
const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';
const PROD = '9b4c1d7e-2f6a-4e83-b5c9-7a1d3f5e9c20';
const PROD_APP = '1e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b';
const STAGING = '3a7f2c9d-8e1b-4d56-a9c3-2f8e7d1b6a40';
const STAGING_APP = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const DEV = 'e6c1b8a3-5d9f-4a72-8c4e-1b7d9f3a5c61';
const DEV_APP = '4b3c2d1e-0f9a-4b8c-9d7e-6f5a4b3c2d1e';
const FINANCE = '7f3d9a2e-1c6b-4e85-9a7d-3c5e1f9b2d82';
const CERT = '2b8e4f1a-9d3c-4a67-b1e5-8f2a6c4d9e03';
const REPORTING = '6a2d8c4e-3b9f-4d71-8e6a-2c4f8b1d7e87';
const DELETED = 'f9b1d7a5-4c8e-4f23-b6a9-1d3f7c5e9b08';
const AKS = 'b8d2f4a6-7c1e-4b93-8d5f-2a4c6e8b1d71';
const USGOV = 'd7f3b9e1-5a2c-4d84-b9e3-7f1b5d3a9c92';
const SHARED = '0f4a6c8e-9b3d-4f15-a7c9-4e6b8d0f2a13';
const WIF = 'c4a9e2d7-6b1f-4c38-8e5a-9d7b2f4c1e24';
const WIF_LEGACY = '8d5b3f9c-2a7e-4b16-9f4d-6e2c8a1b5d45';
const MSI = '1e7c5a3b-8f2d-4e96-a3b7-5c9e1d7f3a66';
const GITHUB = '4c6e8a1f-2d5b-4a39-9c7e-8f1a3d5b7c29';
const GENERIC = 'a3e5c7b9-1d4f-4e82-a6c8-3b5d7f9e1a50';
/** Secret- or certificate-based demo connections: the rows that need Graph (or a snapshot) for a date. */
const SECRET_ROWS = [ACR, PROD, STAGING, DEV, FINANCE, CERT, REPORTING, DELETED, AKS, USGOV, SHARED];
// The legacy issuer's retirement (2027-07-01) is dated without Graph: months away, healthy.
const NO_SECRET = { [WIF]: 'no-secret', [WIF_LEGACY]: 'healthy', [MSI]: 'no-secret' };
const NOT_APPLICABLE = { [GITHUB]: 'not-applicable', [GENERIC]: 'not-applicable' };

const FILTER = 'input[aria-label="Filter connections by keyword"]';
/** A header command: PageHeader gives it id `sce-command-<name>`, which azure-devops-ui renders as `__bolt-sce-command-<name>`. */
const command = (name: string) => `button[id$="sce-command-${name}"]`;
const ADO_AUDIENCE = '499b84ac-1321-427f-aa17-267ca6975798';
const EXPIRED_SECRET =
  "Failed to obtain the Json Web Token(JWT) using service principal client ID. Exception Message: AADSTS7000222: The provided client secret keys for app '6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f' are expired.";
const FORBIDDEN =
  "Failed to query service connection API: 'https://management.azure.com/subscriptions/6d2f8b1e-4a3c-4e5f-9b7a-0c1d2e3f4a5b?api-version=2016-06-01'. Status Code: 'Forbidden', Response from server: 'AuthorizationFailed: the client has no role on the subscription'";

const session = new HubSession();

/** The demo fixture with no snapshot seeded (these tests write their own), another host or other proxy results. */
function demoWith(patch: Partial<Pick<Fixture, 'host' | 'proxyResults'>> = {}): Fixture {
  const demo = fixture('demo');
  return { ...demo, ...patch, host: { ...demo.host, ...patch.host }, snapshot: 'none' };
}

function expectNoErrors(errors: string[]): void {
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
}

// The viewer's short date (the browser tests run in en-US), of the UTC day.
const day = (ms: number) => new Date(ms).toLocaleDateString('en-US', { timeZone: 'UTC' });

async function rowText(frame: Frame, id: string): Promise<string> {
  return (await frame.textContent(`tr[data-connection-id="${id}"]`)) ?? '';
}

async function rowStatus(frame: Frame, id: string): Promise<string | null> {
  return frame.getAttribute(`tr[data-connection-id="${id}"]`, 'data-status');
}

/** Filters the table down to one connection and opens its details panel. */
async function openDetails(frame: Frame, id: string, name: string): Promise<void> {
  await frame.fill(FILTER, name);
  await frame.click(`tr[data-connection-id="${id}"]`);
  await frame.waitForSelector(`[data-details-for="${id}"]`);
}

async function closeDetails(frame: Frame): Promise<void> {
  await frame.click('.bolt-panel button[aria-label="Close"]');
  await frame.waitForSelector('[data-details-for]', { state: 'detached' });
  await frame.fill(FILTER, '');
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 8_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function seedSnapshot(host: LocalHost, apps: ReturnType<typeof snapshotApp>[]): Promise<void> {
  const answer = await extensionData(host).create(SNAPSHOTS, {
    id: PROJECT,
    version: 1,
    apps: Object.fromEntries(apps),
  });
  expect(answer.status).toBe(200);
}

browserSuite('tests/e2e/withoutToken')('hub without a Graph token (issue 5) in the local host', () => {
  beforeAll(() => session.start(launchBrowser), 120_000);
  afterAll(() => session.close());

  it("shows the shared snapshot's verdicts recomputed for today, with the snapshot's age", async () => {
    // No Entra client ID: this viewer cannot read Graph at all. No proxy failures, so the hub's own
    // checks of a few unknown rows change nothing.
    const host = await session.host(demoWith({ host: { nestedAppAuth: true, clientId: null }, proxyResults: {} }));
    const now = Date.now();
    const takenAt = now - 3 * DAY;
    const by = { kind: 'hub' as const, name: 'Megan Bowen' };
    await seedSnapshot(host, [
      // 8 days left when the snapshot was taken (warning then), 5 today: critical.
      snapshotApp(HOME, PROD_APP, takenAt, by, [
        { startDateTime: new Date(now - 87 * DAY).toISOString(), endDateTime: new Date(now + 5 * DAY).toISOString() },
      ]),
      // 2 days left then, ended yesterday: expired today.
      snapshotApp(HOME, STAGING_APP, takenAt, by, [
        { startDateTime: new Date(now - 70 * DAY).toISOString(), endDateTime: new Date(now - DAY).toISOString() },
      ]),
      // Renewed: the old secret is over, the one started with the last save ends in 80 days.
      snapshotApp(HOME, DEV_APP, takenAt, by, [
        { startDateTime: new Date(now - 100 * DAY).toISOString(), endDateTime: new Date(now - 10 * DAY).toISOString() },
        { startDateTime: new Date(now - 10 * DAY).toISOString(), endDateTime: new Date(now + 80 * DAY).toISOString() },
      ]),
    ]);
    const { page, errors } = await session.page();
    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    await frame.waitForSelector('.sce-snapshot-note');

    const statuses = await statusesById(frame);
    const unknown = Object.fromEntries(SECRET_ROWS.map((id) => [id, 'unknown']));
    expect(statuses).toEqual({
      ...unknown,
      ...NO_SECRET,
      ...NOT_APPLICABLE,
      [PROD]: 'critical',
      [STAGING]: 'expired',
      [DEV]: 'healthy',
    });
    const asOf = new RegExp(`As of ${day(takenAt)} \\(Megan Bowen\\)\\.\\s*$`);
    for (const id of [PROD, STAGING, DEV]) expect(await rowText(frame, id)).toMatch(asOf);
    expect(await rowText(frame, PROD)).toContain('in 5 days');
    expect(await rowText(frame, STAGING)).toContain('yesterday');
    expect(await rowText(frame, DEV)).toContain(day(now + 80 * DAY));
    for (const id of [ACR, FINANCE, SHARED]) expect(await rowText(frame, id)).not.toContain('As of');

    const note = (await frame.textContent('.sce-snapshot-note')) ?? '';
    expect(note).toContain(`3 expiry dates come from the last shared reading, as of ${day(takenAt)}`);
    expect(note).toContain('(3 days ago, by Megan Bowen)');
    expect(note).not.toMatch(/more than 7 days old/);
    expect(host.graphStats.requests).toBe(0);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('warns when the snapshot is more than 7 days old, and dates it by its oldest reading', async () => {
    const host = await session.host(
      demoWith({ host: { nestedAppAuth: false, clientId: CLIENT_ID }, proxyResults: {} }),
    );
    const now = Date.now();
    const scanner = { kind: 'scanner' as const, name: 'nightly' };
    await seedSnapshot(host, [
      snapshotApp(HOME, PROD_APP, now - 10 * DAY, scanner, [
        { startDateTime: new Date(now - 87 * DAY).toISOString(), endDateTime: new Date(now + 5 * DAY).toISOString() },
      ]),
      snapshotApp(HOME, STAGING_APP, now - 2 * DAY, { kind: 'hub', name: 'Megan Bowen' }, [
        { startDateTime: new Date(now - 70 * DAY).toISOString(), endDateTime: new Date(now + 20 * DAY).toISOString() },
      ]),
    ]);
    const { page, errors } = await session.page();
    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    const note = await frame.waitForSelector('.sce-snapshot-note');
    const text = (await note.textContent()) ?? '';
    expect(text).toContain(`2 expiry dates come from the last shared reading, as of ${day(now - 10 * DAY)}`);
    expect(text).toContain('(10 days ago, by scheduled scan nightly)');
    expect(text).toContain('That is more than 7 days old');
    expect(await rowStatus(frame, PROD)).toBe('critical');
    expect(await rowText(frame, PROD)).toMatch(
      new RegExp(`As of ${day(now - 10 * DAY)} \\(scheduled scan nightly\\)\\.\\s*$`),
    );
    expect(await rowStatus(frame, STAGING)).toBe('warning');
    expect(await rowText(frame, STAGING)).toMatch(new RegExp(`As of ${day(now - 2 * DAY)} \\(Megan Bowen\\)\\.\\s*$`));
    expect(host.graphStats.requests).toBe(0);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it("keeps both writers' apps when a scheduled scan publishes while the hub saves its Graph reading", async () => {
    // The scanner publishes exactly between the hub's read-before-save (answered: no document yet) and its
    // create: the local host runs the scanner's write after answering that read and before sending the answer.
    // While Graph is read the hub makes no Azure DevOps call, so the first snapshot read after Graph started is
    // that read.
    const host = await session.host(demoWith());
    const data = extensionData(host);
    const scannerApp = snapshotApp(
      USGOV_TENANT,
      'aa11bb22-cc33-4d44-8e55-ff6677889900',
      Date.now() - 60_000,
      { kind: 'scanner', name: 'nightly' },
      [
        {
          startDateTime: new Date(Date.now() - 10 * DAY).toISOString(),
          endDateTime: new Date(Date.now() + 80 * DAY).toISOString(),
        },
      ],
      'platform-deployer',
    );
    const { page, errors } = await session.page(undefined, { extensionDataConflicts: true });
    const snapshotUrl = /\/Collections\/credential-snapshots\/Documents/i;
    let scannerWrite: Promise<DocAnswer> | null = null;
    host.afterDocumentRead(async (collection) => {
      if (scannerWrite || collection.toLowerCase() !== SNAPSHOTS.toLowerCase() || host.graphStats.requests === 0)
        return;
      host.afterDocumentRead(null);
      scannerWrite = data.create(SNAPSHOTS, { id: PROJECT, version: 1, apps: Object.fromEntries([scannerApp]) });
      await scannerWrite.catch(() => undefined); // awaited below; a failure is reported there
    });
    const hubWrites: { method: string; status: number }[] = [];
    page.on('response', (res) => {
      const method = res.request().method();
      if (method !== 'GET' && method !== 'OPTIONS' && snapshotUrl.test(res.url()))
        hubWrites.push({ method, status: res.status() });
    });

    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    // The hub sends its read-before-save after the last verdict is drawn: wait for the host to have answered it.
    const scannerWrote = await until("the hub's read before its save", async () => scannerWrite);
    expect((await scannerWrote).status).toBe(200);
    const final = await until('the hub to save its reading', async () => {
      const doc = await data.get(SNAPSHOTS, PROJECT);
      const apps = (doc.body?.apps ?? {}) as Record<string, { takenBy: { kind: string } }>;
      return Object.values(apps).some((a) => a.takenBy.kind === 'hub') ? doc : null;
    });
    // The race happened: the hub's first write was refused, then it merged and wrote again (the browser's
    // response events may reach the test after the document changed on the server: wait for them).
    await until("the hub's accepted write to reach the test", async () => hubWrites.some((w) => w.status === 200));
    expect(hubWrites.length).toBeGreaterThanOrEqual(2);
    expect(hubWrites[0].status).toBe(409);
    expect(hubWrites[hubWrites.length - 1].status).toBe(200);

    const apps = final.body?.apps as Record<string, { appId: string; takenBy: { kind: string; name: string } }>;
    // Read as every reader does (the SDK channel drops null fields on the way to the host, as in Azure DevOps).
    expect(readSnapshot(final.body, PROJECT, Date.now()).apps[scannerApp[0]]).toEqual(scannerApp[1]);
    // Every app the hub read from Graph (the nine public-cloud secret or certificate rows whose app exists), by the
    // hub's user; the US Government app is not asked for (the host signs in to the public cloud only).
    const hubKeys = Object.keys(apps).filter((k) => apps[k].takenBy.kind === 'hub');
    expect(hubKeys).toHaveLength(9);
    expect(apps[appKey(HOME, PROD_APP)].takenBy).toEqual({ kind: 'hub', name: 'Adele Vance' });
    expect(apps[appKey(USGOV_TENANT, '6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f')]).toBeUndefined();
    expect(Object.keys(apps)).toHaveLength(10);
    expect(JSON.stringify(final.body)).not.toMatch(/"hint"|secretText/);
    expect(final.body?.__etag).toBe(hubWrites.filter((w) => w.status === 200).length + 1);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('"Check now" without Graph: an expired-secret failure makes the row expired, another failure is shown as broken now', async () => {
    const demo = fixture('demo');
    const host = await session.host(
      demoWith({
        host: { nestedAppAuth: false, clientId: CLIENT_ID },
        proxyResults: {
          ...demo.proxyResults,
          [USGOV]: { statusCode: 'badRequest', errorMessage: EXPIRED_SECRET },
          [SHARED]: { statusCode: 'badRequest', errorMessage: FORBIDDEN },
          [REPORTING]: { statusCode: 'unauthorized', errorMessage: 'unauthorized: Invalid client id or client secret' },
        },
      }),
    );
    const { page, errors } = await session.page();
    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    // On its own, the hub checks the first five secret-based rows only: ACR's AADSTS7000222 shows at once.
    await frame.waitForSelector(`tr[data-connection-id="${ACR}"][data-status="expired"]`);
    await until('the automatic checks', async () => host.devopsStats.proxyCalls >= 5);
    await page.waitForTimeout(300);
    expect(host.devopsStats.proxyCalls).toBe(5);
    for (const id of [USGOV, SHARED, REPORTING]) expect(await rowStatus(frame, id)).toBe('unknown');

    await openDetails(frame, USGOV, 'arm-federal-usgov');
    await frame.click(`[data-details-for="${USGOV}"] button:has-text("Check now")`);
    const usgov = await frame.waitForSelector(`[data-details-for="${USGOV}"] [data-health="broken"]`);
    expect(await usgov.textContent()).toContain('AADSTS7000222');
    await frame.waitForSelector(`[data-details-for="${USGOV}"] [data-finding="broken-now"]`);
    await frame.waitForSelector(`tr[data-connection-id="${USGOV}"][data-status="expired"]`);
    expect(await rowText(frame, USGOV)).toMatch(/Entra ID refuses the connection's secret/);
    expect(host.devopsStats.proxyCalls).toBe(6);
    await closeDetails(frame);

    await openDetails(frame, SHARED, 'arm-shared-platform');
    await frame.click(`[data-details-for="${SHARED}"] button:has-text("Check now")`);
    const shared = await frame.waitForSelector(`[data-details-for="${SHARED}"] [data-health="broken"]`);
    expect(await shared.textContent()).toContain('AuthorizationFailed: the client has no role on the subscription');
    const finding = await frame.waitForSelector(`[data-details-for="${SHARED}"] [data-finding="broken-now"]`);
    expect(await finding.textContent()).toContain('AuthorizationFailed');
    expect(await rowStatus(frame, SHARED)).toBe('unknown');
    expect(host.devopsStats.proxyCalls).toBe(7);
    await closeDetails(frame);

    // "Check all now" checks every Azure connection; the docker-style message expires the ambiguous one.
    await frame.click(command('check-all'));
    await frame.waitForSelector(`tr[data-connection-id="${REPORTING}"][data-status="expired"]`);
    await until('every check', async () => host.devopsStats.proxyCalls >= 7 + 14);
    expect(await rowStatus(frame, SHARED)).toBe('unknown');
    expect(await rowStatus(frame, USGOV)).toBe('expired');
    expect(await rowStatus(frame, PROD)).toBe('unknown');
    // A passing check: through the extension client (enumsAsNumbers=true) the proxy answers statusCode 200.
    await openDetails(frame, PROD, 'arm-fabrikam-prod');
    const passed = await frame.waitForSelector(`[data-details-for="${PROD}"] [data-health="ok"]`);
    expect(await passed.textContent()).not.toMatch(/answered 200|broken/i);
    expect(await frame.$(`[data-details-for="${PROD}"] [data-finding="broken-now"]`)).toBeNull();
    await closeDetails(frame);
    expect(host.graphStats.requests).toBe(0);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('refuses a pasted Azure DevOps token as "not Microsoft Graph", then reads Graph with a pasted Graph token', async () => {
    const host = await session.host(demoWith({ host: { nestedAppAuth: true, clientId: null } }));
    const { page, errors } = await session.page();
    const frame = await openHub(page, host);
    await waitForVerdicts(frame);
    expect(await rowStatus(frame, PROD)).toBe('unknown');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const adoToken = fakeJwt({ aud: ADO_AUDIENCE, tid: HOME, exp, scp: 'user_impersonation' });
    const graphToken = fakeJwt({ aud: 'https://graph.microsoft.com', tid: HOME, exp, scp: 'Application.Read.All' });
    const field = 'input[aria-label="Microsoft Graph access token"]';

    await frame.click(command('token'));
    await frame.fill(field, adoToken);
    expect(await frame.getAttribute(field, 'type')).toBe('password');
    await frame.click('.bolt-panel button:has-text("Use token")');
    const refusal = await frame.waitForSelector('.bolt-panel >> text=/not Microsoft Graph/');
    expect(await refusal.textContent()).toContain(ADO_AUDIENCE);
    expect(host.graphStats.requests).toBe(0);
    expect(await rowStatus(frame, PROD)).toBe('unknown');

    await frame.fill(field, graphToken);
    await frame.click('.bolt-panel button:has-text("Use token")');
    await frame.waitForSelector('.bolt-panel', { state: 'detached' });
    const until_ = new Date(exp * 1000).toISOString().slice(11, 16);
    await frame.waitForSelector(`text=Using a pasted Graph token until ${until_} UTC, for this page view only.`);
    await waitForVerdicts(frame);
    const statuses = await statusesById(frame);
    const expected = Object.fromEntries([...demoExpectations()].map(([id, e]) => [id, e.status]));
    // The pasted token serves its own tenant only: the US Government connection stays unknown.
    expect(statuses).toEqual({ ...expected, [USGOV]: 'unknown' });
    expect(host.graphStats.tokens.get(graphToken)).toBeGreaterThan(0);
    expect(host.graphStats.tokens.has(adoToken)).toBe(false);
    // For this page view only: not in the page's storage, its text, or the shared snapshot.
    const kept = await frame.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.body.innerText,
    );
    expect(kept).not.toContain(graphToken);
    const snapshot = await until('the snapshot', async () => {
      const doc = await extensionData(host).get(SNAPSHOTS, PROJECT);
      return doc.status === 200 ? doc : null;
    });
    expect(JSON.stringify(snapshot.body)).not.toContain(graphToken.split('.')[1]);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('keeps the thresholds across reloads: 20 days left turns from warning to healthy', async () => {
    const host = await session.host(demoWith());
    const { page, errors } = await session.page();
    let frame = await openHub(page, host);
    await waitForVerdicts(frame);
    expect(await rowStatus(frame, STAGING)).toBe('warning');
    expect(await rowStatus(frame, PROD)).toBe('critical');

    await frame.click(command('settings'));
    await expectSettingsFields(frame, { clientId: CLIENT_ID, warning: '30', critical: '7' });
    await frame.fill('input[aria-label="Warning threshold in days"]', '10');
    await frame.fill('input[aria-label="Critical threshold in days"]', '3');
    await frame.click('.bolt-panel button:has-text("Save")');
    await frame.waitForSelector('.bolt-panel', { state: 'detached' });
    await frame.waitForSelector(`tr[data-connection-id="${STAGING}"][data-status="healthy"]`);

    frame = await openHub(page, host); // reload the host page
    await waitForVerdicts(frame);
    const statuses = await statusesById(frame);
    expect(statuses[STAGING]).toBe('healthy'); // 20 days > 10
    expect(statuses[SHARED]).toBe('healthy'); // 25 days
    expect(statuses[REPORTING]).toBe('healthy'); // 12 days
    expect(statuses[PROD]).toBe('critical'); // 3 days ≤ 3
    await frame.click(command('settings'));
    await expectSettingsFields(frame, { clientId: CLIENT_ID, warning: '10', critical: '3' });
    await frame.click('.bolt-panel button:has-text("Cancel")');

    const doc = await extensionData(host).get(PROJECT_SETTINGS, PROJECT);
    expect(doc.body).toMatchObject({ id: PROJECT, warningDays: 10, criticalDays: 3 });
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it("keeps the organization's Entra client ID across reloads: a host with none starts reading Graph", async () => {
    const host = await session.host(demoWith({ host: { nestedAppAuth: true, clientId: null }, proxyResults: {} }));
    const { page, errors } = await session.page();
    let frame = await openHub(page, host);
    await waitForVerdicts(frame);
    expect(await rowStatus(frame, STAGING)).toBe('unknown');
    await frame.click(command('settings'));
    await expectSettingsFields(frame, { clientId: '', warning: '30', critical: '7' });
    await frame.fill('input[aria-label="Entra application (client) ID"]', CLIENT_ID);
    await frame.click('.bolt-panel button:has-text("Save")');
    await frame.waitForSelector('.bolt-panel', { state: 'detached' });
    await frame.waitForSelector(`tr[data-connection-id="${STAGING}"][data-status="warning"]`);

    frame = await openHub(page, host);
    await waitForVerdicts(frame);
    expect(await rowStatus(frame, STAGING)).toBe('warning');
    await frame.click(command('settings'));
    await expectSettingsFields(frame, { clientId: CLIENT_ID, warning: '30', critical: '7' });
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);
});

async function expectSettingsFields(
  frame: Frame,
  want: { clientId: string; warning: string; critical: string },
): Promise<void> {
  const value = (label: string) => frame.inputValue(`.bolt-panel input[aria-label="${label}"]`);
  await frame.waitForSelector('.bolt-panel input[aria-label="Warning threshold in days"]');
  expect({
    clientId: await value('Entra application (client) ID'),
    warning: await value('Warning threshold in days'),
    critical: await value('Critical threshold in days'),
  }).toEqual(want);
}
