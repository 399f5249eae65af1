import { request } from 'http';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadFixture } from '../../src/devhost/fixture';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { createFakeGraph } from '../../src/devhost/fakeGraph';
import { startLocalHost, type LocalHost } from '../../src/devhost/server';
import { listen } from '../support/listen';

/** Issue 21 items 1, 2 and the 413 of item 8: what any web page could send the local host. */

const DEMO = join(__dirname, '../../src/devhost/fixtures/demo.json');
const AUTH = `Bearer ${FAKE_ADO_TOKEN}`;
const APP = 'c2f5a7d1-3e8b-4f90-a1c2-d3e4f5a6b7c8';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: Node's fetch will not send a forged Host, a browser's page would through DNS rebinding. */
function send(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const url = new URL(base);
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

let host: LocalHost;
let hostOrigin: string;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'devhost-guard-'));
  writeFileSync(join(dist, 'app.js'), 'console.log(1)');
  host = await startLocalHost({ fixture: loadFixture(DEMO), port: 0, distDir: dist });
  hostOrigin = new URL(host.url).origin;
});
afterAll(() => host.close());

/** Each of the four servers, with a malformed path and a request that must still work afterwards. */
const servers = () => [
  { name: 'host page', base: host.url, bad: ['/%ff', '/host/%ff', '/contoso/_settings/%ff'], ok: '/' },
  { name: 'extension files', base: host.extensionUrl, bad: ['/%ff', '/%E0%A4%A'], ok: '/app.js' },
  {
    name: 'fake Azure DevOps REST',
    base: host.devopsUrl,
    bad: ['/contoso/%ff/_apis/serviceendpoint/endpoints', '/contoso/_apis/projects/%ff'],
    ok: '/contoso/_apis/projects',
  },
  {
    name: 'fake extension data (Azure DevOps REST)',
    base: host.devopsUrl,
    bad: [
      '/contoso/_apis/ExtensionManagement/InstalledExtensions/local/service-connection-expiry/Data/Scopes/Default/Current/Collections/%ff/Documents',
    ],
    ok: '/contoso/_apis/ExtensionManagement/InstalledExtensions/local/service-connection-expiry/Data/Scopes/Default/Current/Collections/$settings/Documents',
  },
  {
    name: 'fake Graph',
    base: host.graphUrl,
    bad: ["/v1.0/applications(appId='%ff')", "/v1.0/applications(appId='x')?$select=%ff"],
    ok: `/v1.0/applications(appId='${APP}')`,
  },
];

describe('a malformed URL gets 400 and every server keeps serving', () => {
  it.each([0, 1, 2, 3, 4])('server %i', async (i) => {
    const s = servers()[i];
    for (const path of s.bad) {
      const reply = await send(s.base, path, { headers: { Authorization: AUTH } });
      expect({ server: s.name, path, status: reply.status }).toEqual({ server: s.name, path, status: 400 });
    }
    const ok = await send(s.base, s.ok, { headers: { Authorization: AUTH } });
    expect({ server: s.name, status: ok.status }).toEqual({ server: s.name, status: 200 });
  });

  it('a $batch item with a malformed escape is a 400 item in a 200 batch, and Graph keeps answering', async () => {
    const body = JSON.stringify({
      requests: [
        { id: '1', method: 'GET', url: "/applications(appId='%ff')" },
        { id: '2', method: 'GET', url: `/applications(appId='${APP}')?$select=id,appId` },
      ],
    });
    const reply = await send(host.graphUrl, '/v1.0/$batch', {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body,
    });
    expect(reply.status).toBe(200);
    const responses = (JSON.parse(reply.body) as { responses: { id: string; status: number }[] }).responses;
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 400],
      ['2', 200],
    ]);
  });

  it('the fakes decode safely on their own too (as the tests and benches run them, without the guard)', async () => {
    const fixture = loadFixture(DEMO);
    const devops = await listen(createFakeDevOps(fixture).handle);
    const graph = await listen(createFakeGraph(fixture).handle);
    try {
      const rest = await send(devops.url, '/contoso/%ff/_apis/serviceendpoint/endpoints', {
        headers: { Authorization: AUTH },
      });
      expect(rest.status).toBe(400);
      expect(JSON.parse(rest.body).typeKey).toBe('ArgumentException');
      const one = await send(graph.url, "/v1.0/servicePrincipals(appId='%')", {
        headers: { Authorization: 'Bearer t' },
      });
      expect(one.status).toBe(400);
      expect(JSON.parse(one.body).error.code).toBe('BadRequest');
      expect(
        (await send(graph.url, `/v1.0/applications(appId='${APP}')`, { headers: { Authorization: 'Bearer t' } }))
          .status,
      ).toBe(200);
    } finally {
      await devops.close();
      await graph.close();
    }
  });
});

describe('DNS rebinding: only the bound Host, only the local host own origins', () => {
  it.each([0, 1, 2, 4])('server %i refuses a foreign Host with 421 and serves its own', async (i) => {
    const s = servers()[i];
    for (const forged of ['evil.example', 'evil.example:' + new URL(s.base).port, 'localhost:1', '127.0.0.1']) {
      const reply = await send(s.base, s.ok, { headers: { Authorization: AUTH, Host: forged } });
      expect({ server: s.name, forged, status: reply.status }).toEqual({ server: s.name, forged, status: 421 });
      expect(reply.body).not.toContain('"value"');
    }
    expect((await send(s.base, s.ok, { headers: { Authorization: AUTH } })).status).toBe(200);
  });

  it('the fake REST answers CORS for the host page and the extension frame only, never *', async () => {
    const path = '/contoso/_apis/projects';
    for (const origin of [hostOrigin, host.extensionUrl]) {
      const reply = await send(host.devopsUrl, path, { headers: { Authorization: AUTH, Origin: origin } });
      expect(reply.status).toBe(200);
      expect(reply.headers['access-control-allow-origin']).toBe(origin);
      expect(reply.headers.vary).toContain('Origin');
    }
    const plain = await send(host.devopsUrl, path, { headers: { Authorization: AUTH } });
    expect(plain.status).toBe(200);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    for (const origin of [
      'http://evil.example',
      'null',
      'http://127.0.0.1:1',
      `http://localhost:${new URL(host.url).port}`,
    ]) {
      const reply = await send(host.devopsUrl, path, { headers: { Authorization: AUTH, Origin: origin } });
      expect({ origin, status: reply.status }).toEqual({ origin, status: 403 });
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await send(host.devopsUrl, path, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      expect({ origin, status: preflight.status }).toEqual({ origin, status: 403 });
    }
  });

  it('the fake Graph and the host page refuse another site, and the preflight from the frame passes', async () => {
    const app = `/v1.0/applications(appId='${APP}')`;
    const evil = await send(host.graphUrl, app, {
      headers: { Authorization: 'Bearer t', Origin: 'http://evil.example' },
    });
    expect(evil.status).toBe(403);
    const preflight = await send(host.graphUrl, '/v1.0/$batch', {
      method: 'OPTIONS',
      headers: { Origin: host.extensionUrl, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(host.extensionUrl);
    expect((await send(host.url, '/', { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('npm run dev:org listens on localhost only', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const configs = require('../../webpack.config.js')({}, { mode: 'development' }) as {
      name: string;
      devServer?: { host?: string };
    }[];
    expect(configs.find((c) => c.name === 'pages')?.devServer?.host).toBe('localhost');
  });
});

describe('a body over the limit', () => {
  it('gets 413 with Azure DevOps error shape, and the server keeps serving', async () => {
    const path =
      '/contoso/_apis/ExtensionManagement/InstalledExtensions/local/service-connection-expiry/Data/Scopes/Default/Current/Collections/big/Documents';
    const body = JSON.stringify({ id: 'x', blob: 'a'.repeat(5_100_000) });
    const reply = await send(host.devopsUrl, path, {
      method: 'PUT',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body,
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).typeKey).toBe('RequestContentTooLargeException');
    const list = await send(host.devopsUrl, path, { headers: { Authorization: AUTH } });
    expect(list.status).toBe(200);
    expect(list.body).not.toContain('"x"');
  });
});
