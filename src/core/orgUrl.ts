/**
 * What an organization URL given to the scanner really names, read from the URL alone (no request). The grammar is
 * the Azure DevOps CLI's own (azure-devops-cli-extension, azext_devops/dev/common/uri.py,
 * canonicalize_azure_devops_organization_url): on dev.azure.com the organization is the one path segment, on
 * {org}.visualstudio.com it is the host (optionally with the legacy /DefaultCollection). A further segment is a
 * project, or a page of the organization when it starts with "_" (_settings, _apis…). Other hosts (Azure DevOps
 * Server, a local fake) cannot be told apart this way: they are taken as given.
 */

export type OrgUrlShape =
  | { kind: 'organization' }
  | { kind: 'project'; orgUrl: string; project: string }
  | { kind: 'page'; orgUrl: string }
  | { kind: 'no-organization' };

function segmentsOf(url: URL): string[] {
  return url.pathname.split('/').filter((s) => s !== '');
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The shape of `orgUrl` (an http(s) URL already checked by the option step). */
export function orgUrlShape(orgUrl: string): OrgUrlShape {
  let url: URL;
  try {
    url = new URL(orgUrl);
  } catch {
    return { kind: 'organization' };
  }
  const host = url.hostname.toLowerCase();
  const segments = segmentsOf(url);
  let orgSegments: string[];
  if (host === 'dev.azure.com') {
    if (segments.length === 0 || segments[0].startsWith('_')) return { kind: 'no-organization' };
    orgSegments = segments.slice(0, 1);
  } else if (host.endsWith('.visualstudio.com') && host !== 'app.vssps.visualstudio.com') {
    orgSegments = segments[0]?.toLowerCase() === 'defaultcollection' ? segments.slice(0, 1) : [];
  } else return { kind: 'organization' };
  const rest = segments.slice(orgSegments.length);
  if (rest.length === 0) return { kind: 'organization' };
  const base = `${url.protocol}//${url.host}${orgSegments.map((s) => `/${s}`).join('')}`;
  if (rest[0].startsWith('_')) return { kind: 'page', orgUrl: base };
  return { kind: 'project', orgUrl: base, project: decoded(rest[0]) };
}

/** The organization's name, for messages: "contoso" for https://dev.azure.com/contoso or https://contoso.visualstudio.com. */
export function organizationName(orgUrl: string): string {
  try {
    const url = new URL(orgUrl);
    const host = url.hostname.toLowerCase();
    if (host === 'dev.azure.com') return decoded(segmentsOf(url)[0] ?? orgUrl);
    if (host.endsWith('.visualstudio.com')) return host.slice(0, -'.visualstudio.com'.length);
    return orgUrl;
  } catch {
    return orgUrl;
  }
}
