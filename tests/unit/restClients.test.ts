/**
 * @jest-environment jsdom
 */
import { reusedTokenProvider, TOKEN_REUSE_MS } from '../../src/adapters/sdk/restClients';

/**
 * The host token is asked once for a burst of requests (200 projects' lists), again after a minute, and
 * at once when the API's fetch retries a 401 with forceRefresh (azure-devops-extension-api Common/Fetch.js).
 */
function counter(tokens: (string | Error)[]) {
  let calls = 0;
  const getToken = () => {
    const next = tokens[Math.min(calls, tokens.length - 1)];
    calls += 1;
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { getToken, calls: () => calls };
}

describe('reusedTokenProvider', () => {
  it('shares one ask among concurrent requests and prefixes Bearer', async () => {
    const host = counter(['t1']);
    const provider = reusedTokenProvider(host.getToken, () => 0);
    const headers = await Promise.all(Array.from({ length: 6 }, () => provider.getAuthorizationHeader()));
    expect(headers).toEqual(Array(6).fill('Bearer t1'));
    expect(host.calls()).toBe(1);
  });

  it.each([
    ['just before a minute', TOKEN_REUSE_MS - 1, false, 1, 'Bearer t1'],
    ['after a minute', TOKEN_REUSE_MS, false, 2, 'Bearer t2'],
    ['on a 401 retry (forceRefresh)', 10, true, 2, 'Bearer t2'],
  ])('asks again %s', async (_, later, forceRefresh, calls, header) => {
    const host = counter(['t1', 't2']);
    let now = 1_000;
    const provider = reusedTokenProvider(host.getToken, () => now);
    await provider.getAuthorizationHeader();
    now += later;
    await expect(provider.getAuthorizationHeader(forceRefresh)).resolves.toBe(header);
    expect(host.calls()).toBe(calls);
  });

  it('does not keep a failed ask: the next request asks the host again', async () => {
    const host = counter([new Error('host busy'), 't2']);
    const provider = reusedTokenProvider(host.getToken, () => 0);
    await expect(provider.getAuthorizationHeader()).rejects.toThrow('host busy');
    await expect(provider.getAuthorizationHeader()).resolves.toBe('Bearer t2');
    expect(host.calls()).toBe(2);
  });

  it('sends no Authorization value when the host has no token', async () => {
    const provider = reusedTokenProvider(
      () => Promise.resolve(''),
      () => 0,
    );
    await expect(provider.getAuthorizationHeader()).resolves.toBe('');
  });
});
