import { existsSync, readFile, statSync } from 'fs';
import { dirname, extname, join, resolve, sep } from 'path';
import type { ServerResponse } from 'http';
import { decodeSegment, escapeHtml, sendText } from './httpUtil';

/** Serves files from one directory (no listing, no escaping it), for the extension origin and the host page's scripts. */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The repository root: the nearest folder above `from` that holds package.json. */
export function packageRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Resolves a URL path inside `root`; null when it would leave it or is not a file. */
export function fileInside(root: string, urlPath: string): string | null {
  const decoded = decodeSegment(urlPath.split('?')[0]);
  if (decoded === null) return null;
  const base = resolve(root);
  const target = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (target !== base && !target.startsWith(base + sep)) return null;
  try {
    return statSync(target).isFile() ? target : null;
  } catch {
    return null;
  }
}

export function serveFile(res: ServerResponse, file: string): void {
  readFile(file, (err, data) => {
    if (err) return sendText(res, 500, 'text/plain; charset=utf-8', 'cannot read file');
    sendText(res, 200, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', data);
  });
}

/** Serves `urlPath` from `root` when it names a file there; false otherwise. */
export function serveFrom(root: string, method: string | undefined, urlPath: string, res: ServerResponse): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const file = fileInside(root, urlPath);
  if (!file) return false;
  serveFile(res, file);
  return true;
}

/** Shown inside the iframe when the extension has not been built yet. */
export function placeholderPage(distDir: string, page: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Extension not built</title></head>
<body style="font-family:Segoe UI,system-ui,sans-serif;padding:24px;color:#333">
<h1 style="font-size:20px">The extension is not built yet: run webpack first</h1>
<p><code>${escapeHtml(join(distDir, page))}</code> does not exist.</p>
<p>Run <code>npx webpack --mode production</code> (or <code>npm start</code>, which builds first), then reload this page.</p>
</body></html>`;
}
