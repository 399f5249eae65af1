// The host half of Nested App Authentication: DevOps.NestedAppAuth.processRequest(requestJson) → responseJson.
// Requests are MSAL's bridge messages (@azure/msal-browser dist/naa/BridgeProxy.mjs):
//   {messageType: "NestedAppAuthRequest", method: "Ping"|"GetInitContext"|"GetToken"|"GetTokenPopup"|"GetActiveAccount", requestId, tokenParams?}
// Responses: {messageType: "NestedAppAuthResponse", requestId, success, initContext?|token?|account?|error?}.
// Tokens are fake, unsigned JWTs for the requested tenant and resource; the fake Graph accepts any bearer.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GRAPH = 'https://graph.microsoft.com';

function b64url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fakeJwt(payload) {
  return [
    b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: 'local-devhost' })),
    b64url(JSON.stringify(payload)),
    b64url('local-devhost-unsigned'),
  ].join('.');
}

/** "https://graph.microsoft.us/Application.Read.All openid" → resource https://graph.microsoft.us, scp "Application.Read.All". */
function splitScopes(scope) {
  let resource = null;
  const names = [];
  for (const s of String(scope || '')
    .split(/\s+/)
    .filter(Boolean)) {
    const m = /^(https?:\/\/[^/]+|api:\/\/[^/]+)\/(.+)$/i.exec(s);
    if (m) {
      resource = resource || m[1];
      if (m[2] !== '.default') names.push(m[2]);
    } else if (!['openid', 'profile', 'offline_access', 'email'].includes(s)) names.push(s);
  }
  return { resource: resource || GRAPH, scp: names.join(' ') || 'Application.Read.All' };
}

export function createNaaHost(config, onEvent) {
  const user = config.user;
  const home = config.naa.homeTenantId;
  let activeAccount = null;

  function respond(request, fields) {
    return JSON.stringify({ messageType: 'NestedAppAuthResponse', requestId: request.requestId, ...fields });
  }

  function fail(request, status, code, description) {
    return respond(request, { success: false, error: { status, code, description } });
  }

  function getToken(request) {
    const p = request.tokenParams || {};
    let authority;
    try {
      authority = new URL(p.authority || 'https://login.microsoftonline.com/organizations');
    } catch {
      return fail(request, 'PersistentError', 'invalid_authority', 'Authority is not a URL: ' + p.authority);
    }
    const segment = authority.pathname.split('/').filter(Boolean)[0] || 'organizations';
    const tid = GUID.test(segment) ? segment.toLowerCase() : home;
    const { resource, scp } = splitScopes(p.scope);
    const now = Math.floor(Date.now() / 1000);
    const times = { iat: now, nbf: now, exp: now + 3600 };
    const accessToken = fakeJwt({
      aud: resource,
      iss: `https://sts.windows.net/${tid}/`,
      ...times,
      tid,
      oid: user.id,
      sub: user.id,
      upn: user.name,
      unique_name: user.name,
      name: user.displayName,
      scp,
      appid: p.clientId || config.naa.clientId,
      idtyp: 'user',
      ver: '1.0',
    });
    const idToken = fakeJwt({
      aud: p.clientId || config.naa.clientId,
      iss: `https://${authority.host}/${tid}/v2.0`,
      ...times,
      tid,
      oid: user.id,
      sub: user.id,
      name: user.displayName,
      preferred_username: user.name,
      ver: '2.0',
    });
    activeAccount = {
      homeAccountId: `${user.id}.${home}`,
      environment: authority.host,
      tenantId: tid,
      username: user.name,
      localAccountId: user.id,
      name: user.displayName,
    };
    onEvent(`NAA ${request.method}: token for tenant ${tid}, resource ${resource}`);
    return respond(request, {
      success: true,
      token: { access_token: accessToken, id_token: idToken, expires_in: 3600, scope: p.scope, token_type: 'Bearer' },
      account: activeAccount,
    });
  }

  return {
    processRequest(requestJson) {
      let request;
      try {
        request = JSON.parse(requestJson);
      } catch {
        throw new Error('processRequest: the request is not JSON');
      }
      switch (request.method) {
        case 'Ping':
          return respond(request, { success: true });
        case 'GetInitContext':
          return respond(request, {
            success: true,
            initContext: {
              sdkName: 'azure-devops-local-host',
              sdkVersion: '1.0.0',
              capabilities: { queryAccount: false },
            },
          });
        case 'GetToken':
        case 'GetTokenPopup':
          return getToken(request);
        case 'GetActiveAccount':
          return activeAccount
            ? respond(request, { success: true, account: activeAccount })
            : fail(request, 'AccountUnavailable', 'no_account', 'No account has signed in yet.');
        default:
          onEvent(`NAA: unsupported method ${request.method}`, 'warning');
          return fail(
            request,
            'PersistentError',
            'unsupported_method',
            `The local host does not support NAA method ${request.method}.`,
          );
      }
    },
  };
}
