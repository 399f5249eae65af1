import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'fs';
import { dirname, resolve } from 'path';

/**
 * Writes a file so that a reader (or a crash) sees the old content or the new, never half: a temporary
 * file beside it, flushed to disk, then renamed over it (rename is atomic on one file system).
 */
export function writeFileAtomic(path: string, text: string): void {
  const target = resolve(path);
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
