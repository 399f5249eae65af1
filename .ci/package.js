#!/usr/bin/env node
/**
 * Packages the extension: always builds first (pages and task, with ENTRA_CLIENT_ID if set), then tfx.
 *   node .ci/package.js [release|dev|localhost] [--publisher ID] [--no-build]
 * (`npm run package -- --publisher ID`, `npm run package:dev`, `npm run package:localhost`).
 * The dev and localhost variants are other extensions that can be installed beside the release one, so each
 * gets its own task: its own GUID and name (an organization holds one task per GUID, and a YAML `task:` name
 * must be unique), packaged from a staging copy so tracked files are never rewritten.
 */
const { execFileSync } = require('child_process');
const { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('fs');
const { join, resolve } = require('path');

const ROOT = resolve(__dirname, '..');
const TASK_FOLDER = 'task/ServiceConnectionExpiry';

/** Each variant's task identity; release keeps task.json's own. Fixed GUIDs: an update must keep its task's id. */
const VARIANT_TASKS = {
  dev: { id: '5c1f0e27-9b3d-4a6e-8f12-7d4b6a9c3e01', name: 'ServiceConnectionExpiryDev', suffix: ' (dev)' },
  localhost: {
    id: 'e8a4d6b2-3f71-4c95-a0d8-2b6e9f1c7a42',
    name: 'ServiceConnectionExpiryLocalhost',
    suffix: ' (localhost)',
  },
};

function parse(argv) {
  const args = { variant: 'release', publisher: null, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--publisher') {
      args.publisher = argv[++i];
      if (!args.publisher || args.publisher.startsWith('-')) throw new Error('--publisher needs a publisher id');
    } else if (a.startsWith('--publisher=')) args.publisher = a.slice('--publisher='.length);
    else if (a === '--no-build') args.build = false;
    else if (a === 'release' || a in VARIANT_TASKS) args.variant = a;
    else
      throw new Error(
        `unknown argument ${JSON.stringify(a)} (expected release|dev|localhost, --publisher ID, --no-build)`,
      );
  }
  if (args.publisher !== null && !/^[A-Za-z0-9][A-Za-z0-9-]{0,126}$/.test(args.publisher))
    throw new Error(`--publisher ${JSON.stringify(args.publisher)} is not a Marketplace publisher id`);
  return args;
}

/** The variant's task.json: its own id, name and friendly name; everything else as released. */
function variantTaskJson(taskJson, variant) {
  const v = VARIANT_TASKS[variant];
  if (!v) return taskJson;
  return { ...taskJson, id: v.id, name: v.name, friendlyName: `${taskJson.friendlyName}${v.suffix}`.slice(0, 40) };
}

/** A copy of what the manifest packages, with the variant's task.json. */
function stage(variant) {
  const dir = join(ROOT, 'out', `.stage-${variant}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'vss-extension.json'), 'utf8'));
  const paths = new Set(['vss-extension.json', manifest.content.details.path, ...Object.values(manifest.icons)]);
  for (const f of manifest.files) paths.add(f.path);
  for (const p of paths) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  const taskPath = join(dir, TASK_FOLDER, 'task.json');
  const taskJson = JSON.parse(readFileSync(taskPath, 'utf8'));
  writeFileSync(taskPath, `${JSON.stringify(variantTaskJson(taskJson, variant), null, 2)}\n`);
  return dir;
}

function main() {
  const args = parse(process.argv.slice(2));
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  if (args.build) execFileSync(npx, ['webpack', '--mode', 'production'], { cwd: ROOT, stdio: 'inherit' });
  const root = args.variant === 'release' ? ROOT : stage(args.variant);
  const tfx = [
    'tfx',
    'extension',
    'create',
    '--root',
    root,
    '--manifest-globs',
    'vss-extension.json',
    '--overrides-file',
    join(ROOT, 'configs', `${args.variant}.json`),
    '--output-path',
    join(ROOT, 'out'),
    '--no-prompt',
    ...(args.publisher ? ['--publisher', args.publisher] : []),
  ];
  try {
    execFileSync(npx, tfx, { cwd: ROOT, stdio: 'inherit' });
  } finally {
    if (root !== ROOT) rmSync(root, { recursive: true, force: true });
  }
}

module.exports = { parse, variantTaskJson, VARIANT_TASKS };
if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`package: ${e.message}`);
    process.exit(1);
  }
}
