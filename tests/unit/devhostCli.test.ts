import { createServer, type Server } from 'http';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { run } from '../../src/cli/run';
import { FIX_EXIT } from '../../src/core/fix/plan';
import { checkPastedGraphToken, jwtClaims } from '../../src/core/jwt';
import { loadFixture } from '../../src/devhost/fixture';
import { parseArgs, startMessage, startWithFallback } from '../../src/devhost/main';
import { homeTenantOf, startLocalHost, type LocalHost } from '../../src/devhost/server';
import { EXIT } from '../../src/jobs/exitCodes';
import { captureIo } from '../support/fakeOrg';

/** The local host as a place to try the CLI: the lines it prints and shows run the scanner and the fix plan. */

const ROOT = join(__dirname, '..', '..');
const DEMO = join(ROOT, 'src/devhost/fixtures/demo.json');
const fixture = loadFixture(DEMO);
const distDir = mkdtempSync(join(tmpdir(), 'cli-dist-'));

/** `export NAME=value` lines → env; `node lib/cli/main.js …` lines → argv. */
function readLines(lines: string[]): { env: Record<string, string>; commands: string[][] } {
  const env: Record<string, string> = {};
  const commands: string[][] = [];
  for (const line of lines) {
    const exp = /^export ([A-Z_]+)=(\S+)$/.exec(line);
    if (exp) env[exp[1]] = exp[2];
    else if (line.startsWith('node lib/cli/main.js ')) commands.push(line.split(' ').slice(2));
  }
  return { env, commands };
}

describe('the local host prints and shows how to run the CLI against it', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startLocalHost({ fixture, port: 0, distDir });
  });
  afterAll(() => host.close());

  it('gives the fake PAT, a Graph token for the demo tenant and the fakes URLs, said to be demo values', () => {
    const { env, commands } = readLines(host.cliLines);
    expect(env.AZURE_DEVOPS_EXT_PAT).toBe('local-devhost-ado-token');
    const check = checkPastedGraphToken(env.GRAPH_ACCESS_TOKEN, Date.now());
    expect(check).toMatchObject({ ok: true, tenantId: homeTenantOf(fixture), graphHost: 'graph.microsoft.com' });
    expect(commands.map((c) => c[0])).toEqual(['scan', 'fix']);
    for (const c of commands) {
      expect(c[c.indexOf('--org') + 1]).toBe(host.devopsUrl.replace(/\/$/, ''));
      expect(c[c.indexOf('--graph-url') + 1]).toBe(host.graphUrl);
    }
    expect(host.cliLines.join('\n')).toMatch(/not secrets/);
    // A fixed expiry: with the same ports, every start prints the same lines.
    expect(jwtClaims(env.GRAPH_ACCESS_TOKEN)?.exp).toBe(Date.UTC(2100, 0, 1) / 1000);
  });

  it('the scan line reads the fake organization: every demo connection, its expired one, and the other tenant unknown', async () => {
    const { env, commands } = readLines(host.cliLines);
    const { io, captured } = captureIo();
    const code = await run([...commands[0], '--format', 'json'], env, io);
    const report = JSON.parse(captured.stdout) as { connections: { name: string; status: string; tenantId: string }[] };
    expect(report.connections).toHaveLength(fixture.endpoints.length);
    expect(report.connections.find((c) => c.name === 'acr-fabrikam-push')?.status).toBe('expired');
    const other = report.connections.filter((c) => c.tenantId && c.tenantId !== homeTenantOf(fixture));
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((c) => c.status === 'unknown')).toBe(true);
    expect([EXIT.failOn, EXIT.incomplete]).toContain(code);
    expect(host.graphStats.tokens.get(env.GRAPH_ACCESS_TOKEN)).toBeGreaterThan(0);
  }, 30_000);

  it('the fix line plans and writes nothing', async () => {
    const { env, commands } = readLines(host.cliLines);
    const before = { ...host.devopsStats.methods };
    const { io, captured } = captureIo();
    const code = await run(commands[1], env, io);
    expect(code).toBe(FIX_EXIT.actionLeft);
    expect(captured.stdout).toMatch(/acr-fabrikam-push/);
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect(host.devopsStats.methods[method] ?? 0).toBe(before[method] ?? 0);
    expect(host.graphStats.passwordWrites).toBe(0);
  }, 30_000);

  it('npm start prints the same lines', () => {
    const printed = startMessage(host, 'demo.json', fixture.endpoints.length);
    for (const line of host.cliLines) expect(printed).toContain(`    ${line}`);
  });

  it('the host page shows them, escaped', async () => {
    const html = await (await fetch(host.url)).text();
    expect(html).toContain('<details class="cli" data-cli-lines>');
    expect(html).toContain(`export AZURE_DEVOPS_EXT_PAT=local-devhost-ado-token`);
    expect(html).toContain(`node lib/cli/main.js scan --org ${host.devopsUrl.replace(/\/$/, '')}`);
  });
});

describe('npm start ports', () => {
  it('takes --ado-port and --graph-port beside --port', () => {
    expect(parseArgs(['--port', '9000', '--ado-port=9001', '--graph-port', '9002'], '/x').ports).toEqual({
      port: 9000,
      devopsPort: 9001,
      graphPort: 9002,
    });
    expect(() => parseArgs(['--graph-port', 'x'], '/')).toThrow('--graph-port must be a port number (0-65535)');
  });

  const occupy = (): Promise<{ server: Server; port: number }> =>
    new Promise((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        done({ server, port: typeof address === 'object' && address ? address.port : 0 });
      });
    });

  it('keeps a port asked for, or fails; a busy default port is replaced by a free one and said', async () => {
    const { server, port } = await occupy();
    try {
      const said: string[] = [];
      const host = await startWithFallback(fixture, {}, { distDir }, (l) => said.push(l), {
        port: 0,
        devopsPort: port,
        graphPort: 0,
      });
      expect(said).toEqual([`Port ${port} is busy; using a free port instead.`]);
      expect(host.devopsUrl).not.toContain(`:${port}/`);
      await host.close();
      await expect(
        startWithFallback(fixture, { devopsPort: port }, { distDir }, () => undefined, {
          port: 0,
          devopsPort: 0,
          graphPort: 0,
        }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      server.close();
    }
  });
});
