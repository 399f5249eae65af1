import { copyFileSync, cpSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Frame, Page } from 'playwright-core';
import { loadFixture, normalizeFixture, type Fixture } from '../../src/devhost/fixture';
import { startLocalHost, type LocalHost } from '../../src/devhost/server';
import { browserSuite, launchBrowser } from './support/browser';

/**
 * The local host against the real azure-devops-extension-sdk 5.0.0 and @azure/msal-browser in Chromium:
 * a throwaway extension page (tests/e2e/devhost-probe) does what the hub does and reports in #out.
 */

const ROOT = join(__dirname, '../..');
const HOME = '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10';
const GOV = '3c1d9e7f-2a4b-4c6d-8e0f-1a3b5c7d9e21';
const ACR_APP = 'c2f5a7d1-3e8b-4f90-a1c2-d3e4f5a6b7c8';

function probeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devhost-probe-'));
  cpSync(join(__dirname, 'devhost-probe'), dir, { recursive: true });
  cpSync(join(ROOT, 'node_modules/azure-devops-extension-sdk/esm'), join(dir, 'sdk'), { recursive: true });
  copyFileSync(join(ROOT, 'node_modules/@azure/msal-browser/lib/msal-browser.js'), join(dir, 'msal-browser.js'));
  return dir;
}

type Probe = Record<string, unknown> & { done?: boolean; error?: string };

async function runProbe(page: Page, host: LocalHost, query: string): Promise<{ probe: Probe; frame: Frame }> {
  await page.goto(`${host.url}?${query}`);
  const handle = await page.waitForSelector('#extension-frame');
  const frame = (await handle.contentFrame()) as Frame;
  await frame.waitForFunction(
    () => {
      const o = JSON.parse(document.getElementById('out')?.textContent || '{}');
      return o.done || o.error;
    },
    undefined,
    { timeout: 10_000 },
  );
  const probe = JSON.parse((await frame.textContent('#out')) ?? '{}') as Probe;
  return { probe, frame };
}

browserSuite('tests/e2e/devhost-protocol')('local host speaks the SDK 5.0 protocol to a real extension page', () => {
  let browser: Browser;
  let page: Page;
  let dist: string;
  const hosts: LocalHost[] = [];
  const start = async (fixture: Fixture) => {
    const host = await startLocalHost({ fixture, port: 0, distDir: dist });
    hosts.push(host);
    return host;
  };

  beforeAll(async () => {
    dist = probeDist();
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 20_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(hosts.map((h) => h.close()));
  });

  it('handshakes, serves services and extension data, and issues NAA tokens per tenant', async () => {
    const host = await start(loadFixture(join(ROOT, 'src/devhost/fixtures/demo.json')));
    const { probe } = await runProbe(page, host, `connection=abc&tenants=${HOME},${GOV}&forceRefresh=1&app=${ACR_APP}`);
    expect(probe.error).toBeUndefined();
    expect(probe.handshake).toMatchObject({
      contributionId: 'local.service-connection-expiry.hub',
      config: { localGraphRoot: host.graphUrl, localEntraClientId: '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55' },
      host: { name: 'contoso', type: 4 },
      project: { name: 'Fabrikam Web' },
      extension: 'local.service-connection-expiry',
    });
    expect(probe.root).toBe(host.devopsUrl);
    expect(probe.endpoints).toEqual({ status: 200, count: 16 });
    expect(probe.query).toEqual({ connection: 'abc', tenants: `${HOME},${GOV}`, forceRefresh: '1', app: ACR_APP });
    expect(new URL(page.url()).searchParams.get('connection')).toBe('changed-by-probe');
    expect(probe.extensionData).toEqual({ before: 0, after: 1, etag: 1, conflict: 409, missing: 404 });
    expect(probe.unknownService).toMatch(/^rejected: .*ms\.vss-no-such-service/);
    expect(probe.naa).toBe('enabled');
    const tokens = probe.tokens as { tid: string; aud: string; scp: string }[];
    expect(tokens.map((t) => t.tid)).toEqual([HOME, GOV]);
    expect(tokens[0]).toMatchObject({ aud: 'https://graph.microsoft.com', scp: 'Application.Read.All' });
    expect(probe.graph).toEqual({ status: 200, secrets: 2 });

    const devhost = await page.evaluate(() => (window as unknown as { devhost: Record<string, unknown[]> }).devhost);
    expect(devhost.loaded).toBe(true);
    expect(devhost.banners).toEqual([{ message: 'Probe banner', level: 1 }]);
    expect((devhost.toasts as { message: string }[]).map((t) => t.message)).toEqual(['Probe toast']);
    expect(devhost.warnings).toEqual([expect.stringContaining('ms.vss-no-such-service')]);
    await expect(page.textContent('#host-banner')).resolves.toContain('Probe banner');

    // Extension data outlives a page reload (the fake REST keeps it).
    const again = await runProbe(page, host, 'tenants=');
    expect(again.probe.extensionData).toMatchObject({ before: 1, after: 2, etag: 2 });
  }, 20_000);

  it('rejects SDK.enableNestedAppAuth() when the fixture host has no NAA', async () => {
    const fixture = normalizeFixture({
      ...loadFixture(join(ROOT, 'src/devhost/fixtures/demo.json')),
      host: { nestedAppAuth: false },
    });
    const host = await start(fixture);
    const { probe } = await runProbe(page, host, `tenants=${HOME}`);
    expect(probe.error).toBeUndefined();
    expect(probe.naa).toMatch(/^rejected: Nested App Authentication is not available/);
    expect(probe.tokens).toBeUndefined();
  }, 20_000);
});
