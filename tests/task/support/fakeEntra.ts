import type { IncomingMessage, ServerResponse } from 'http';
import { createServer } from 'https';
import type { AddressInfo } from 'net';
import { fakeJwt } from '../../support/tokens';

/**
 * HTTPS fakes for what AzurePipelinesCredential talks to, answered as the real servers answer:
 *
 * - the agent's OIDC endpoint (`System.OidcRequestUri`, Azure DevOps "Oidctoken - Create":
 *   `POST {org}/{project}/_apis/distributedtask/hubs/{hub}/plans/{plan}/jobs/{job}/oidctoken`, answer
 *   `TaskHubOidcToken {oidcToken}`); AzurePipelinesCredential.requestOidcToken sends it with
 *   `?api-version=7.1&serviceConnectionId=<id>`, `Authorization: Bearer <System.AccessToken>`,
 *   `Content-Type: application/json`, `X-TFS-FedAuthRedirect: Suppress` and no body
 *   (node_modules/@azure/identity/dist/commonjs/credentials/azurePipelinesCredential.js);
 * - Entra ID's v2.0 endpoints under `/{tenant}`: the OpenID configuration MSAL reads first (it
 *   requires authorization_endpoint, token_endpoint, issuer, jwks_uri — msal-common
 *   isOpenIdConfigResponse) and the token endpoint, where MSAL's client-credentials request carries
 *   `client_id`, `scope`, `grant_type=client_credentials`, `client_assertion_type=
 *   urn:ietf:params:oauth:client-assertion-type:jwt-bearer` and `client_assertion`; the answer is
 *   `{token_type, expires_in, ext_expires_in, access_token}`, an error `{error, error_description,
 *   error_codes}` (Microsoft identity platform, OAuth 2.0 client credentials flow).
 */

export interface EntraRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeEntraOptions {
  key: string;
  cert: string;
  /** The job token the OIDC endpoint accepts. */
  systemAccessToken: string;
  /** serviceConnectionId → the app (client) ID and tenant its federated credential trusts. */
  connections: Record<string, { clientId: string; tenantId: string }>;
}

export async function startFakeEntra(options: FakeEntraOptions) {
  const requests: EntraRequest[] = [];
  const issued = { oidcTokens: [] as string[], accessTokens: [] as string[] };
  let base = '';

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  function oidc(req: EntraRequest, res: ServerResponse): void {
    if (req.headers.authorization !== `Bearer ${options.systemAccessToken}`)
      return send(res, 401, { message: 'TF400813: The user is not authorized to access this resource.' });
    const connection = options.connections[req.query.serviceConnectionId ?? ''];
    if (!connection)
      return send(res, 400, {
        message: `Service connection ${req.query.serviceConnectionId} does not support workload identity federation.`,
        typeKey: 'InvalidRequestException',
      });
    const token = fakeJwt({
      iss: 'https://vstoken.dev.azure.com/00000000-0000-4000-8000-0000000000aa',
      sub: `sc://org/project/${req.query.serviceConnectionId}`,
      aud: 'api://AzureADTokenExchange',
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    issued.oidcTokens.push(token);
    send(res, 200, { oidcToken: token });
  }

  function token(tenant: string, req: EntraRequest, res: ServerResponse): void {
    const form = Object.fromEntries(new URLSearchParams(req.body));
    const known = Object.values(options.connections).find((c) => c.clientId === form.client_id);
    if (
      !known ||
      known.tenantId !== tenant ||
      form.grant_type !== 'client_credentials' ||
      form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
      !issued.oidcTokens.includes(form.client_assertion ?? '')
    )
      return send(res, 400, {
        error: 'invalid_client',
        error_description: `AADSTS700213: No matching federated identity record found for presented assertion subject. Trace ID: 0 Correlation ID: 0 Timestamp: ${new Date().toISOString()}`,
        error_codes: [700213],
      });
    const scope = form.scope ?? '';
    const aud =
      scope
        .split(' ')
        .find((s) => s.endsWith('/.default'))
        ?.replace(/\/\.default$/, '') ?? '';
    const accessToken = fakeJwt({
      aud,
      iss: `https://sts.windows.net/${tenant}/`,
      tid: tenant,
      appid: form.client_id,
      roles: ['Application.Read.All'],
      exp: Math.floor(Date.now() / 1000) + 3600,
    });
    issued.accessTokens.push(accessToken);
    send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  }

  function handle(incoming: IncomingMessage, res: ServerResponse): void {
    let body = '';
    incoming.on('data', (d: Buffer) => (body += d.toString()));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', base);
      const req: EntraRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: incoming.headers,
        body,
      };
      requests.push(req);
      const parts = url.pathname.split('/').filter(Boolean);
      if (req.method === 'POST' && parts.at(-1) === 'oidctoken') return oidc(req, res);
      const tenant = parts[0] ?? '';
      const rest = parts.slice(1).join('/');
      if (req.method === 'GET' && rest === 'v2.0/.well-known/openid-configuration')
        return send(res, 200, {
          token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          issuer: `${base}/${tenant}/v2.0`,
          request_uri_parameter_supported: false,
          userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
          authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/devicecode`,
          http_logout_supported: true,
          frontchannel_logout_supported: true,
          end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
          claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
          kerberos_endpoint: `${base}/${tenant}/kerberos`,
          tenant_region_scope: 'EU',
          cloud_instance_name: 'microsoftonline.com',
          cloud_graph_host_name: 'graph.windows.net',
          msgraph_host: 'graph.microsoft.com',
        });
      if (req.method === 'POST' && rest === 'oauth2/v2.0/token') return token(tenant, req, res);
      send(res, 404, { error: 'not_found', error_description: `no route for ${req.method} ${url.pathname}` });
    });
  }

  const server = createServer({ key: options.key, cert: options.cert }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    issued,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
