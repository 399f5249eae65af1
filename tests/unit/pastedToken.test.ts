import { checkPastedGraphToken } from '../../src/core/jwt';
import { NOW, TENANT } from '../support/payloads';
import { fakeJwt } from '../support/tokens';

const inAnHour = Math.floor(NOW / 1000) + 3600;

describe('checkPastedGraphToken', () => {
  it.each([
    ['a Graph token', fakeJwt({ aud: 'https://graph.microsoft.com', tid: TENANT, exp: inAnHour }), true, /./],
    [
      'a Graph token by app id audience',
      fakeJwt({ aud: '00000003-0000-0000-c000-000000000000', tid: TENANT, exp: inAnHour }),
      true,
      /./,
    ],
    ['a US Government Graph token', fakeJwt({ aud: 'https://graph.microsoft.us', exp: inAnHour }), true, /./],
    ['with a "Bearer " prefix', `Bearer ${fakeJwt({ aud: 'https://graph.microsoft.com', exp: inAnHour })}`, true, /./],
    [
      'an Azure DevOps token',
      fakeJwt({ aud: '499b84ac-1321-427f-aa17-267ca6975798', exp: inAnHour }),
      false,
      /not Microsoft Graph/,
    ],
    [
      'an Azure Resource Manager token',
      fakeJwt({ aud: 'https://management.azure.com/', exp: inAnHour }),
      false,
      /management\.azure\.com/,
    ],
    [
      'an expired Graph token',
      fakeJwt({ aud: 'https://graph.microsoft.com', exp: Math.floor(NOW / 1000) - 60 }),
      false,
      /expired/,
    ],
    ['a token without expiry', fakeJwt({ aud: 'https://graph.microsoft.com' }), false, /no expiry/],
    ['not a JWT', 'hello world', false, /not an access token/],
    ['nothing', '   ', false, /Paste/],
  ])('%s', (_n, token, ok, message) => {
    const check = checkPastedGraphToken(token, NOW);
    expect(check.ok).toBe(ok);
    if (!check.ok) {
      expect(check.error).toMatch(message);
      if (token.trim()) expect(check.error).not.toContain(token.trim().slice(0, 20));
    } else {
      expect(Date.parse(check.expiresAt)).toBe(inAnHour * 1000);
    }
  });
});
