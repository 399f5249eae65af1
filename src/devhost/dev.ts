import { join } from 'path';
import webpack from 'webpack';
import { loadFixture, type Fixture } from './fixture';
import { createLiveReload } from './liveReload';
import { parseArgs, startWithFallback } from './main';
import type { LocalHost } from './server';
import { packageRoot } from './staticFiles';

/**
 * `npm run dev [-- --fixture FILE] [--port N]`: a development build of the extension (source maps,
 * plain file names) into dist-dev/, rebuilt on every save, served by the local host, whose page
 * reloads itself after each good build and shows the errors of a bad one.
 */

type WebpackConfigFactory = (env: unknown, argv: { mode: string }) => webpack.Configuration | webpack.Configuration[];

/** The extension's pages: hubs and warning surfaces (webpack.config.js also builds the pipeline task, which the local host does not serve). */
const PAGES = 'pages';
const SURFACES = 'surfaces';

const MAX_ERROR_LINES = 20;

function firstErrors(stats: webpack.Stats | webpack.MultiStats): string {
  const text = stats.toString({ all: false, errors: true, colors: false });
  return text.split('\n').slice(0, MAX_ERROR_LINES).join('\n');
}

export async function dev(argv: string[]): Promise<number> {
  const root = packageRoot(__dirname);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let fixturePath: string;
  let ports: ReturnType<typeof parseArgs>['ports'];
  let fixture: Fixture;
  try {
    ({ fixture: fixturePath, ports } = parseArgs(argv, cwd));
    fixture = loadFixture(fixturePath);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configs = (require(join(root, 'webpack.config.js')) as WebpackConfigFactory)({}, { mode: 'development' });
  const wanted = [configs].flat().filter((c) => c.name === PAGES || c.name === SURFACES);
  const config = wanted.find((c) => c.name === PAGES);
  if (!config) {
    console.error(`error: webpack.config.js has no configuration named "${PAGES}"`);
    return 2;
  }
  const distDir = config.output?.path ?? join(root, 'dist-dev');
  const reload = createLiveReload();
  let host: LocalHost | null = null;
  let building = Date.now();
  const compiler = webpack(wanted.map((c) => ({ ...c, mode: 'development' as const })));
  for (const one of compiler.compilers)
    one.hooks.invalid.tap('sce-dev', (file) => {
      building = Date.now();
      console.log(`Rebuilding (${file ? file.replace(root + '/', '') : 'change'})…`);
    });

  return new Promise<number>((done) => {
    const watching = compiler.watch({ aggregateTimeout: 200 }, (err, stats) => {
      if (err || !stats) {
        console.error(`error: webpack: ${err?.message ?? 'no result'}`);
        reload.notify('failed', err?.message ?? 'webpack gave no result');
        return;
      }
      if (stats.hasErrors()) {
        const errors = firstErrors(stats);
        console.error(errors);
        reload.notify('failed', errors);
        return;
      }
      const ms = Date.now() - building;
      if (host) {
        console.log(`Built in ${ms} ms: reloading ${reload.listeners()} page(s).`);
        reload.notify('reload');
        return;
      }
      startWithFallback(fixture, ports, { distDir, liveReload: reload }).then(
        (started) => {
          host = started;
          console.log(`Service Connection Expiry — local host, development build (${ms} ms), rebuilt on save`);
          console.log(`  Open ${started.url}  (fixture: ${fixturePath}, ${fixture.endpoints.length} connections)`);
          console.log(`  Extension files from ${distDir} with source maps; the page reloads after each build.`);
          console.log('  Press Ctrl+C to stop.');
        },
        (e: unknown) => {
          console.error(`error: cannot start the local host: ${(e as Error).message}`);
          if (watching) watching.close(() => done(1));
          else done(1);
        },
      );
    });
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      reload.close();
      const closeHost = () => (host ? host.close() : Promise.resolve()).then(() => done(0));
      if (watching) watching.close(() => void closeHost());
      else void closeHost();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

if (require.main === module) {
  dev(process.argv.slice(2)).then((code) => process.exit(code));
}
