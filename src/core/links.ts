import { cloudOfEnvironment as cloudOf } from './clouds';

/** Graph root (no trailing slash, no version) for a connection's cloud environment. */
export function graphRoot(environment: string | null | undefined): string {
  return cloudOf(environment).graph;
}

/** The Microsoft identity platform root of a connection's cloud (client-credentials tokens). */
export function loginRoot(environment: string | null | undefined): string {
  return `https://${cloudOf(environment).login}`;
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

/** A pipeline's page: build pipelines under Pipelines, classic release pipelines under Releases. */
export function pipelineLink(orgUrl: string, project: string, use: { planType: string; definitionId: number }): string {
  const base = `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(project)}`;
  return use.planType === 'release'
    ? `${base}/_release?definitionId=${use.definitionId}`
    : `${base}/_build?definitionId=${use.definitionId}`;
}

/** One run: a build's results page or a release's progress page. */
export function runLink(
  orgUrl: string,
  project: string,
  use: { planType: string; runId: number | null },
): string | null {
  if (use.runId === null) return null;
  const base = `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(project)}`;
  return use.planType === 'release'
    ? `${base}/_releaseProgress?releaseId=${use.runId}&_a=release-pipeline-progress`
    : `${base}/_build/results?buildId=${use.runId}`;
}

/** The extension's Project Settings hub, opened on one connection (`?connection=`). */
export function hubConnectionLink(
  orgUrl: string,
  project: string,
  hubContributionId: string,
  connectionId: string | null,
): string {
  const base = `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(project)}/_settings/${encodeURIComponent(hubContributionId)}`;
  return connectionId ? `${base}?connection=${encodeURIComponent(connectionId)}` : base;
}
