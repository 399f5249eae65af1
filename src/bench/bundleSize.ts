import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';

/** Gzip sizes of the built hub: what the first paint loads (hub.html's scripts and styles) and what loads later. */
export function benchBundle(distDir: string): string[] {
  let html: string;
  try {
    html = readFileSync(join(distDir, 'hub.html'), 'utf8');
  } catch {
    return [`Bundle: ${distDir}/hub.html not found; run the build first.`];
  }
  const initial = new Set([...html.matchAll(/(?:src|href)=["']?([^"' >]+\.(?:js|css))/g)].map((m) => m[1]));
  const gz = (f: string) => gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length;
  const files = readdirSync(distDir).filter((f) => /\.(js|css)$/.test(f) && statSync(join(distDir, f)).isFile());
  const sum = (list: string[]) => list.reduce((n, f) => n + gz(f), 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const initialJs = files.filter((f) => initial.has(f) && f.endsWith('.js'));
  const initialCss = files.filter((f) => initial.has(f) && f.endsWith('.css'));
  const lazy = files.filter((f) => !initial.has(f));
  return [
    'Hub bundle (gzip -9)',
    `  initial JS  : ${kb(sum(initialJs))} (${initialJs.join(', ')}; target <= 150 KB)`,
    `  initial CSS : ${kb(sum(initialCss))}`,
    ...lazy.map((f) => `  lazy        : ${kb(gz(f))} ${f}`),
  ];
}
