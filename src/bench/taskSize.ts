import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';

/** The pipeline task folder as packaged in the .vsix (every file the agent downloads): files and bytes. */
export function benchTaskSize(taskDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(taskDir).filter((f) => statSync(join(taskDir, f)).isFile());
  } catch {
    return [`Task: ${taskDir} not found; run the build first.`];
  }
  if (!names.includes('index.js')) return [`Task: ${taskDir}/index.js not found; run the build first.`];
  const sizes = names.map((f) => ({ f, bytes: statSync(join(taskDir, f)).size })).sort((a, b) => b.bytes - a.bytes);
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  const gz = gzipSync(readFileSync(join(taskDir, 'index.js')), { level: 9 }).length;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    'Pipeline task folder (task/ServiceConnectionExpiry, as packaged)',
    `  total                : ${total} bytes (${kb(total)}) in ${sizes.length} files, no node_modules`,
    ...sizes.map((s) => `  ${s.f.padEnd(20)} : ${s.bytes} bytes${s.f === 'index.js' ? ` (gzip -9 ${kb(gz)})` : ''}`),
  ];
}
