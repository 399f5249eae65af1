import type { DevOpsAuth } from '../adapters/auth/scannerAuth';
import { organizationName } from '../core/orgUrl';
import { READ_SCOPES, type Unread } from '../jobs/readFailure';

/** What the command line tells an admin to do when the scan read nothing (jobs/readFailure.ts says what failed). */

function whenRefused(source: DevOpsAuth['source'], org: string): string {
  const pat = `a personal access token of organization "${org}" with the scopes ${READ_SCOPES}`;
  if (source === 'pat')
    return `AZURE_DEVOPS_EXT_PAT holds a token that is wrong, expired or revoked, made for another organization, or without the scopes it needs: create ${pat} (User settings → Personal access tokens) and set AZURE_DEVOPS_EXT_PAT to it.`;
  if (source === 'pipeline-token')
    return `Give the step the job's token (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)) in a job of organization "${org}", or set AZURE_DEVOPS_EXT_PAT to ${pat}.`;
  return `Sign in (az login) with an account that is a member of organization "${org}", or set AZURE_DEVOPS_EXT_PAT to ${pat}.`;
}

export function cliAdvice(unread: Unread, orgUrl: string, source: DevOpsAuth['source']): string | null {
  const org = organizationName(orgUrl);
  switch (unread.cause) {
    case 'refused':
      return whenRefused(source, org);
    case 'forbidden':
      return `The credential is accepted, but its account may not read them: give it the Reader role on the project's service connections (Project settings → Service connections → Security), or scan only the projects it may read (--project NAME).`;
    case 'organization-not-found':
      return `Check --org: it is the organization's URL, https://dev.azure.com/ORGANIZATION (or https://ORGANIZATION.visualstudio.com), without a project; name projects with --project.`;
    case 'project-not-found':
      return `Check the names given to --project (as they appear in ${orgUrl}/PROJECT), or leave --project out to scan every project.`;
    default:
      return null;
  }
}
