interface Cloud {
  graph: string;
  portal: string;
  login: string;
}

const CLOUDS: Record<string, Cloud> = {
  azurecloud: { graph: 'https://graph.microsoft.com', portal: 'portal.azure.com', login: 'login.microsoftonline.com' },
  azureusgovernment: {
    graph: 'https://graph.microsoft.us',
    portal: 'portal.azure.us',
    login: 'login.microsoftonline.us',
  },
  azurechinacloud: {
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    portal: 'portal.azure.cn',
    login: 'login.chinacloudapi.cn',
  },
};

/** Azure Stack and unknown environments authenticate against the public cloud's Entra ID. */
function cloudOf(environment: string | null | undefined): Cloud {
  return CLOUDS[(environment ?? '').toLowerCase()] ?? CLOUDS.azurecloud;
}

/** Graph root (no trailing slash, no version) for a connection's cloud environment. */
export function graphRoot(environment: string | null | undefined): string {
  return cloudOf(environment).graph;
}

/** The app registration's "Certificates & secrets" blade in the right cloud's portal. */
export function entraCredentialsLink(environment: string | null | undefined, appId: string | null): string | null {
  if (!appId) return null;
  const { portal } = cloudOf(environment);
  return `https://${portal}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${encodeURIComponent(appId)}`;
}

/** The connection's page under Project settings → Service connections. */
export function devopsConnectionLink(orgUrl: string, project: string, endpointId: string): string {
  const base = orgUrl.replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(project)}/_settings/adminservices?resourceId=${encodeURIComponent(endpointId)}`;
}

/** The issuer that replaces Azure DevOps's own (`vstoken.dev.azure.com`) for federated credentials. */
export function entraIssuer(environment: string | null | undefined, tenantId: string | null): string {
  return `https://${cloudOf(environment).login}/${tenantId ?? '<tenant-id>'}/v2.0`;
}
