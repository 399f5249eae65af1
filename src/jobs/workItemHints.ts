/**
 * What to grant when Azure DevOps refuses the work items: a PAT needs the scope Work Items (Read & write)
 * (vso.work_write; REST reference: Work Items - Create, Comments - Add); a build identity needs "Edit work
 * items in this node" (and "View work items in this node") on the area path (Azure Boards permissions:
 * "To create or modify a task, you must be a member of the Contributors group or your Edit work items in
 * this node permission must be set to Allow"). The pipeline's identity is "{project} Build Service ({org})",
 * or "Project Collection Build Service ({org})" when the job authorization scope is the collection.
 */

export interface HintContext {
  project: string;
  orgUrl: string;
  areaPath: string;
  inPipeline: boolean;
}

/** The organization's name from its URL (dev.azure.com/{org} or {org}.visualstudio.com). */
export function organizationName(orgUrl: string): string {
  try {
    const url = new URL(orgUrl);
    const first = url.pathname.split('/').filter(Boolean)[0];
    if (url.hostname.toLowerCase().endsWith('.visualstudio.com')) return url.hostname.split('.')[0];
    return first ?? url.hostname;
  } catch {
    return orgUrl;
  }
}

/** The line that says exactly what to grant, or null when the status is not a refusal. */
export function permissionHint(status: number | null, what: 'query' | 'write', ctx: HintContext): string | null {
  const org = organizationName(ctx.orgUrl);
  const node = `"${what === 'query' ? 'View' : 'Edit'} work items in this node"`;
  const where = `Project settings → Project configuration → Areas → ${ctx.areaPath} → Security`;
  if (status === 401 || status === 203)
    return ctx.inPipeline
      ? `The job's token cannot use work items: check that the pipeline passes System.AccessToken and that the build identity "${ctx.project} Build Service (${org})" has ${node} on area path ${ctx.areaPath} (${where}).`
      : 'The token cannot use work items: give the PAT the scope Work Items (Read & write) (vso.work_write), or sign in as a user who can.';
  if (status !== 403) return null;
  return ctx.inPipeline
    ? `Grant the build identity "${ctx.project} Build Service (${org})" (or "Project Collection Build Service (${org})" when the job scope is the collection) the permission ${node} on area path ${ctx.areaPath}: ${where}.`
    : `The signed-in user needs ${node} on area path ${ctx.areaPath} (${where}); a PAT also needs the scope Work Items (Read & write).`;
}
