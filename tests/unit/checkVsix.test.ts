import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** `.ci/check-vsix.py` rejects duplicate JSON keys: in the package and in the sources tfx reads (issue 17). */

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sc-expiry-check-vsix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A .vsix holding only these files (zipped by Python's zipfile, as check-vsix reads it). */
function vsix(files: Record<string, string>): string {
  const path = join(dir, `p${Math.random().toString(36).slice(2)}.vsix`);
  const spec = join(dir, 'files.json');
  writeFileSync(spec, JSON.stringify(files));
  execFileSync('python3', [
    '-c',
    'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w")\nfor n,t in json.load(open(sys.argv[2])).items(): z.writestr(n,t)\nz.close()',
    path,
    spec,
  ]);
  return path;
}

function check(pkg: string, sources: string[]): { status: number | null; output: string } {
  const args = ['.ci/check-vsix.py', pkg, ...sources.flatMap((s) => ['--source', s])];
  const run = spawnSync('python3', args, { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

const source = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('check-vsix: duplicate keys', () => {
  const manifest = '{"id": "x", "contributions": [], "scopes": []}';
  it.each([
    [
      'a source manifest with "repository" twice',
      { 'extension.vsomanifest': manifest },
      [source('a.json', '{"id": "x", "repository": {"uri": "a"}, "repository": {"uri": "b"}}')],
      /a\.json: duplicate key 'repository'/,
    ],
    [
      'a nested duplicate in a task.json',
      {
        'extension.vsomanifest': manifest,
        'task/T/task.json': '{"id": "g", "execution": {"Node24": {}, "Node24": {}}}',
      },
      [],
      /task\/T\/task\.json: duplicate key 'Node24'/,
    ],
    [
      'a duplicate in the packaged manifest',
      { 'extension.vsomanifest': '{"id": "x", "scopes": [], "scopes": ["vso.work"]}' },
      [],
      /extension\.vsomanifest: duplicate key 'scopes'/,
    ],
  ])('%s fails the check', (_name, files, sources, problem) => {
    const result = check(vsix(files), sources.length ? sources : [source('clean.json', '{"a": 1}')]);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(problem);
  });

  it("the repository's manifest, overrides and task.json have none", () => {
    const result = check(vsix({ 'extension.vsomanifest': manifest }), [
      join(ROOT, 'vss-extension.json'),
      join(ROOT, 'configs/release.json'),
      join(ROOT, 'configs/dev.json'),
      join(ROOT, 'configs/localhost.json'),
      join(ROOT, 'task/ServiceConnectionExpiry/task.json'),
    ]);
    // This fake package fails the content checks, but no file has a duplicate key.
    expect(result.output).not.toMatch(/duplicate key/);
    expect(JSON.parse(readFileSync(join(ROOT, 'vss-extension.json'), 'utf8')).repository.uri).toMatch(/^https:\/\//);
  });
});
