import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureDist, ROOT } from '../e2e/support/dist';

/**
 * `.ci/package.js` (npm run package / package:dev / package:localhost): the dev and localhost variants are other
 * extensions an organization can install beside the release one, so each packages its own task (own GUID and
 * name); `--publisher ID` packages under that Marketplace publisher; `.ci/check-vsix.py` accepts each package.
 */

const releaseTask = JSON.parse(readFileSync(join(ROOT, 'task/ServiceConnectionExpiry/task.json'), 'utf8')) as {
  id: string;
  name: string;
  friendlyName: string;
};
let out: string;

function packageVariant(args: string[]): {
  vsix: string;
  manifest: { id?: string; publisher?: string };
  task: typeof releaseTask;
} {
  rmSync(join(ROOT, 'out'), { recursive: true, force: true });
  // --no-build: ensureDist() has just built pages and task; the script builds by default.
  execFileSync('node', ['.ci/package.js', ...args, '--no-build'], { cwd: ROOT, stdio: 'pipe' });
  const vsixName = readdirSync(join(ROOT, 'out')).find((f) => f.endsWith('.vsix')) as string;
  const vsix = join(out, vsixName);
  execFileSync('cp', [join(ROOT, 'out', vsixName), vsix]);
  const unpacked = mkdtempSync(join(out, 'unpacked-'));
  execFileSync('python3', ['-m', 'zipfile', '-e', vsix, unpacked], { stdio: 'pipe' });
  // The extension's identity is in the XML manifest tfx writes: <Identity Id=… Publisher=…/>.
  const xml = readFileSync(join(unpacked, 'extension.vsixmanifest'), 'utf8');
  const identity = /<Identity\b[^>]*\bId="([^"]+)"[^>]*\bPublisher="([^"]+)"/.exec(xml);
  const manifest = { id: identity?.[1], publisher: identity?.[2] };
  const task = JSON.parse(readFileSync(join(unpacked, 'task/ServiceConnectionExpiry/task.json'), 'utf8'));
  return { vsix, manifest, task };
}

beforeAll(() => {
  ensureDist();
  out = mkdtempSync(join(tmpdir(), 'sc-expiry-variants-'));
}, 300_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(join(ROOT, 'out'), { recursive: true, force: true });
});

describe('package variants', () => {
  const seen = new Map<string, string>();
  it.each([
    // args, extension id, task name, publisher
    [['release'], 'service-connection-expiry', 'ServiceConnectionExpiry', 'sc-expiry'],
    [['dev'], 'service-connection-expiry-dev', 'ServiceConnectionExpiryDev', 'sc-expiry'],
    [['localhost'], 'service-connection-expiry-localhost', 'ServiceConnectionExpiryLocalhost', 'sc-expiry'],
    [
      ['release', '--publisher', 'contoso-tools'],
      'service-connection-expiry',
      'ServiceConnectionExpiry',
      'contoso-tools',
    ],
  ])(
    '%j: extension %s, task %s, publisher %s',
    (args, extensionId, taskName, publisher) => {
      const { vsix, manifest, task } = packageVariant(args);
      expect(manifest.id).toBe(extensionId);
      expect(manifest.publisher).toBe(publisher);
      expect(vsix).toContain(`${publisher}.${extensionId}-`);
      expect(task.name).toBe(taskName);
      if (taskName === releaseTask.name) expect(task.id).toBe(releaseTask.id);
      else {
        expect(task.id).not.toBe(releaseTask.id);
        expect(task.friendlyName.length).toBeLessThanOrEqual(40);
      }
      // One task GUID per extension: installing two variants in one organization never collides.
      const owner = seen.get(task.id);
      if (owner) expect(owner).toBe(extensionId);
      seen.set(task.id, extensionId);
      const check = spawnSync('python3', ['.ci/check-vsix.py', vsix], { cwd: ROOT, encoding: 'utf8' });
      expect(check.stdout + check.stderr).toMatch(/^check-vsix: .*present/m);
      expect(check.status).toBe(0);
    },
    120_000,
  );

  it('never rewrites tracked files', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'task/ServiceConnectionExpiry/task.json'), 'utf8')).id).toBe(
      releaseTask.id,
    );
    expect(readdirSync(join(ROOT, 'out')).filter((f) => f.startsWith('.stage'))).toEqual([]);
  });

  it('refuses a publisher that is not one', () => {
    const run = spawnSync('node', ['.ci/package.js', 'release', '--publisher', 'a b', '--no-build'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is not a Marketplace publisher id/);
  });
});
