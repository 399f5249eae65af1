import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { normalizeFixture } from '../../src/devhost/fixture';
import { createLiveReload, LIVE_RELOAD_PATH } from '../../src/devhost/liveReload';
import { startLocalHost, type LocalHost } from '../../src/devhost/server';

/** `npm run dev` (local host that reloads) and `npm run dev:org` (https dev server a real organization loads). */

const ROOT = join(__dirname, '..', '..');
const fixture = normalizeFixture({ endpoints: [] });

/** Reads an event stream until `until` has been seen (or the time is up). */
async function readEvents(url: string, until: RegExp, act: () => void): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    text += decoder.decode((await reader.read()).value); // "retry: 1000": the page is listening
    act();
    while (!until.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
  } catch {
    // aborted: return what came
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return text;
}

describe('npm run dev: the local host reloads the page after each build', () => {
  let host: LocalHost;
  const reload = createLiveReload();
  beforeAll(async () => {
    host = await startLocalHost({
      fixture,
      port: 0,
      distDir: mkdtempSync(join(tmpdir(), 'dev-dist-')),
      liveReload: reload,
    });
  });
  afterAll(async () => {
    reload.close();
    await host.close();
  });

  it('loads the reload script in the host page', async () => {
    const html = await (await fetch(host.url)).text();
    expect(html).toContain('<script type="module" src="/host/liveReload.js"></script>');
    const script = await fetch(`${host.url}host/liveReload.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain(`new EventSource('${LIVE_RELOAD_PATH}')`);
  });

  it('tells listening pages to reload after a good build', async () => {
    const text = await readEvents(`${host.url}${LIVE_RELOAD_PATH.slice(1)}`, /event: reload/, () =>
      reload.notify('reload'),
    );
    expect(text).toContain('retry: 1000');
    expect(text).toMatch(/event: reload\ndata: \n\n/);
  });

  it('sends the errors of a failed build, one data line per line', async () => {
    const text = await readEvents(`${host.url}${LIVE_RELOAD_PATH.slice(1)}`, /event: failed[\s\S]*\n\n/, () =>
      reload.notify('failed', 'ERROR in ./src/x.ts\nTS1109: Expression expected.'),
    );
    expect(text).toContain('event: failed\ndata: ERROR in ./src/x.ts\ndata: TS1109: Expression expected.\n\n');
  });
});

describe('npm start: no reload without npm run dev', () => {
  it('has neither the script nor the event stream', async () => {
    const host = await startLocalHost({ fixture, port: 0, distDir: mkdtempSync(join(tmpdir(), 'dist-')) });
    try {
      expect(await (await fetch(host.url)).text()).not.toContain('/host/liveReload.js');
      expect((await fetch(`${host.url}${LIVE_RELOAD_PATH.slice(1)}`)).status).toBe(404);
    } finally {
      await host.close();
    }
  });
});

describe('webpack configurations', () => {
  interface PagesConfig {
    name?: string;
    devtool: unknown;
    output: { path: string; filename: string };
    devServer: { server: string; port: number; devMiddleware: { publicPath: string }; static: { publicPath: string } };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const all = require(join(ROOT, 'webpack.config.js')) as (
    env: unknown,
    argv: { mode?: string },
  ) => PagesConfig | PagesConfig[];
  /** The configuration npm run dev and npm run dev:org (--config-name pages) use. */
  const factory = (env: unknown, argv: { mode?: string }): PagesConfig => {
    const pages = [all(env, argv)].flat().find((c) => c.name === 'pages');
    if (!pages) throw new Error('webpack.config.js has no configuration named "pages"');
    return pages;
  };
  const manifest = JSON.parse(readFileSync(join(ROOT, 'vss-extension.json'), 'utf8')) as {
    contributions: { properties?: { uri?: string } }[];
    icons: { default: string };
  };

  it('builds development bundles with source maps into dist-dev/, never over the production dist/', () => {
    const devConfig = factory({}, { mode: 'development' });
    const prodConfig = factory({}, { mode: 'production' });
    expect(devConfig.devtool).toBe('source-map');
    expect(devConfig.output.path).toBe(join(ROOT, 'dist-dev'));
    expect(prodConfig.output.path).toBe(join(ROOT, 'dist'));
    expect(prodConfig.devtool).toBe(false);
  });

  it('serves over https, at the baseUri of the localhost variant, every file the manifest names', () => {
    const { devServer } = factory({}, { mode: 'development' });
    const localhost = JSON.parse(readFileSync(join(ROOT, 'configs/localhost.json'), 'utf8')) as { baseUri: string };
    expect(devServer.server).toBe('https');
    expect(localhost.baseUri).toBe(`https://localhost:${devServer.port}`);
    const uris = manifest.contributions.map((c) => c.properties?.uri).filter((u): u is string => !!u);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(`/${uri}`.startsWith(devServer.devMiddleware.publicPath)).toBe(true);
    expect(`/${manifest.icons.default}`.startsWith(`${devServer.static.publicPath}/`)).toBe(true);
  });

  it('npm run dev:org serves the pages configuration', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['dev:org']).toBe('webpack serve --mode development --config-name pages');
  });
});
