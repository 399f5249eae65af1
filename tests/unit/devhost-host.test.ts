import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadFixture, normalizeFixture } from '../../src/devhost/fixture';
import { main, parseArgs } from '../../src/devhost/main';
import { homeTenantOf, startLocalHost, type LocalHost } from '../../src/devhost/server';

const FIXTURES = join(__dirname, '../../src/devhost/fixtures');
const DEMO = join(FIXTURES, 'demo.json');

describe('local host pages', () => {
  let host: LocalHost;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'devhost-dist-'));
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    host = await startLocalHost({ fixture: loadFixture(DEMO), port: 0, distDir: dist });
  });
  afterAll(() => host.close());

  it('serves the host page on 127.0.0.1 with the config the hub needs', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const html = await (await fetch(host.url + '?connection=abc')).text();
    const json = /<script id="host-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}';
    const config = JSON.parse(json);
    expect(config.initialConfig).toEqual({
      localGraphRoot: host.graphUrl,
      localEntraClientId: '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55',
    });
    expect(config.contributionId).toBe('local.service-connection-expiry.hub');
    expect(config.devopsRoot).toBe(host.devopsUrl);
    expect(new URL(config.hubUrl).origin).toBe(host.extensionUrl);
    expect(host.extensionUrl).not.toBe(new URL(host.url).origin);
    expect(config.naa).toMatchObject({ enabled: true, homeTenantId: '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10' });
  });

  it('serves the host scripts, and nothing outside their folder', async () => {
    const script = await fetch(host.url + 'host/hostMain.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(host.url + 'host/..%2f..%2f..%2fpackage.json')).status).toBe(404);
  });

  it('serves the extension files, and a "run webpack first" page while hub.html is missing', async () => {
    expect(await (await fetch(host.extensionUrl + '/app.js')).text()).toBe('console.log(1)');
    const hub = await (await fetch(host.extensionUrl + '/hub.html')).text();
    expect(hub).toContain('run webpack first');
    expect((await fetch(host.extensionUrl + '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});

describe('local host command line', () => {
  const errors: string[] = [];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    errors.length = 0;
    spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterEach(() => spy.mockRestore());

  it('exits 2 with one clear line for a bad fixture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devhost-bad-'));
    writeFileSync(join(dir, 'broken.json'), '{"endpoints": [');
    writeFileSync(join(dir, 'noendpoints.json'), '{"organization": "x"}');
    expect(await main(['--fixture', join(dir, 'broken.json')])).toBe(2);
    expect(await main(['--fixture', join(dir, 'noendpoints.json')])).toBe(2);
    expect(await main(['--fixture', join(dir, 'missing.json')])).toBe(2);
    expect(await main(['--port', 'eighty'])).toBe(2);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/^error: fixture: .*broken\.json is not valid JSON/);
    expect(errors[1]).toBe('error: fixture: "endpoints" must be an array of service endpoints');
    expect(errors[2]).toMatch(/^error: fixture: cannot read .*missing\.json$/);
    expect(errors[3]).toMatch(/--port/);
    for (const e of errors) expect(e).not.toContain('\n');
  });

  it('defaults to the demo fixture and resolves --fixture against the caller directory', () => {
    expect(parseArgs([], '/somewhere')).toEqual({ fixture: DEMO, ports: {} });
    expect(parseArgs(['--fixture=f.json', '--port', '0'], '/work/x')).toEqual({
      fixture: '/work/x/f.json',
      ports: { port: 0 },
    });
    expect(() => parseArgs(['--bogus'], '/')).toThrow('unknown argument --bogus');
  });
});

describe('demo fixture', () => {
  const fixture = loadFixture(DEMO);

  it('has unique connection ids and a home tenant', () => {
    const ids = fixture.endpoints.map((e) => (e as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(homeTenantOf(fixture)).toBe('8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10');
    expect(homeTenantOf(normalizeFixture({ endpoints: [] }))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is documented connection by connection in fixtures/README.md', () => {
    const readme = readFileSync(join(FIXTURES, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\|\s*`([^`]+)`\s*\|\s*`([0-9a-f-]{36})`\s*\|.*?\*\*([a-z-]+)\*\*/gm)].map(
      (m) => ({
        name: m[1],
        id: m[2],
        status: m[3],
      }),
    );
    const endpoints = fixture.endpoints.map((e) => ({
      name: (e as { name: string }).name,
      id: (e as { id: string }).id,
    }));
    expect(rows.map(({ name, id }) => ({ name, id }))).toEqual(endpoints);
    const statuses = ['expired', 'critical', 'warning', 'healthy', 'no-secret', 'unknown', 'not-applicable'];
    for (const s of statuses) expect(rows.some((r) => r.status === s)).toBe(true);
  });
});
