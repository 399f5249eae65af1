import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureDist, ROOT } from '../../e2e/support/dist';

/**
 * The task exactly as the agent gets it: `webpack` (pages + task, when sources changed), then the
 * .vsix packaged by tfx as `npm run package` does, unpacked into a temporary folder.
 */

export interface PackagedTask {
  vsix: string;
  /** The unpacked task folder (the contribution's `name`). */
  dir: string;
  taskJson: {
    id: string;
    name: string;
    friendlyName: string;
    version: { Major: number; Minor: number; Patch: number };
    instanceNameFormat: string;
    inputs: { name: string; type: string; defaultValue?: string; options?: Record<string, string> }[];
    execution: Record<string, { target: string }>;
  };
  /** Files of the unpacked task folder with their sizes. */
  files: { name: string; bytes: number }[];
}

export function packagedTask(): PackagedTask {
  ensureDist();
  const out = mkdtempSync(join(tmpdir(), 'sc-expiry-vsix-'));
  execFileSync(
    'npx',
    [
      'tfx',
      'extension',
      'create',
      '--root',
      '.',
      '--manifest-globs',
      'vss-extension.json',
      '--overrides-file',
      'configs/release.json',
      '--output-path',
      out,
      '--no-prompt',
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
  const vsix = join(out, readdirSync(out).find((f) => f.endsWith('.vsix')) as string);
  const unpacked = join(out, 'unpacked');
  execFileSync('python3', ['-m', 'zipfile', '-e', vsix, unpacked], { stdio: 'pipe' });
  const manifest = JSON.parse(readFileSync(join(unpacked, 'extension.vsomanifest'), 'utf8')) as {
    contributions: { type: string; properties: { name?: string } }[];
  };
  const contribution = manifest.contributions.find((c) => c.type === 'ms.vss-distributed-task.task');
  if (!contribution?.properties.name) throw new Error('the .vsix has no task contribution');
  const dir = join(unpacked, contribution.properties.name);
  const files = readdirSync(dir).map((name) => ({ name, bytes: readFileSync(join(dir, name)).length }));
  return { vsix, dir, taskJson: JSON.parse(readFileSync(join(dir, 'task.json'), 'utf8')), files };
}
