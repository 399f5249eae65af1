import {
  closeSync,
  type Stats,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'fs';
import { dirname, resolve } from 'path';

/** The file a write lands in: a symbolic link is followed, so that the rename replaces its target, not the link. */
function targetOf(path: string): string {
  const target = resolve(path);
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}

/**
 * Writes a file so that a reader (or a crash) sees the old content or the new, never half: a temporary
 * file beside it, flushed to disk, then renamed over it (rename is atomic on one file system).
 */
export function writeFileAtomic(path: string, text: string): void {
  const target = targetOf(path);
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text, null, 'utf8');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing left to clean
    }
    throw e;
  }
}

/** What is at `path`, or nothing (missing, or a path through a file: ENOTDIR). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Why `writeFileAtomic(path, …)` would fail, found without touching `path`: it must be (or become) a regular
 * file, and its folder (or the nearest folder that exists, where the missing ones will be made) must take a
 * temporary file, which is created and removed at once. Null when the write can be made.
 */
export function cannotWriteAtomically(path: string): string | null {
  const target = targetOf(path);
  const existing = statOf(target);
  if (existing && !existing.isFile()) return `${path} is not a regular file`;
  let folder = dirname(target);
  for (;;) {
    const s = statOf(folder);
    if (s && !s.isDirectory()) return `${folder} is not a folder`;
    if (s) break;
    const parent = dirname(folder);
    if (parent === folder) return `no folder of ${path} exists`;
    folder = parent;
  }
  const probe = resolve(folder, `.sc-expiry-check.${process.pid}.tmp`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    unlinkSync(probe);
  } catch (e) {
    return `${folder} does not take a new file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  return null;
}
