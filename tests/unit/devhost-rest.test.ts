import { join } from 'path';
import { deserializeVssJsonObject } from '../../node_modules/azure-devops-extension-api/Common/Util/Serialization';
import { loadFixture } from '../../src/devhost/fixture';
import { FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { startLocalHost, type LocalHost } from '../../src/devhost/server';

const DEMO = join(__dirname, '../../src/devhost/fixtures/demo.json');
const EXTENSION_ACCEPT =
  'application/json;api-version=7.2-preview.4;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true';
const AUTH = { Authorization: `Bearer ${FAKE_ADO_TOKEN}` };
const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';
const SHARED = '0f4a6c8e-9b3d-4f15-a7c9-4e6b8d0f2a13';

let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost({ fixture: loadFixture(DEMO), port: 0, distDir: join(__dirname, 'no-such-dist') });
});
afterAll(() => host.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(host.devopsUrl + path, { headers: { ...AUTH, ...headers } });

describe('fake Azure DevOps: service endpoints', () => {
  it('answers the extension client with a bare array and \\/Date(ms)\\/ dates', async () => {
    const before = host.devopsStats.endpointLists;
    const res = await get('Fabrikam%20Web/_apis/serviceendpoint/endpoints?includeDetails=true', {
      Accept: EXTENSION_ACCEPT,
      Origin: host.extensionUrl,
    });
    expect(res.status).toBe(200);
    // CORS for the extension frame's origin only (issue 21): never `*`.
    expect(res.headers.get('access-control-allow-origin')).toBe(host.extensionUrl);
    const text = await res.text();
    expect(text).not.toContain('{{now');
    expect(text).toMatch(/"creationDate":"\\\/Date\(\d+\)\\\/"/);
    const list = deserializeVssJsonObject<{ id: string; modificationDate: Date }[]>(text) ?? [];
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(16);
    const acr = list.find((e) => e.id === ACR);
    expect(acr?.modificationDate).toBeInstanceOf(Date);
    expect(Math.round((Date.now() - (acr?.modificationDate as Date).getTime()) / 86_400_000)).toBe(100);
    expect(host.devopsStats.endpointLists).toBe(before + 1);
  });

  it('answers a plain REST call with {count, value} and ISO dates, resolving {{now}} tokens', async () => {
    const res = await get(
      'b7c1e9a4-2f3d-4a8b-9e6c-5d0f1a2b3c4d/_apis/serviceendpoint/endpoints?includeDetails=true&api-version=7.1',
    );
    const body = await res.json();
    expect(body.count).toBe(16);
    const acr = body.value.find((e: { id: string }) => e.id === ACR);
    const modified = Date.parse(acr.modificationDate);
    expect(Math.round((Date.now() - modified) / 86_400_000)).toBe(100);
  });

  it('filters by type and ids, and lists a shared connection in each of its projects', async () => {
    const acr = await (await get(`Fabrikam Web/_apis/serviceendpoint/endpoints?type=dockerregistry`)).json();
    expect(acr.value.map((e: { id: string }) => e.id)).toEqual([ACR]);
    const platform = await (await get('Platform/_apis/serviceendpoint/endpoints')).json();
    expect(platform.value.map((e: { id: string }) => e.id)).toEqual([SHARED]);
    expect((await get('Nope/_apis/serviceendpoint/endpoints')).status).toBe(404);
  });

  it('refuses calls without the fake token (401) and accepts it as a PAT', async () => {
    const none = await fetch(host.devopsUrl + 'Fabrikam Web/_apis/serviceendpoint/endpoints');
    expect(none.status).toBe(401);
    const wrong = await fetch(host.devopsUrl + '_apis/projects', { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const pat = Buffer.from(`:${FAKE_ADO_TOKEN}`).toString('base64');
    expect(
      (await fetch(host.devopsUrl + '_apis/projects', { headers: { Authorization: `Basic ${pat}` } })).status,
    ).toBe(200);
  });

  it('answers CORS preflights on the REST and Graph servers', async () => {
    for (const url of [
      host.devopsUrl + 'Fabrikam Web/_apis/serviceendpoint/endpoints',
      host.graphUrl + '/v1.0/$batch',
    ]) {
      const res = await fetch(url, {
        method: 'OPTIONS',
        headers: {
          // The extension frame's origin (another origin is refused: devhost-guard.test.ts).
          Origin: host.extensionUrl,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'authorization,x-vss-reauthenticationaction',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(host.extensionUrl);
      expect(res.headers.get('access-control-allow-headers')).toContain('X-VSS-ReauthenticationAction');
      expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
      expect(res.headers.get('access-control-expose-headers')).toContain('x-ms-continuationtoken');
    }
  });
});

describe('fake Azure DevOps: endpoint proxy and projects', () => {
  const proxy = (project: string, id: string, accept = 'application/json;api-version=7.2-preview.1') =>
    fetch(`${host.devopsUrl}${project}/_apis/serviceendpoint/endpointproxy?endpointId=${id}`, {
      method: 'POST',
      headers: { ...AUTH, Accept: accept, 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataSourceDetails: { dataSourceName: 'TestConnection' } }),
    });

  it.each([
    ['the extension client (enumsAsNumbers=true)', EXTENSION_ACCEPT, 400, 200],
    ['a plain REST call', 'application/json;api-version=7.2-preview.1', 'badRequest', 'ok'],
  ])('answers %s with statusCode as it asked', async (_n, accept, failed, passed) => {
    const before = host.devopsStats.proxyCalls;
    const broken = await (await proxy('Fabrikam Web', ACR, accept)).json();
    expect(broken.statusCode).toBe(failed);
    expect(broken.errorMessage).toContain('AADSTS7000222');
    expect(typeof broken.activityId).toBe('string');
    const ok = await (await proxy('Fabrikam Web', SHARED, accept)).json();
    expect(ok).toMatchObject({ statusCode: passed, errorMessage: '' });
    expect(Array.isArray(ok.result)).toBe(true);
    const missing = await proxy('Fabrikam Web', '00000000-0000-0000-0000-000000000000', accept);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      typeKey: 'ServiceEndpointNotFoundException',
      typeName: expect.stringMatching(/^Microsoft\.VisualStudio\.Services\.ServiceEndpoints\.WebApi\./),
      errorCode: 0,
      message: expect.stringContaining('not found'),
    });
    expect(host.devopsStats.proxyCalls).toBe(before + 3);
  });

  it('pages projects with x-ms-continuationtoken', async () => {
    const first = await get('_apis/projects?$top=1', { Accept: EXTENSION_ACCEPT });
    expect(first.headers.get('x-ms-continuationtoken')).toBe('1');
    expect((await first.json()).map((p: { name: string }) => p.name)).toEqual(['Fabrikam Web']);
    const second = await get('_apis/projects?$top=1&continuationToken=1');
    expect(second.headers.get('x-ms-continuationtoken')).toBe('2');
    const body = await second.json();
    expect(body.value.map((p: { name: string }) => p.name)).toEqual(['Platform']);
    // The fixture's "projects" add one with no connection; the last page carries no token.
    const last = await get('_apis/projects?$top=1&continuationToken=2');
    expect(last.headers.get('x-ms-continuationtoken')).toBeNull();
    expect((await last.json()).value.map((p: { name: string }) => p.name)).toEqual(['Data Science']);
    expect(host.devopsStats.requests).toBeGreaterThan(0);
  });
});

describe('fake Azure DevOps: extension data documents', () => {
  const base = () =>
    `${host.devopsUrl}_apis/ExtensionManagement/InstalledExtensions/local/service-connection-expiry/Data/Scopes/Default/Current/Collections/snapshots/Documents`;
  const send = (method: string, body: unknown, id = '') =>
    fetch(base() + (id ? `/${id}` : ''), {
      method,
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('upserts with PUT, bumps __etag and refuses a stale __etag with 409', async () => {
    const created = await (await send('PUT', { id: 'latest', value: 1 })).json();
    expect(created).toMatchObject({ id: 'latest', __etag: 1, value: 1 });
    const updated = await send('PUT', { id: 'latest', __etag: 1, value: 2 });
    expect((await updated.json()).__etag).toBe(2);
    const stale = await send('PUT', { id: 'latest', __etag: 1, value: 3 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      typeKey: 'InvalidDocumentVersionException',
      typeName:
        'Microsoft.VisualStudio.Services.ExtensionManagement.WebApi.InvalidDocumentVersionException, Microsoft.VisualStudio.Services.ExtensionManagement.WebApi',
    });
    const forced = await (await send('PUT', { id: 'latest', __etag: -1, value: 4 })).json();
    expect(forced).toMatchObject({ __etag: 3, value: 4 });
    const read = await (await send('GET', undefined, 'latest')).json();
    expect(read.value).toBe(4);
  });

  it('creates with POST (409 when it exists), updates with PATCH, deletes, and 404s a missing document', async () => {
    expect((await send('POST', { id: 'once', n: 1 })).status).toBe(200);
    expect((await send('POST', { id: 'once', n: 2 })).status).toBe(409);
    expect((await send('PATCH', { id: 'missing', n: 1 })).status).toBe(404);
    expect((await (await send('PATCH', { id: 'once', __etag: 1, n: 3 })).json()).__etag).toBe(2);
    const list = await (await fetch(base(), { headers: { ...AUTH, Accept: EXTENSION_ACCEPT } })).json();
    expect(list.map((d: { id: string }) => d.id).sort()).toEqual(['latest', 'once']);
    expect((await send('DELETE', undefined, 'once')).status).toBe(204);
    expect((await send('GET', undefined, 'once')).status).toBe(404);
  });

  it('seeds the Entra client ID setting from fixture.host.clientId', async () => {
    const url = base().replace('Collections/snapshots/Documents', 'Collections/%24settings/Documents/entraClientId');
    const doc = await (await fetch(url, { headers: AUTH })).json();
    expect(doc).toMatchObject({ id: 'entraClientId', value: '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55' });
  });

  it('returns an empty list for a collection never written', async () => {
    const res = await fetch(base().replace('snapshots', 'nothing'), { headers: AUTH });
    expect(await res.json()).toEqual({ count: 0, value: [] });
  });
});

describe('fake Azure DevOps: execution history', () => {
  const ACR_HISTORY = `Fabrikam%20Web/_apis/serviceendpoint/${ACR}/executionhistory`;

  it('answers the extension client as azure-devops-extension-api reads it: bare array, \\/Date\\/ times, results as numbers', async () => {
    const res = await get(`${ACR_HISTORY}?top=1`, {
      Accept: EXTENSION_ACCEPT.replace('7.2-preview.4', '7.2-preview.1'),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/"finishTime":"\\\/Date\(\d+\)\\\/"/);
    type Rec = { data: { id: number; result: number; finishTime: Date; definition: { id: number } } };
    const list = deserializeVssJsonObject<Rec[]>(text) ?? [];
    expect(list).toHaveLength(1);
    expect(list[0].data.result).toBe(2); // ServiceEndpointExecutionResult.Failed
    expect(list[0].data.finishTime).toBeInstanceOf(Date);
    expect(list[0].data.definition.id).toBe(12);
    // A full page announces the next in the header the client copies onto the list: its last record's id.
    expect(res.headers.get('x-ms-continuationtoken')).toBe(String(list[0].data.id));
    const next = await get(`${ACR_HISTORY}?top=1&continuationToken=${list[0].data.id}`, { Accept: EXTENSION_ACCEPT });
    const older = (await next.json()) as Rec[];
    expect(older).toHaveLength(1);
    expect(older[0].data.id).toBeLessThan(list[0].data.id);
    // Full again, so announced again; the page after the last record is empty and ends the history.
    expect(next.headers.get('x-ms-continuationtoken')).toBe(String(older[0].data.id));
    const end = await get(`${ACR_HISTORY}?top=1&continuationToken=${older[0].data.id}`, { Accept: EXTENSION_ACCEPT });
    expect(end.headers.get('x-ms-continuationtoken')).toBeNull();
    expect(await end.json()).toEqual([]);
  });

  it('answers a plain REST call with {count, value}, ISO times and camelCase results, newest first', async () => {
    const res = await get(`${ACR_HISTORY}?api-version=7.1-preview.1`, { Accept: 'application/json' });
    const body = (await res.json()) as { count: number; value: { data: { result: string; startTime: string } }[] };
    expect(body.count).toBe(2);
    expect(body.value.map((r) => r.data.result)).toEqual(['failed', 'succeeded']);
    expect(body.value[0].data.startTime > body.value[1].data.startTime).toBe(true);
    expect(body.value[0].data.startTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses a connection of another project with the service error shape', async () => {
    const res = await get(`Platform/_apis/serviceendpoint/${ACR}/executionhistory`, { Accept: 'application/json' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { typeKey: string }).typeKey).toBe('ServiceEndpointNotFoundException');
  });
});
