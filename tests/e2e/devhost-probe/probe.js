// Exercises the local host the way the hub does, with the real azure-devops-extension-sdk 5.0.0 and
// @azure/msal-browser, and writes every result as JSON into #out for the browser test to read.
import * as SDK from './sdk/SDK.js';

const out = {};
const set = (key, value) => {
  out[key] = value;
  document.getElementById('out').textContent = JSON.stringify(out);
};
const claims = (jwt) => JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
const ACCEPT =
  'application/json;api-version=7.2-preview.4;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true';

async function naa(config, params) {
  try {
    await SDK.enableNestedAppAuth();
  } catch (e) {
    return set('naa', 'rejected: ' + e.message);
  }
  set('naa', 'enabled');
  const pca = await window.msal.createNestablePublicClientApplication({
    auth: { clientId: config.localEntraClientId },
  });
  const tenants = (params.tenants || '').split(',').filter(Boolean);
  const tokens = [];
  for (const tenant of tenants) {
    const r = await pca.acquireTokenSilent({
      scopes: ['https://graph.microsoft.com/Application.Read.All'],
      authority: `https://login.microsoftonline.com/${tenant}`,
      forceRefresh: params.forceRefresh === '1',
    });
    const c = claims(r.accessToken);
    tokens.push({
      tid: c.tid,
      aud: c.aud,
      scp: c.scp,
      exp: c.exp,
      resultTenant: r.tenantId,
      account: r.account.username,
      fromCache: r.fromCache,
    });
  }
  set('tokens', tokens);
  const app = params.app;
  if (app && tokens.length) {
    const r = await pca.acquireTokenSilent({
      scopes: ['https://graph.microsoft.com/Application.Read.All'],
      authority: `https://login.microsoftonline.com/${tenants[0]}`,
    });
    const res = await fetch(
      `${config.localGraphRoot}/v1.0/applications(appId='${app}')?$select=id,appId,passwordCredentials`,
      {
        headers: { Authorization: 'Bearer ' + r.accessToken },
      },
    );
    set('graph', { status: res.status, secrets: (await res.json()).passwordCredentials.length });
  }
}

try {
  await SDK.init({ loaded: false });
  await SDK.ready();
  const config = SDK.getConfiguration();
  set('handshake', {
    contributionId: SDK.getContributionId(),
    config,
    host: SDK.getHost(),
    project: SDK.getWebContext().project,
    extension: SDK.getExtensionContext().id,
  });
  const location = await SDK.getService('ms.vss-features.location-service');
  const root = await location.getResourceAreaLocation('1814ab31-2f4f-4a9f-8761-f4d77dc5a5d7');
  set('root', root);
  const token = await SDK.getAccessToken();
  const res = await fetch(
    root +
      encodeURIComponent(SDK.getWebContext().project.name) +
      '/_apis/serviceendpoint/endpoints?includeDetails=true',
    {
      headers: {
        Authorization: 'Bearer ' + token,
        Accept: ACCEPT,
        'X-VSS-ReauthenticationAction': 'Suppress',
        'X-TFS-FedAuthRedirect': 'Suppress',
      },
    },
  );
  set('endpoints', { status: res.status, count: (await res.json()).length });

  const nav = await SDK.getService('ms.vss-features.host-navigation-service');
  const query = await nav.getQueryParams();
  set('query', query);
  await nav.setQueryParams({ connection: 'changed-by-probe' });

  const data = await SDK.getService('ms.vss-features.extension-data-service');
  const manager = await data.getExtensionDataManager(SDK.getExtensionContext().id, token);
  const before = await manager.getValue('probe-count', { defaultValue: 0 });
  await manager.setValue('probe-count', before + 1);
  const doc = await manager.setDocument('probe', { id: 'd1', n: before });
  let conflict = null;
  try {
    await manager.setDocument('probe', { id: 'd1', __etag: doc.__etag + 5, n: -1 });
  } catch (e) {
    conflict = e.status;
  }
  let missing = null;
  try {
    await manager.getDocument('probe', 'nope');
  } catch (e) {
    missing = e.status;
  }
  set('extensionData', { before, after: await manager.getValue('probe-count'), etag: doc.__etag, conflict, missing });

  const messages = await SDK.getService('ms.vss-tfs-web.tfs-global-messages-service');
  messages.addBanner({ message: 'Probe banner', level: 1 });
  messages.addToast({ message: 'Probe toast', duration: 3000 });
  try {
    await SDK.getService('ms.vss-no-such-service');
    set('unknownService', 'resolved');
  } catch (e) {
    set('unknownService', 'rejected: ' + e.message);
  }

  await naa(config, query);
  SDK.notifyLoadSucceeded();
  set('done', true);
} catch (e) {
  set('error', String((e && e.message) || e));
}
