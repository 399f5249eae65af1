import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { run } from '../../src/cli/run';
import { captureIo, withSampleOrg, type Fakes } from '../support/fakeOrg';
import { listen } from '../support/listen';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/** Issue 21 items 3 and 4: every report file whole or untouched, every target checked before the first request. */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'lib', 'cli', 'main.js');
const PAT = 'pat-Wr1t3sAt0m1c-distinctive';
const env = { AZURE_DEVOPS_EXT_PAT: PAT, GRAPH_ACCESS_TOKEN: graphToken() };

let dir: string;
beforeAll(() => {
  // `npm test` builds lib/ in pretest; a bare `npx jest` may not have.
  if (!existsSync(BIN)) execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'inherit' });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-writes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function scan(f: Fakes, args: string[]) {
  const { io, captured } = captureIo(NOW);
  const code = await run(['scan', '--org', f.orgUrl, '--graph-url', f.graphUrl, '--format', 'json', ...args], env, io);
  return { code, ...captured };
}

const requests = (f: Fakes) => f.org.requests + f.graph.requests;

describe('pre-flight of the output targets (before the first request)', () => {
  it('--output ok.json --json-file /proc/version exits 2 with no request sent and no file written', async () => {
    await withSampleOrg({ pat: PAT }, async (f) => {
      const ok = join(dir, 'ok.json');
      const { code, stderr, stdout } = await scan(f, ['--output', ok, '--json-file', '/proc/version']);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^sc-expiry: cannot write the report: \/proc .*nothing was scanned/);
      expect(stdout).toBe('');
      expect(existsSync(ok)).toBe(false);
      expect(requests(f)).toBe(0);
    });
  });

  it.each([
    ['a folder', () => dir, /is not a regular file/],
    ['a path under a file', () => (writeFileSync(join(dir, 'f'), 'x'), join(dir, 'f', 'r.json')), /is not a folder/],
  ])('--output on %s exits 2 with no request sent', async (_what, path, message) => {
    await withSampleOrg({ pat: PAT }, async (f) => {
      const { code, stderr } = await scan(f, ['--output', path()]);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(requests(f)).toBe(0);
    });
  });

  it('a write that fails after the pre-flight is exit 3 naming the file, the other file whole', async () => {
    await withSampleOrg({ pat: PAT }, async (f) => {
      const folder = join(dir, 'out');
      const json = join(dir, 'report.json');
      execFileSync('mkdir', [folder]);
      writeFileSync(json, 'OLD');
      const real = global.fetch;
      // The folder becomes a file while the scan runs: passed the pre-flight, fails at the write.
      const spy = jest.spyOn(global, 'fetch').mockImplementation((input, init) => {
        if (existsSync(folder) && readdirSync(folder).length === 0) {
          rmSync(folder, { recursive: true });
          writeFileSync(folder, 'now a file');
        }
        return real(input, init);
      });
      try {
        const target = join(folder, 'report.md');
        const { code, stderr } = await scan(f, ['--output', target, '--json-file', json]);
        expect(code).toBe(3);
        expect(stderr).toContain(`cannot write the report to ${target}: `);
        expect(readFileSync(json, 'utf8')).toBe('OLD');
      } finally {
        spy.mockRestore();
      }
    });
  });
});

describe('SIGINT and SIGTERM during a scan', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: stops sending requests, leaves the old report intact, exits %i and says so',
    async (signal, exit) => {
      // A server that never answers: the scan is in progress (no payload of Azure DevOps to derive).
      let seen = 0;
      let first: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (first = resolve));
      const hanging = await listen((_req: IncomingMessage, _res: ServerResponse) => {
        seen += 1;
        first();
      });
      const report = join(dir, 'report.json');
      writeFileSync(report, '{"old": true}\n');
      try {
        const child = spawn(
          process.execPath,
          [BIN, 'scan', '--org', `${hanging.url}/contoso`, '--graph-url', hanging.url, '--output', report],
          { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } },
        );
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
        await arrived;
        const before = seen;
        child.kill(signal);
        const code = await closed;
        await new Promise((r) => setTimeout(r, 200));
        expect(code).toBe(exit);
        expect(stderr).toContain(`sc-expiry: stopped by ${signal}: no further request is sent`);
        expect(seen).toBe(before);
        expect(readFileSync(report, 'utf8')).toBe('{"old": true}\n');
        expect(readdirSync(dir)).toEqual(['report.json']); // no temporary file left
      } finally {
        await hanging.close();
      }
    },
    30_000,
  );
});
