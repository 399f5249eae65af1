import type { IncomingMessage, ServerResponse } from 'http';

/**
 * `npm run dev`: the host page listens on this event stream (Server-Sent Events) and reloads itself
 * when a rebuild of the extension succeeds, or shows the errors when it fails.
 */

export const LIVE_RELOAD_PATH = '/__dev/reload';

export interface LiveReload {
  /** Answers GET LIVE_RELOAD_PATH with the event stream; false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Tells every open page: `reload` after a good build, `failed` (with the first errors) after a bad one. */
  notify(event: 'reload' | 'failed', detail?: string): void;
  /** Open pages (for the console line and the tests). */
  listeners(): number;
  close(): void;
}

export function createLiveReload(): LiveReload {
  const pages = new Set<ServerResponse>();
  return {
    handle(req, res) {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== LIVE_RELOAD_PATH) return false;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      // The browser reconnects by itself after a second when the dev server restarts.
      res.write('retry: 1000\n\n');
      pages.add(res);
      req.on('close', () => pages.delete(res));
      return true;
    },
    notify(event, detail = '') {
      const data = detail
        .split(/\r?\n/)
        .map((line) => `data: ${line}\n`)
        .join('');
      for (const page of pages) page.write(`event: ${event}\n${data}\n`);
    },
    listeners: () => pages.size,
    close() {
      for (const page of pages) page.end();
      pages.clear();
    },
  };
}
