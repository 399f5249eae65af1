import { join } from 'path';
import type { ServiceEndpointRestClient } from 'azure-devops-extension-api/ServiceEndpoint';
import { isDocumentConflict, isDocumentMissing, serverErrorOf } from '../../src/adapters/serverError';
import { isSuccessStatus, readCheckResult } from '../../src/core/health';
import { loadFixture } from '../../src/devhost/fixture';
import { FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { startLocalHost, type LocalHost } from '../../src/devhost/server';

/** What Azure DevOps really answers, read the way the product reads it. */

const DEMO = join(__dirname, '../../src/devhost/fixtures/demo.json');
const ACR = '5d2e8f14-7c3a-4b9e-a6d1-0f2c4e6a8b13';
const SHARED = '0f4a6c8e-9b3d-4f15-a7c9-4e6b8d0f2a13';

describe('the endpoint proxy check', () => {
  it.each([
    [200, true],
    [204, true],
    ['200', true],
    ['ok', true],
    ['OK', true],
    ['noContent', true],
    [400, false],
    ['badRequest', false],
    ['401', false],
    [null, false],
    [undefined, false],
    ['', false],
  ])('statusCode %j is success: %s', (code, ok) => {
    expect(isSuccessStatus(code)).toBe(ok);
  });

  it.each([
    ['passed, as a number', { statusCode: 200, errorMessage: '' }, true, ''],
    [
      'failed with Azure DevOps message',
      { statusCode: 400, errorMessage: 'AADSTS7000222: keys expired' },
      false,
      'AADSTS7000222: keys expired',
    ],
    [
      'failed without a message',
      { statusCode: 'unauthorized', errorMessage: null },
      false,
      'the check answered unauthorized without a message',
    ],
    ['not an answer', 'nonsense', false, 'the check answered no status without a message'],
  ])('%s', (_n, result, ok, message) => {
    expect(readCheckResult(result)).toEqual({ ok, message });
  });

  describe('through azure-devops-extension-api against the local host', () => {
    let host: LocalHost;
    let client: ServiceEndpointRestClient;
    beforeAll(async () => {
      host = await startLocalHost({ fixture: loadFixture(DEMO), port: 0, distDir: join(__dirname, 'no-such-dist') });
      // The client's fetch polyfill (whatwg-fetch) looks for a browser's `self`; Node's own fetch is used.
      Object.assign(globalThis, { self: globalThis });
      const api = await import('azure-devops-extension-api/ServiceEndpoint');
      client = new api.ServiceEndpointRestClient({
        rootPath: host.devopsUrl,
        authTokenProvider: { getAuthorizationHeader: async () => `Bearer ${FAKE_ADO_TOKEN}` },
      });
    });
    afterAll(() => host.close());
    const test = (endpointId: string) =>
      client.executeServiceEndpointRequest(
        {
          dataSourceDetails: { dataSourceName: 'TestConnection' } as never,
          resultTransformationDetails: {} as never,
          serviceEndpointDetails: null as never,
        },
        'Fabrikam Web',
        endpointId,
      );

    it('a passing check answers 200 (a number) and reads as passed', async () => {
      const result = await test(SHARED);
      expect(result.statusCode).toBe(200);
      expect(readCheckResult(result)).toEqual({ ok: true, message: '' });
    });

    it("a refused secret keeps Azure DevOps's own message", async () => {
      const result = await test(ACR);
      expect(result.statusCode).toBe(400);
      expect(readCheckResult(result)).toMatchObject({ ok: false, message: expect.stringContaining('AADSTS7000222') });
    });

    it('an error carries the server body (status, typeKey, typeName, errorCode, message)', async () => {
      const error = await test('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
      expect(serverErrorOf(error)).toMatchObject({
        status: 404,
        typeKey: 'ServiceEndpointNotFoundException',
        typeName: expect.stringContaining('ServiceEndpoints.WebApi'),
        errorCode: 0,
        message: expect.stringContaining('not found'),
      });
    });
  });
});

describe('extension data errors are decided on status and typeKey, never on words', () => {
  const vss = (status: number, typeKey: string | null, message = 'x') => ({
    status,
    message,
    serverError: typeKey ? { typeKey, message } : null,
  });
  it.each([
    ['document does not exist', vss(404, 'DocumentDoesNotExistException'), true, false],
    ['collection does not exist', vss(404, 'DocumentCollectionDoesNotExistException'), true, false],
    [
      'extension not installed (404, another typeKey)',
      vss(404, 'InstalledExtensionNotFoundException', 'not found'),
      false,
      false,
    ],
    ['a 404 without a body', vss(404, null), true, false],
    ['document already exists', vss(409, 'DocumentExistsException'), false, true],
    ['stale __etag', vss(409, 'InvalidDocumentVersionException'), false, true],
    ['a 409 without a body', vss(409, null), false, true],
    [
      'a message that merely says "conflict" or "not found"',
      vss(400, 'ArgumentException', 'conflict: not found, etag'),
      false,
      false,
    ],
    ['a 403', vss(403, 'UnauthorizedRequestException', 'does not exist'), false, false],
  ])('%s', (_n, error, missing, conflict) => {
    expect(isDocumentMissing(error)).toBe(missing);
    expect(isDocumentConflict(error)).toBe(conflict);
  });
});
