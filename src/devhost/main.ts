import { isAbsolute, join, relative, resolve } from 'path';
import { loadFixture, type Fixture } from './fixture';
import { startLocalHost, type LocalHost, type LocalHostOptions } from './server';
import { packageRoot } from './staticFiles';

/** `npm start [-- --fixture FILE] [--port N]`: runs the local host and prints the URL to open. */

const USAGE =
  'usage: npm start -- [--fixture FILE] [--port N]   (default fixture src/devhost/fixtures/demo.json, port 8080)';
const DEFAULT_PORT = 8080;

interface Args {
  fixture: string;
  port: number | null;
}

export function parseArgs(argv: string[], cwd: string): Args {
  const root = packageRoot(__dirname);
  let fixture = join(root, 'src', 'devhost', 'fixtures', 'demo.json');
  let port: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--fixture') fixture = resolve(cwd, value());
    else if (flag === '--port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a port number (0-65535)`);
      port = n;
    } else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return { fixture, port };
}

export async function startWithFallback(
  fixture: Fixture,
  port: number | null,
  extra: Partial<LocalHostOptions> = {},
): Promise<LocalHost> {
  try {
    return await startLocalHost({ ...extra, fixture, port: port ?? DEFAULT_PORT });
  } catch (e) {
    if (port !== null || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    console.log(`Port ${DEFAULT_PORT} is busy; using a free port instead.`);
    return startLocalHost({ ...extra, fixture, port: 0 });
  }
}

export async function main(argv: string[]): Promise<number> {
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let args: Args;
  let fixture: Fixture;
  try {
    args = parseArgs(argv, cwd);
    fixture = loadFixture(args.fixture);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
  let host: LocalHost;
  try {
    host = await startWithFallback(fixture, args.port);
  } catch (e) {
    console.error(`error: cannot start the local host: ${(e as Error).message}`);
    return 1;
  }
  const shown = isAbsolute(args.fixture) ? relative(cwd, args.fixture) || args.fixture : args.fixture;
  console.log('Service Connection Expiry — local host');
  console.log(`  Open ${host.url}  (fixture: ${shown}, ${fixture.endpoints.length} connections)`);
  console.log(`  Organization settings hub: ${host.orgHubUrl}`);
  console.log(`  Fake Azure DevOps ${host.devopsUrl}   fake Microsoft Graph ${host.graphUrl}/v1.0`);
  console.log('  Press Ctrl+C to stop.');
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      host.close().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
