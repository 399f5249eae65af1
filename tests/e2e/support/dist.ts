import { execFileSync } from 'child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, utimesSync } from 'fs';
import { join } from 'path';

/**
 * The browser tests run the real bundle, so dist/ must be current. It is built once (synchronously,
 * `npx webpack --mode production`) when dist/hub.html is missing or older than any source the bundle
 * is made from. Jest runs test files in parallel workers: a lock directory makes the others wait for
 * the one that builds instead of building (and cleaning dist/) at the same time.
 */

export const ROOT = join(__dirname, '..', '..', '..');
export const DIST = join(ROOT, 'dist');
const HUB_HTML = join(DIST, 'hub.html');
/** One `webpack` run builds the pages and the pipeline task (webpack.task.js): both must be current. */
const SOURCES = [
  'src/ui',
  'src/core',
  'src/adapters',
  'src/jobs',
  'src/cli',
  'src/task',
  'webpack.config.js',
  'webpack.task.js',
  'package-lock.json',
];
export const TASK_SCRIPT = join(ROOT, 'task', 'ServiceConnectionExpiry', 'index.js');
const LOCK = join(ROOT, 'node_modules', '.cache', 'e2e-dist.lock');
const LOCK_STALE_MS = 5 * 60_000;

function newestSource(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, entry)));
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is current. */
export function distOutdated(): string | null {
  if (!existsSync(HUB_HTML)) return 'dist/hub.html is missing';
  if (!existsSync(TASK_SCRIPT)) return 'the task bundle is missing';
  const built = Math.min(statSync(HUB_HTML).mtimeMs, statSync(TASK_SCRIPT).mtimeMs);
  const changed = SOURCES.find((s) => newestSource(join(ROOT, s)) > built);
  return changed ? `${changed} changed after the last build` : null;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): boolean {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  try {
    closeSync(openSync(LOCK, 'wx'));
    return true;
  } catch {
    if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { force: true });
    return false;
  }
}

/** Builds dist/ when it is missing or outdated; returns the dist folder. */
export function ensureDist(): string {
  if (!distOutdated()) return DIST;
  while (!takeLock()) {
    sleep(250);
    if (!existsSync(LOCK) && !distOutdated()) return DIST;
  }
  try {
    const reason = distOutdated();
    if (reason) {
      console.log(`e2e: ${reason}; building the hub with "npx webpack --mode production"…`);
      const started = Date.now();
      try {
        execFileSync('npx', ['webpack', '--mode', 'production'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
      } catch (e) {
        const out = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
        throw new Error(`e2e: webpack failed, so the browser tests cannot run:\n${out.slice(-4000)}`);
      }
      // webpack may leave an unchanged hub.html untouched; mark the build time explicitly.
      const now = new Date();
      utimesSync(HUB_HTML, now, now);
      utimesSync(TASK_SCRIPT, now, now);
      console.log(`e2e: hub built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(LOCK, { force: true });
  }
  return DIST;
}
