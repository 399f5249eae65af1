import { createServer, type RequestListener } from 'http';
import type { AddressInfo } from 'net';

/** What the request benches share: their ids, the Graph token they sign in with, a fake server on a free port. */

/** A well-formed GUID numbered `n` under a recognisable prefix (8 hex digits). */
export const guid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An unsigned token shaped like a public-cloud Graph token: the scanner sends it only to the Graph its aud names. */
export const BENCH_GRAPH_TOKEN = [
  { typ: 'JWT', alg: 'none' },
  { aud: 'https://graph.microsoft.com', exp: 4102444800 },
]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('bench')
  .join('.');

/** A fake server on 127.0.0.1 at a free port; `close` drops its open connections. */
export async function serve(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
