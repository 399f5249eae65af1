import { readFileSync } from 'fs';
import type { Frame, Page } from 'playwright-core';
import type { Fixture } from '../../src/devhost/fixture';
import type { LocalHost } from '../../src/devhost/server';
import { parseEndpoint } from '../../src/core/endpoint';
import { appKey } from '../../src/core/graphQueries';
import { readSnapshot } from '../../src/core/snapshot';
import { describeViolations, runAxe, seriousOrWorse } from './support/axe';
import { browserSuite, launchBrowser } from './support/browser';
import { extensionData, snapshotApp, SNAPSHOTS } from './support/extensionData';
import { allRows, fixture, HubSession, summaryCounts } from './support/hub';
import { openOrgHub, projectTiles, waitForOrgVerdicts, withoutRefusalOf } from './support/orgHub';
import { saveScreenshot, VIEWPORT } from './support/screenshot';

/**
 * Issue 11 in the real bundles inside the local host (tests/e2e/fixtures/org.json): five projects, one
 * connection shared by two, one project whose list answers 403, hostile names, a viewer with Graph and one
 * with only the shared snapshots, and the CSV/JSON exports of what is on screen.
 */

const HOME = '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10';
const OTHER = '3c1d9e7f-2a4b-4c6d-8e0f-1a3b5c7d9e21';
const PROJECT_FILTER = 'input[aria-label="Filter connections by project"]';
const PROJECTS = {
  web: 'b7c1e9a4-2f3d-4a8b-9e6c-5d0f1a2b3c4d',
  platform: 'e2d4f6a8-1b3c-4d5e-8f70-9a1b2c3d4e5f',
  payments: 'a1c3e5f7-9b2d-4f46-8a1c-3e5f7a9b1c2d',
  locked: 'd4f6a8c0-2e4a-4c6e-9f1a-3b5d7f9a1c3e',
  hostile: 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f',
};
const HOSTILE_PROJECT = '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)>';
const HOSTILE_CONNECTION = "=cmd|' /C calc'!A0 <b>bold</b>";
const id = (n: number) => `e1000000-0000-4000-8000-00000000000${n}`;
const app = (n: number) => `11111111-aaaa-4aaa-8aaa-00000000000${n}`;
const EXPECTED: Record<string, string> = {
  [id(1)]: 'critical', // arm-web-prod, now+3d
  [id(2)]: 'not-applicable', // github-web
  [id(3)]: 'warning', // arm-shared-platform, Fabrikam Web + Platform, now+20d
  [id(4)]: 'healthy', // arm-platform-infra, other tenant
  [id(5)]: 'healthy', // arm-payments-infra: same app as arm-platform-infra
  [id(6)]: 'expired', // acr-payments-push
  [id(7)]: 'warning', // hostile name, hostile project
};
const LOCKED_CONNECTION = id(8);
const command = (name: string) => `button[id$="sce-command-${name}"]`;

const session = new HubSession();

async function open(host: LocalHost, query = ''): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const { page, errors } = await session.page();
  const frame = await openOrgHub(page, host, query);
  await waitForOrgVerdicts(frame);
  return { page, frame, errors };
}

function expectNoErrors(errors: string[]): void {
  const left = withoutRefusalOf('Locked Down', errors);
  if (left.length) throw new Error(`console errors:\n${left.join('\n')}`);
}

async function download(page: Page, frame: Frame, name: string): Promise<{ file: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), frame.click(command(name))]);
  const path = await file.path();
  return { file: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** RFC 4180 reader, enough for the export: quoted cells with doubled quotes, commas and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

browserSuite('tests/e2e/orgHub')('organization hub in the local host', () => {
  let host: LocalHost;
  beforeAll(async () => {
    await session.start(launchBrowser);
    host = await session.host(fixture('org'));
  }, 120_000);
  afterAll(() => session.close());

  it('lists every readable project once, a shared connection once with both projects, and one line for the 403 project', async () => {
    const graphBefore = { ...host.graphStats, paths: [...host.graphStats.paths] };
    const { page, frame, errors } = await open(host);
    const rows = await allRows(frame);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual(EXPECTED);
    expect(rows.filter((r) => r.id === id(3))).toHaveLength(1);
    const shared = rows.find((r) => r.id === id(3));
    expect(shared?.text).toContain('Fabrikam Web');
    expect(shared?.text).toContain('also Platform');
    expect(rows.map((r) => r.id)).not.toContain(LOCKED_CONNECTION);
    expect(rows[0].id).toBe(id(6)); // most severe first: the expired one

    const problems = await frame.$$eval('[data-project-problem]', (els) =>
      els.map((el) => [el.getAttribute('data-project-problem'), el.getAttribute('data-problem'), el.textContent]),
    );
    expect(problems).toEqual([
      [PROJECTS.locked, 'refused', 'You do not have permission to see the service connections of Locked Down (403).'],
    ]);

    const counts = await summaryCounts(frame);
    expect(counts).toMatchObject({ expired: 1, critical: 1, warning: 2, healthy: 2, 'not-applicable': 1 });
    // Tiles: the project with the expired connection first, then the critical one; the refused one says so.
    const tiles = await projectTiles(frame);
    expect(tiles.slice(0, 2).map((t) => t.id)).toEqual([PROJECTS.payments, PROJECTS.web]);
    expect(tiles.find((t) => t.id === PROJECTS.locked)?.text).toContain('Not readable');
    expect(tiles.find((t) => t.id === PROJECTS.platform)?.text).toContain('1 warning');

    // One Graph lookup per (tenant, app) for the whole organization: five apps, although six connections
    // need one (two share an app across projects), and nothing for the project that refused.
    const asked = host.graphStats.paths.slice(graphBefore.paths.length);
    expect(host.graphStats.lookups - graphBefore.lookups).toBe(5);
    expect(host.graphStats.batches - graphBefore.batches).toBe(2); // one $batch per tenant
    expect(asked.filter((p) => p.includes(app(3)))).toHaveLength(1);
    expect(asked.filter((p) => p.includes(app(6)))).toHaveLength(0);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('filters by project (dropdown and tile) and by keyword across projects', async () => {
    const { page, frame, errors } = await open(host);
    // The project filter is azure-devops-ui's Dropdown: Down opens it, the arrows move, Enter chooses.
    expect(await frame.$('select')).toBeNull();
    await frame.focus(PROJECT_FILTER);
    await page.keyboard.press('ArrowDown');
    await frame.waitForSelector('[role="listbox"] [role="option"]');
    for (let i = 0; i < 8; i++) {
      const focused = await frame.evaluate(() => document.activeElement?.closest('[role="option"]')?.textContent ?? '');
      if (focused === 'Platform') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await frame.waitForFunction(() => document.querySelector('.sce-count')?.textContent === '2 of 7 connections');
    expect((await allRows(frame)).map((r) => r.id).sort()).toEqual([id(3), id(4)]);

    await frame.click(`[data-project-id="${PROJECTS.payments}"]`);
    await frame.waitForFunction(() => document.querySelector('.sce-count')?.textContent === '2 of 7 connections');
    expect((await allRows(frame)).map((r) => r.id)).toEqual([id(6), id(5)]);
    expect(await frame.$eval(PROJECT_FILTER, (s) => (s as HTMLInputElement).value)).toBe('Payments');
    await frame.click(`[data-project-id="${PROJECTS.payments}"]`); // again: all projects
    await frame.fill('input[aria-label="Filter connections by keyword"]', 'platform');
    // Keyword matches names and project names: the shared one (project Platform) and arm-platform-infra.
    await frame.waitForFunction(() => /^3 of 7/.test(document.querySelector('.sce-count')?.textContent ?? ''));
    expect((await allRows(frame)).map((r) => r.id).sort()).toEqual([id(3), id(4), id(5)]);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('exports the current view as scanner JSON and formula-safe CSV, in the order on screen', async () => {
    const { page, frame, errors } = await open(host);
    await frame.fill('input[aria-label="Filter connections by keyword"]', 'arm');
    await frame.waitForFunction(() => /^4 of 7/.test(document.querySelector('.sce-count')?.textContent ?? ''));
    const onScreen = (await allRows(frame)).map((r) => r.id);

    const json = await download(page, frame, 'export-json');
    expect(json.file).toMatch(/^service-connections-contoso-\d{4}-\d{2}-\d{2}\.json$/);
    const report = JSON.parse(json.text);
    expect(Object.keys(report).sort()).toEqual(['connections', 'errors', 'scannedAt', 'summary', 'thresholds']);
    expect(report.connections.map((c: { id: string }) => c.id)).toEqual(onScreen);
    expect(report.summary).toEqual({
      expired: 0,
      critical: 1,
      warning: 1,
      healthy: 2,
      noSecret: 0,
      unknown: 0,
      notApplicable: 0,
    });
    const shared = report.connections.find((c: { id: string }) => c.id === id(3));
    expect(shared).toMatchObject({
      project: 'Fabrikam Web',
      projects: ['Fabrikam Web', 'Platform'],
      status: 'warning',
    });
    expect(shared.links.devops).toContain(`/Fabrikam%20Web/_settings/adminservices?resourceId=${id(3)}`);
    expect(report.errors).toEqual([
      {
        kind: 'project',
        name: 'Locked Down',
        message: 'You do not have permission to see the service connections of Locked Down (403).',
      },
    ]);
    // Never a secret hint in a report.
    expect(json.text).not.toContain('"hint"');

    const csv = await download(page, frame, 'export-csv');
    expect(csv.file).toMatch(/\.csv$/);
    const lines = parseCsv(csv.text.replace(/^\ufeff/, ''));
    expect(lines[0].slice(0, 4)).toEqual(['status', 'name', 'project', 'projects']);
    expect(lines.slice(1).map((l) => l[lines[0].indexOf('id')])).toEqual(onScreen);

    // The hostile connection and project: quoted as text, never a formula.
    await frame.fill('input[aria-label="Filter connections by keyword"]', 'calc');
    await frame.waitForFunction(() => /^1 of 7/.test(document.querySelector('.sce-count')?.textContent ?? ''));
    const hostile = parseCsv((await download(page, frame, 'export-csv')).text.replace(/^\ufeff/, ''));
    const cell = (name: string) => hostile[1][hostile[0].indexOf(name)];
    expect(cell('name')).toBe(`'${HOSTILE_CONNECTION}`);
    expect(cell('project')).toBe(`'${HOSTILE_PROJECT}`);
    expect(cell('appDisplayName')).toBe("'=SUM(1+1) <script>alert(1)</script>");
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('shows hostile project, connection and app names as text, and passes axe-core', async () => {
    const { page, frame, errors } = await open(host);
    await frame.evaluate(() => ((window as unknown as { alerted: boolean }).alerted = false));
    const row = (await allRows(frame)).find((r) => r.id === id(7));
    expect(row?.text).toContain(HOSTILE_CONNECTION);
    expect(row?.text).toContain(HOSTILE_PROJECT);
    expect(await frame.$$eval('img[src="x"], script:not([src]), tr b', (els) => els.length)).toBe(0);
    expect(await frame.textContent(`[data-project-id="${PROJECTS.hostile}"]`)).toContain(HOSTILE_PROJECT);

    const list = seriousOrWorse(await runAxe(frame));
    await frame.click(`tr[data-connection-id="${id(3)}"]`);
    await frame.waitForSelector(`[data-details-for="${id(3)}"]`);
    expect(await frame.textContent(`[data-details-for="${id(3)}"]`)).toContain('Fabrikam Web, Platform');
    await frame.waitForTimeout(300); // the panel's slide-in animation
    const details = seriousOrWorse(await runAxe(frame));
    const report = [
      list.length ? `List view:\n${describeViolations(list)}` : '',
      details.length ? `Details panel:\n${describeViolations(details)}` : '',
    ].join('\n');
    expect(report.trim()).toBe('');
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it("writes each project's snapshot after a live read, with the apps of that project's connections", async () => {
    // The first tests already read Graph live; each readable project now holds its own apps.
    const data = extensionData(host);
    const keys = async (project: string) => {
      const doc = await data.get(SNAPSHOTS, project);
      expect(doc.status).toBe(200);
      return Object.keys(readSnapshot(doc.body, project, Date.now()).apps).sort();
    };
    expect(await keys(PROJECTS.platform)).toEqual([appKey(HOME, app(2)), appKey(OTHER, app(3))].sort());
    expect(await keys(PROJECTS.payments)).toEqual([appKey(HOME, app(4)), appKey(OTHER, app(3))].sort());
    expect(await keys(PROJECTS.web)).toEqual([appKey(HOME, app(1)), appKey(HOME, app(2))].sort());
    expect((await data.get(SNAPSHOTS, PROJECTS.locked)).status).toBe(404);
  }, 30_000);

  it('"Used by": execution history read in every project of each connection on a first visit, then from the snapshots alone', async () => {
    // A record as the REST API returns it (demo.json's shape): a build of pipeline 12 that used both connections.
    const record = (endpointId: string) => ({
      endpointId,
      data: {
        id: 7001,
        planType: 'Build',
        definition: { id: 12, name: 'fabrikam-web-ci' },
        owner: { id: 1207, name: '20261127.3' },
        ownerDetails: '',
        startTime: '{{now-26h}}',
        finishTime: '{{now-25h}}',
        result: 'succeeded',
      },
    });
    const withHistory: Fixture = {
      ...fixture('org'),
      // History is per project: the shared connection's use is in Fabrikam Web's history, none in Platform's.
      // (The fixture as normalized: every record per endpoint, and the per-project split.)
      executionHistory: { [id(1)]: [record(id(1))], [id(3)]: [record(id(3))] },
      historyByProject: { [id(3)]: { 'fabrikam web': [record(id(3))], platform: [] } },
    };
    const usageHost = await session.host(withHistory);
    // Each Entra-backed connection of the projects the viewer can read, once in each project that references it.
    const readable = new Set(['Fabrikam Web', 'Platform', 'Payments', HOSTILE_PROJECT]);
    const expected = withHistory.endpoints
      .map(parseEndpoint)
      .filter((c) => c.entraBacked && c.projects.some((p) => readable.has(p.name)))
      .reduce((n, c) => n + c.projects.length, 0);
    const visit = async () => {
      const before = usageHost.devopsStats.historyPages;
      const { page, frame, errors } = await open(usageHost);
      await frame.waitForFunction(() =>
        /Fresh readings saved for 4 projects/.test(document.querySelector('.sce-header')?.textContent ?? ''),
      );
      const rows = Object.fromEntries((await allRows(frame)).map((r) => [r.id, r.text]));
      expectNoErrors(errors);
      await page.context().close();
      return { requests: usageHost.devopsStats.historyPages - before, rows };
    };
    const first = await visit();
    expect(first.requests).toBe(expected);
    expect(first.rows[id(1)]).toMatch(/1 pipeline\s*last \d{1,2}\/\d{1,2}\/\d{4}/);
    expect(first.rows[id(3)]).toMatch(/1 pipeline/);
    expect(first.rows[id(4)]).toMatch(/No pipeline/);
    // The next visit finds every project's snapshot fresh: no history request, the same "Used by".
    const second = await visit();
    expect(second.requests).toBe(0);
    expect(second.rows[id(1)]).toMatch(/1 pipeline/);
    expect(second.rows[id(4)]).toMatch(/No pipeline/);
    const doc = await extensionData(usageHost).get(SNAPSHOTS, PROJECTS.platform);
    const usage = readSnapshot(doc.body, PROJECTS.platform, Date.now()).usage ?? {};
    expect(Object.keys(usage).sort()).toEqual([id(3), id(4)].sort());
    expect(usage[id(3)].pipelines.map((p) => p.definitionName)).toEqual(['fabrikam-web-ci']);
  }, 60_000);

  it('a viewer without Graph sees each project’s snapshot verdicts, and what Azure DevOps knows elsewhere', async () => {
    const noGraph: Fixture = { ...fixture('org'), host: { nestedAppAuth: true, clientId: null } };
    const blind = await session.host(noGraph);
    const data = extensionData(blind);
    const now = Date.now();
    const DAY = 86_400_000;
    const by = { kind: 'scanner' as const, name: 'nightly' };
    // A scheduled scan left readings for Platform (its two apps) but not for Payments.
    await data.set(SNAPSHOTS, {
      id: PROJECTS.platform,
      version: 1,
      __etag: -1,
      apps: Object.fromEntries([
        snapshotApp(HOME, app(2), now - DAY, by, [
          {
            startDateTime: new Date(now - 80 * DAY).toISOString(),
            endDateTime: new Date(now + 20 * DAY).toISOString(),
          },
        ]),
        snapshotApp(OTHER, app(3), now - DAY, by, [
          {
            startDateTime: new Date(now - 80 * DAY).toISOString(),
            endDateTime: new Date(now + 200 * DAY).toISOString(),
          },
        ]),
      ]),
    });
    const { page, frame, errors } = await open(blind);
    const statuses = Object.fromEntries((await allRows(frame)).map((r) => [r.id, r.status]));
    expect(statuses).toMatchObject({
      [id(3)]: 'warning', // from Platform's snapshot, although it is listed under Fabrikam Web first
      [id(4)]: 'healthy',
      [id(5)]: 'healthy', // Payments has no snapshot, but its app was read for Platform
      [id(1)]: 'unknown', // nobody has read this app: what Azure DevOps knows, with the reason
      [id(6)]: 'unknown',
    });
    const reason = await frame.textContent(`tr[data-connection-id="${id(1)}"]`);
    expect(reason).toMatch(/no Entra app is configured/i);
    expect(await frame.textContent('.sce-snapshot-note')).toMatch(/from the last shared reading/);
    expect(blind.graphStats.requests).toBe(0);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);

  it('a 4.7 MB snapshot the project hub reads is read by the organization hub too (issue 21)', async () => {
    const noGraph: Fixture = { ...fixture('org'), host: { nestedAppAuth: true, clientId: null } };
    const blind = await session.host(noGraph);
    const now = Date.now();
    const DAY = 86_400_000;
    const by = { kind: 'scanner' as const, name: 'nightly' };
    const secret = (days: number) => ({
      startDateTime: new Date(now - 80 * DAY).toISOString(),
      endDateTime: new Date(now + days * DAY).toISOString(),
    });
    // 4.7 MB of readings: thousands of other apps' credentials, as a large organization's scan leaves.
    const filler = Array.from({ length: 6_200 }, (_, i) =>
      snapshotApp(HOME, `22222222-aaaa-4aaa-8aaa-${String(i).padStart(12, '0')}`, now - DAY, by, [
        { ...secret(100), displayName: 'x'.repeat(300) },
      ]),
    );
    const doc = {
      id: PROJECTS.platform,
      version: 1,
      __etag: -1,
      apps: Object.fromEntries([snapshotApp(HOME, app(2), now - DAY, by, [secret(20)]), ...filler]),
    };
    const size = JSON.stringify(doc).length;
    expect(size).toBeGreaterThan(4_500_000);
    expect(size).toBeLessThan(5_000_000);
    expect((await extensionData(blind).set(SNAPSHOTS, doc)).status).toBe(200);
    const { page, frame, errors } = await open(blind);
    const statuses = Object.fromEntries((await allRows(frame)).map((r) => [r.id, r.status]));
    expect(statuses[id(3)]).toBe('warning');
    expectNoErrors(errors);
    await page.context().close();
  }, 120_000);

  it('screenshot: the demo organization for the README (docs/orgHub.png)', async () => {
    const demo = await session.host(fixture('demo'));
    const { page, errors } = await session.page(VIEWPORT);
    const frame = await openOrgHub(page, demo);
    await waitForOrgVerdicts(frame);
    const written = await saveScreenshot(page, frame, false, 'orgHub.png');
    expect(written.bytes).toBeGreaterThan(20_000);
    expectNoErrors(errors);
    await page.context().close();
  }, 30_000);
});
