import { isAbsolute, join, relative, resolve } from 'path';
import { loadFixture, type Fixture } from './fixture';
import { startLocalHost, type LocalHost, type LocalHostOptions } from './server';
import { packageRoot } from './staticFiles';

/**
 * `npm start [-- --fixture FILE] [--port N] [--ado-port N] [--graph-port N]`: runs the local host and prints the URL
 * to open and the lines that run the CLI against it. The ports stay the same from one start to the next, so those
 * lines do too.
 */

const USAGE =
  'usage: npm start -- [--fixture FILE] [--port N] [--ado-port N] [--graph-port N]\n' +
  '  (default fixture src/devhost/fixtures/demo.json; ports 8080 for the host page, 8081 for the fake Azure DevOps,\n' +
  '  8082 for the fake Microsoft Graph)';
export const DEFAULT_PORTS = { port: 8080, devopsPort: 8081, graphPort: 8082 } as const;
type PortName = keyof typeof DEFAULT_PORTS;
const PORT_FLAGS: Record<string, PortName> = {
  '--port': 'port',
  '--ado-port': 'devopsPort',
  '--graph-port': 'graphPort',
};

interface Args {
  fixture: string;
  /** The ports asked for on the command line (the others take their defaults). */
  ports: Partial<Record<PortName, number>>;
}

export function parseArgs(argv: string[], cwd: string): Args {
  const root = packageRoot(__dirname);
  let fixture = join(root, 'src', 'devhost', 'fixtures', 'demo.json');
  const ports: Args['ports'] = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--fixture') fixture = resolve(cwd, value());
    else if (PORT_FLAGS[flag]) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number (0-65535)`);
      ports[PORT_FLAGS[flag]] = n;
    } else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return { fixture, ports };
}

/**
 * Starts on the ports asked for, else on the default ones; a default port that is busy is replaced by a free one
 * (and said), a port asked for is not.
 */
export async function startWithFallback(
  fixture: Fixture,
  asked: Args['ports'],
  extra: Partial<LocalHostOptions> = {},
  say: (line: string) => void = console.log,
  defaults: Record<PortName, number> = DEFAULT_PORTS,
): Promise<LocalHost> {
  const ports: Record<PortName, number> = { ...defaults, ...asked };
  for (;;) {
    try {
      return await startLocalHost({ ...extra, fixture, ...ports });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { port?: number };
      const busy = (Object.keys(ports) as PortName[]).find(
        (name) => ports[name] !== 0 && ports[name] === err.port && asked[name] === undefined,
      );
      if (err.code !== 'EADDRINUSE' || !busy) throw e;
      say(`Port ${ports[busy]} is busy; using a free port instead.`);
      ports[busy] = 0;
    }
  }
}

/** What `npm start` prints once the host is up. */
export function startMessage(host: LocalHost, fixtureShown: string, connections: number): string[] {
  return [
    'Service Connection Expiry — local host',
    `  Open ${host.url}  (fixture: ${fixtureShown}, ${connections} connections)`,
    `  Organization settings hub: ${host.orgHubUrl}`,
    `  Fake Azure DevOps ${host.devopsUrl}   fake Microsoft Graph ${host.graphUrl}/v1.0`,
    '',
    '  Try the scanner against this fake organization (from this folder, in another terminal):',
    ...host.cliLines.map((line) => `    ${line}`),
    '',
    '  Press Ctrl+C to stop.',
  ];
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
    host = await startWithFallback(fixture, args.ports);
  } catch (e) {
    console.error(`error: cannot start the local host: ${(e as Error).message}`);
    return 1;
  }
  const shown = isAbsolute(args.fixture) ? relative(cwd, args.fixture) || args.fixture : args.fixture;
  for (const line of startMessage(host, shown, fixture.endpoints.length)) console.log(line);
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
