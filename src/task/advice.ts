import type { DevOpsAuth } from '../adapters/auth/scannerAuth';
import { organizationName } from '../core/orgUrl';
import { READ_SCOPES, type Unread } from '../jobs/readFailure';

/**
 * What the pipeline task tells an admin to do when its scan read nothing (jobs/readFailure.ts says what failed), in
 * the task's words: its inputs, the step's env mapping, the job's identity.
 */

/** The credential in the task's words: the job's own token, unless the step maps a PAT to AZURE_DEVOPS_EXT_PAT. */
export function taskCredential(devops: DevOpsAuth): DevOpsAuth {
  if (devops.source === 'pipeline-token')
    return { ...devops, credential: "the job's access token (System.AccessToken)" };
  if (devops.source === 'pat')
    return { ...devops, credential: "the personal access token in the step's AZURE_DEVOPS_EXT_PAT" };
  return devops;
}

const PASS_PAT =
  'keep it in a secret variable (e.g. SC_EXPIRY_PAT) and pass it to this step as `env: { AZURE_DEVOPS_EXT_PAT: $(SC_EXPIRY_PAT) }`';

export function taskAdvice(
  unread: Unread,
  orgUrl: string,
  source: DevOpsAuth['source'],
  forbiddenHint: string,
): string | null {
  const org = organizationName(orgUrl);
  const pat = `a personal access token of organization "${org}" with the scopes ${READ_SCOPES}`;
  switch (unread.cause) {
    case 'refused':
      return source === 'pat'
        ? `The token the step gets in AZURE_DEVOPS_EXT_PAT is wrong, expired or revoked, made for another organization, or without the scopes it needs: create ${pat} and put it in the secret variable mapped to AZURE_DEVOPS_EXT_PAT.`
        : `Azure DevOps did not accept the job's own token here: create ${pat}, ${PASS_PAT}.`;
    case 'forbidden':
      return forbiddenHint;
    case 'organization-not-found':
      return `System.CollectionUri (${orgUrl}) names no organization that answers: run the task in a pipeline of the organization to scan.`;
    case 'project-not-found':
      return `Check input "projects": the names of projects of organization "${org}" (one a line or comma-separated), or * for every project.`;
    default:
      return null;
  }
}
