import type { Frame, Page } from 'playwright-core';
import type { LocalHost } from '../../src/devhost/server';
import { browserSuite, launchBrowser } from './support/browser';
import { allRows, fixture, HubSession, openHub, waitForVerdicts } from './support/hub';

/** Issue 18: the hub reads at a glance at 1280 px, with the keyboard, and remembers the viewer's columns. */

const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';
const session = new HubSession();
let host: LocalHost;

async function demo(width = 1280): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const { page, errors } = await session.page({ width, height: 900 });
  const frame = await openHub(page, host);
  await waitForVerdicts(frame);
  return { page, frame, errors };
}

/** Every name, expiry and reason drawn, with what cuts it: overflow of itself or of its cell, or off the table. */
async function clipped(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const out: string[] = [];
    const table = document.querySelector<HTMLElement>('.bolt-table-container');
    if (table && table.scrollWidth > table.clientWidth + 1)
      out.push(`the table scrolls sideways: ${table.scrollWidth} > ${table.clientWidth}`);
    const right = table?.getBoundingClientRect().right ?? innerWidth;
    for (const tr of document.querySelectorAll<HTMLElement>('tr[data-connection-id]')) {
      const name = tr.getAttribute('data-connection-id');
      for (const sel of ['.sce-name', '.sce-expiry-date', '.sce-expiry-days', '.sce-reason']) {
        const el = tr.querySelector<HTMLElement>(sel);
        if (!el) {
          if (sel !== '.sce-expiry-date' && sel !== '.sce-expiry-days') out.push(`${name}: no ${sel}`);
          continue;
        }
        const cell = el.closest<HTMLElement>('.bolt-table-cell-content');
        const box = el.getBoundingClientRect();
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${name} ${sel}: "${el.textContent}" overflows itself`);
        if (cell && cell.scrollWidth > cell.clientWidth + 1) out.push(`${name} ${sel}: its cell overflows`);
        if (cell && el.scrollHeight > el.clientHeight + 1) out.push(`${name} ${sel}: cut at the bottom`);
        if (box.right > right + 1) out.push(`${name} ${sel}: beyond the table's right edge`);
        if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth)
          out.push(`${name} ${sel}: ellipsis`);
      }
    }
    return out;
  });
}

browserSuite('tests/e2e/readable')('readable at a glance (demo fixture)', () => {
  beforeAll(async () => {
    await session.start(launchBrowser);
    host = await session.host(fixture('demo'));
  }, 120_000);
  afterAll(() => session.close());

  it('at 1280 px cuts no connection name, expiry or reason, and shows no raw scheme', async () => {
    const { page, frame } = await demo(1280);
    const rows = await allRows(frame);
    expect(rows).toHaveLength(16);
    // allRows scrolled the virtualized list back to the top; check each row drawn while paging down.
    const problems = new Set<string>();
    const scroller = await frame.evaluateHandle(() => document.querySelector('.sce-scroll') as HTMLElement);
    for (let i = 0; i < 10; i++) {
      (await clipped(frame)).forEach((p) => problems.add(p));
      const moved = await scroller.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop += el.clientHeight * 0.6;
        return el.scrollTop !== before;
      });
      if (!moved) break;
      await frame.waitForTimeout(100);
    }
    expect([...problems]).toEqual([]);
    const text = rows.map((r) => r.text).join('\n');
    expect(text).not.toMatch(/UsernamePassword|InstallationToken|ServicePrincipal|ManagedServiceIdentity/);
    expect(text).toContain('Azure Resource Manager');
    expect(text).toContain('Secret (automatic)');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/); // one date format: the viewer's short date
    await page.context().close();
  }, 40_000);

  it('sortable headers carry aria-sort; the default order is the Status column ascending', async () => {
    const { page, frame } = await demo();
    const sorts = () =>
      frame.$$eval('th.bolt-table-header-cell-actionable', (ths) =>
        Object.fromEntries(ths.map((th) => [th.textContent?.trim(), th.getAttribute('aria-sort')])),
      );
    expect(await sorts()).toMatchObject({ Connection: 'none', Expires: 'none', Status: 'ascending' });
    await frame.click('[role="columnheader"]:has-text("Expires")');
    await frame.waitForFunction(
      () => document.querySelector('th[aria-sort="ascending"]')?.textContent?.includes('Expires') === true,
    );
    expect(await sorts()).toMatchObject({ Connection: 'none', Expires: 'ascending', Status: 'none' });
    await page.context().close();
  }, 30_000);

  it('closing the details panel (Escape or Close) returns focus to the row that opened it', async () => {
    const { page, frame } = await demo();
    const row = `tr[data-connection-id="${ACR}"]`;
    const focusedRow = () =>
      frame.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-connection-id') ?? null);
    await frame.focus(row);
    await page.keyboard.press('Enter');
    await frame.waitForSelector(`[data-details-for="${ACR}"]`);
    await page.keyboard.press('Escape');
    await frame.waitForSelector(`[data-details-for="${ACR}"]`, { state: 'detached' });
    await frame.waitForFunction(
      (id) => document.activeElement?.closest('tr')?.getAttribute('data-connection-id') === id,
      ACR,
    );
    await frame.click(row);
    await frame.waitForSelector(`[data-details-for="${ACR}"]`);
    await frame.click('button[aria-label="Close"]');
    await frame.waitForSelector(`[data-details-for="${ACR}"]`, { state: 'detached' });
    await frame.waitForFunction(
      (id) => document.activeElement?.closest('tr')?.getAttribute('data-connection-id') === id,
      ACR,
    );
    expect(await focusedRow()).toBe(ACR);
    await page.context().close();
  }, 30_000);

  it('arrow keys move between rows and, within a row, to a cut cell whose tooltip then shows its whole text', async () => {
    const { page, frame } = await demo();
    await frame.focus(`tr[data-connection-id="${ACR}"]`);
    await page.keyboard.press('ArrowDown');
    const second = await frame.evaluate(() => document.activeElement?.getAttribute('data-connection-id'));
    expect(second).toBeTruthy();
    expect(second).not.toBe(ACR);
    await page.keyboard.press('ArrowRight');
    const focused = await frame.evaluate(() => document.activeElement?.getAttribute('data-full-text') ?? null);
    expect(focused).toBeTruthy();
    // The tooltip of the details affordance tells the fix's first step, on keyboard focus too.
    await page.keyboard.press('End');
    await frame.evaluate(() => {
      const last = [
        ...(document.activeElement?.closest('tr')?.querySelectorAll<HTMLElement>('.sce-details-link') ?? []),
      ];
      last[0]?.focus();
    });
    await frame.waitForSelector('.bolt-tooltip:has-text("Open details")');
    await page.context().close();
  }, 30_000);

  it('Tab order: header commands, tiles, filter, then the table as one stop on a row; arrows reach the headers', async () => {
    const { page, frame } = await demo();
    await frame.focus('button:has-text("Refresh")');
    const where = () =>
      frame.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        if (!a || a === document.body) return 'outside';
        if (a.closest('.sce-table')) return a.matches('tr[data-row-index]') ? 'row' : `table:${a.tagName}`;
        if (a.closest('.sce-summary-item')) return 'tile';
        if (a.closest('.sce-timeline, .sce-timeline-toggle, .sce-bar')) return 'timeline';
        if (a.matches('input[aria-label="Filter connections by keyword"]')) return 'filter';
        return `command:${a.textContent?.trim()}`;
      });
    const seen = [await where()];
    for (let i = 0; i < 30 && seen[seen.length - 1] !== 'row'; i++) {
      await page.keyboard.press('Tab');
      seen.push(await where());
    }
    // The next Tab leaves the table (out of the frame, or round to the page's first control): no header stop.
    await page.keyboard.press('Tab');
    seen.push(await where());
    const groups = seen.map((s) => s.replace(/:.*/, '')).filter((g, i, all) => g !== all[i - 1]);
    expect(groups.slice(0, 6)).toEqual(['command', 'tile', 'timeline', 'filter', 'command', 'row']);
    expect(['outside', 'command']).toContain(groups[6]);
    expect(seen.filter((s) => s === 'row')).toHaveLength(1); // one stop, and no header among the stops
    expect(seen.some((s) => s.startsWith('table:'))).toBe(false);
    // Within the table the arrow keys move: up from the first row to the headers, across them, Enter sorts.
    await frame.focus('tr[data-row-index="0"]');
    await page.keyboard.press('ArrowUp');
    expect(await frame.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Connection');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await frame.waitForFunction(() =>
      document.querySelector('th[aria-sort="ascending"]')?.textContent?.includes('Type and authentication'),
    );
    // Tab back in from the filter lands on the row last focused, not on a header.
    await page.keyboard.press('ArrowDown');
    const last = await frame.evaluate(() => document.activeElement?.getAttribute('data-connection-id'));
    await frame.focus('button:has-text("Column options")');
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-connection-id'))).toBe(last);
    await page.context().close();
  }, 30_000);

  it('the column chooser hides a column, and the choice is remembered for this user on the next visit', async () => {
    const { page, frame } = await demo();
    const headers = () => frame.$$eval('[role="columnheader"]', (ths) => ths.map((th) => th.textContent?.trim()));
    expect(await headers()).toContain('App registration');
    await frame.click('button:has-text("Column options")');
    await frame.click('[role="checkbox"]:has-text("App registration")');
    await frame.click('.bolt-panel-footer button.primary');
    await frame.waitForFunction(
      () =>
        ![...document.querySelectorAll('[role="columnheader"]')].some((th) =>
          th.textContent?.includes('App registration'),
        ),
    );
    await page.waitForTimeout(300); // the save to extension data
    await page.context().close();
    const again = await demo();
    const again_headers = await again.frame.$$eval('[role="columnheader"]', (ths) =>
      ths.map((th) => th.textContent?.trim()),
    );
    expect(again_headers).not.toContain('App registration');
    expect(again_headers).toContain('Type and authentication');
    // Put it back for the other tests.
    await again.frame.click('button:has-text("Column options")');
    await again.frame.click('[role="checkbox"]:has-text("App registration")');
    await again.frame.click('.bolt-panel-footer button.primary');
    await again.frame.waitForSelector('[role="columnheader"]:has-text("App registration")');
    await again.page.waitForTimeout(300);
    await again.page.context().close();
  }, 40_000);
  it('the expiry timeline: expired at the left, then 12 months; a bar filters the table, keys move between bars, a table says the same', async () => {
    const { page, frame } = await demo();
    const bars = () =>
      frame.$$eval('.sce-bar', (els) =>
        els.map((e) => ({
          key: e.getAttribute('data-bar-key') ?? '',
          total: Number(e.getAttribute('data-bar-total')),
          label: e.getAttribute('aria-label') ?? '',
          tabIndex: (e as HTMLElement).tabIndex,
        })),
      );
    const all = await bars();
    expect(all).toHaveLength(13);
    expect(all[0]).toMatchObject({ key: 'expired', total: 1, label: 'Already expired: 1 connection' });
    // The demo's dated credentials: 1 expired, 1 critical, 4 warning, 2 healthy within a year, and the legacy issuer's
    // retirement (1 July 2027, a healthy federation until then); 1 two-year secret later.
    expect(all.reduce((n, b) => n + b.total, 0)).toBe(9);
    expect(all.find((b) => b.key === '2027-07')).toMatchObject({
      total: 1,
      label: 'July 2027: 1 connection (healthy) expires',
    });
    await frame.waitForSelector('text=1 more connection expires later.');
    expect(all.filter((b) => b.tabIndex === 0)).toHaveLength(1); // one tab stop; arrows move within
    const withRows = all.filter((b) => b.key !== 'expired' && b.total > 0);
    const first = withRows[0];
    expect(first.label).toMatch(/^\w+ \d{4}: \d+ connections? \(/);

    await frame.click(`.sce-bar[data-bar-key="${first.key}"]`);
    await frame.waitForFunction(
      (t) => document.querySelector('.sce-count')?.textContent === `${t} of 16 connections`,
      first.total,
    );
    expect(await frame.getAttribute(`.sce-bar[data-bar-key="${first.key}"]`, 'aria-pressed')).toBe('true');
    const statuses = new Set((await allRows(frame)).map((r) => r.status));
    expect([...statuses].every((s) => ['critical', 'warning', 'healthy'].includes(s))).toBe(true);
    // Clicking it again, or the filter's clear button, brings every row back.
    await frame.click(`.sce-bar[data-bar-key="${first.key}"]`);
    await frame.waitForFunction(() => document.querySelector('.sce-count')?.textContent === '16 connections');

    // Keyboard: focus the expired bar, Right moves to the next month, Enter filters by it.
    await frame.focus('.sce-bar[data-bar-key="expired"]');
    await page.keyboard.press('Enter');
    await frame.waitForFunction(() => document.querySelector('.sce-count')?.textContent === '1 of 16 connections');
    expect((await allRows(frame)).map((r) => r.status)).toEqual(['expired']);
    await frame.click('.sce-bar-filter');
    await frame.waitForFunction(() => document.querySelector('.sce-count')?.textContent === '16 connections');
    await frame.focus('.sce-bar[data-bar-key="expired"]');
    await page.keyboard.press('ArrowRight');
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-bar-key'))).toBe(all[1].key);

    // The same numbers as a table.
    await frame.click('button:has-text("Show as table")');
    const table = await frame.$$eval('.sce-timeline-table tbody tr', (trs) =>
      trs.map((tr) => Number(tr.querySelectorAll('td')[0]?.textContent)),
    );
    expect(table).toEqual(all.map((b) => b.total));
    await page.context().close();
  }, 40_000);

  it('"Check all now" says how many it checks, then what came out, and updates "Last checked"', async () => {
    const { page, frame } = await demo();
    const description = () => frame.textContent('.bolt-header-description');
    const before = await description();
    await frame.click('button:has-text("Check all now")');
    await frame.waitForSelector('[data-check-run]');
    // 14 connections stand on Entra; the demo's proxy refuses only the expired ACR secret.
    await frame.waitForFunction(
      () => document.querySelector('[data-check-run]')?.textContent === '14 checked: 13 work, 1 fails.',
      undefined,
      { timeout: 15_000 },
    );
    expect(await frame.getAttribute('[data-check-run]', 'role')).toBe('status');
    expect(await description()).toMatch(/Last checked/);
    expect(before).toMatch(/Last checked/);
    await page.context().close();
  }, 40_000);
});
