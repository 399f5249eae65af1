/**
 * The clouds: Microsoft Graph root, Entra ID (login) host and Azure portal host of each, from "Microsoft
 * Graph national cloud deployments" (learn.microsoft.com/graph/deployments). Every other module asks here.
 */

export interface Cloud {
  /** What the product calls it in messages. */
  name: string;
  /** `data.environment` as Azure DevOps records it; null for a Graph no environment names (DoD). */
  environment: string | null;
  /** Graph root: https, no trailing slash, no version. */
  graph: string;
  /** Entra ID host, the authority tokens are asked from. */
  login: string;
  portal: string;
  /** The Entra hosts MSAL knows for this cloud (@azure/msal-common's known authorities); login first. */
  authorities: string[];
  /** Other hosts seen as a token's `iss` (v1.0 China tokens). */
  otherIssuers?: string[];
}

export const CLOUDS: readonly Cloud[] = [
  {
    name: 'Azure public cloud',
    environment: 'AzureCloud',
    graph: 'https://graph.microsoft.com',
    login: 'login.microsoftonline.com',
    portal: 'portal.azure.com',
    authorities: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
  },
  {
    name: 'Azure US Government',
    environment: 'AzureUSGovernment',
    graph: 'https://graph.microsoft.us',
    login: 'login.microsoftonline.us',
    portal: 'portal.azure.us',
    authorities: ['login.microsoftonline.us'],
  },
  {
    // Microsoft Graph for US Government L5 (DoD): same Entra ID and portal as L4, its own Graph.
    name: 'Azure US Government (DoD)',
    environment: null,
    graph: 'https://dod-graph.microsoft.us',
    login: 'login.microsoftonline.us',
    portal: 'portal.azure.us',
    authorities: ['login.microsoftonline.us'],
  },
  {
    name: 'Azure China',
    environment: 'AzureChinaCloud',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    login: 'login.chinacloudapi.cn',
    portal: 'portal.azure.cn',
    authorities: ['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
    otherIssuers: ['sts.chinacloudapi.cn'],
  },
];

export const PUBLIC_CLOUD = CLOUDS[0];

/** A connection's cloud from `data.environment`; Azure Stack and unknown environments use the public cloud's Entra ID. */
export function cloudOfEnvironment(environment: string | null | undefined): Cloud {
  const env = (environment ?? '').toLowerCase();
  return CLOUDS.find((c) => c.environment?.toLowerCase() === env) ?? PUBLIC_CLOUD;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** The cloud whose Graph is at this root (https://host, trailing slash allowed), or null: not a Microsoft Graph. */
export function cloudOfGraph(graphRoot: string): Cloud | null {
  const trimmed = graphRoot.trim().replace(/\/+$/, '').toLowerCase();
  return CLOUDS.find((c) => c.graph === trimmed) ?? null;
}

/** The cloud of a Graph host name (`graph.microsoft.us`), or null. */
export function cloudOfGraphHost(host: string): Cloud | null {
  return CLOUDS.find((c) => hostOf(c.graph) === host.toLowerCase()) ?? null;
}

export function graphHost(cloud: Cloud): string {
  return hostOf(cloud.graph);
}

/** The first cloud that issues tokens from this host (login.microsoftonline.us → US Government L4), or null. */
export function cloudOfIssuer(host: string): Cloud | null {
  const h = host.toLowerCase();
  return CLOUDS.find((c) => c.authorities.includes(h) || !!c.otherIssuers?.includes(h)) ?? null;
}

/** Every Entra host MSAL knows (instance discovery stays on for these). */
export function isKnownAuthority(host: string): boolean {
  const h = host.toLowerCase();
  return CLOUDS.some((c) => c.authorities.includes(h));
}

/** What a Graph root is called in messages: the cloud's name, else the root itself. */
export function cloudNameOfGraph(graphRoot: string): string {
  return cloudOfGraph(graphRoot)?.name ?? graphRoot;
}
