/**
 * How Azure DevOps Services answers a REST call it will not serve, each answer taken from a real capture (named on
 * each): a credential it does not accept, an organization that does not exist, a project that does not exist. The
 * fake organization (fakeOrg.ts) sends these; the scanner must tell them apart by status and typeKey.
 */

export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How a refused credential is answered. */
export type Refusal = 'unauthorized' | 'expired-pat' | 'sign-in-page' | 'sign-in-redirect';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

// The headers of a dev.azure.com 401, as the agent logged them (microsoft/azure-pipelines-agent#4826, #1164).
const UNAUTHORIZED_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'WWW-Authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}, Basic realm="https://tfsprodweusu4.app.visualstudio.com/", TFS-Federated`,
  'X-TFS-ProcessId': 'b31d03ba-e172-440e-8f6d-26aa693a51f8',
  ActivityId: 'd4f9d1fe-0678-4655-8972-5cc39a4655a0',
  'X-TFS-Session': 'f50fd165-5cf9-48ef-b1a6-0c9e8d6a3f21',
  'X-VSS-E2EID': '4616af83-22a2-4f11-a9fb-d8a17bb51622',
  'X-VSS-ResourceTenant': TENANT,
  'X-TFS-ServiceError': 'TF400813%3a+The+user+%27%27+is+not+authorized+to+access+this+resource.',
};

function wrappedException(message: string, typeName: string, typeKey: string): string {
  // Azure DevOps's WrappedException JSON ({$id, innerException, message, typeName, typeKey, errorCode, eventId}).
  return JSON.stringify({ $id: '1', innerException: null, message, typeName, typeKey, errorCode: 0, eventId: 3000 });
}

export function refusalAnswer(refusal: Refusal): FakeAnswer {
  switch (refusal) {
    // A wrong or revoked token: microsoft/azure-devops-auth-samples#52 (the body), azure-pipelines-agent#4826 (headers).
    case 'unauthorized':
      return {
        status: 401,
        headers: UNAUTHORIZED_HEADERS,
        body: wrappedException(
          "TF400813: The user '' is not authorized to access this resource.",
          'Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server',
          'UnauthorizedRequestException',
        ),
      };
    // An expired PAT: the body SSWConsulting/SSW.People.Profiles#782 captured, on the 401 every refusal gets.
    case 'expired-pat':
      return {
        status: 401,
        headers: UNAUTHORIZED_HEADERS,
        body: wrappedException(
          'Access Denied: The Personal Access Token used has expired.',
          'Microsoft.VisualStudio.Services.Security.AccessCheckException, Microsoft.VisualStudio.Services.WebApi',
          'AccessCheckException',
        ),
      };
    // 203 with the sign-in page: MicrosoftDocs/vsts-rest-api-specs#97, azure-devops-auth-samples#52 (GET, expired token).
    case 'sign-in-page':
      return {
        status: 203,
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'X-TFS-ProcessId': UNAUTHORIZED_HEADERS['X-TFS-ProcessId'],
        },
        body: '<!DOCTYPE html><html lang="en-US"><head><title>Azure DevOps Services | Sign In</title></head><body><div class="signin">Sign in to your account</div></body></html>',
      };
    // A redirect to the sign-in page: MicrosoftDocs/azure-devops-docs#13661 ("Object moved" to …/_signin?realm=…).
    case 'sign-in-redirect': {
      const location =
        'https://spsprodweu5.vssps.visualstudio.com/_signin?realm=dev.azure.com&reply_to=https%3A%2F%2Fdev.azure.com%2Fcontoso%2F_apis%2Fprojects';
      return {
        status: 302,
        headers: { 'Content-Type': 'text/html; charset=utf-8', Location: location },
        body: `<html><head><title>Object moved</title></head><body>\n<h2>Object moved to <a href="${location.replace(/&/g, '&amp;')}">here</a>.</h2>\n</body></html>`,
      };
    }
  }
}

/**
 * No organization at that URL: a 404, which microsoft/terraform-provider-azuredevops (provider.go, buildError) reads as
 * "Organization … doesn't exist"; the body is the plain text dev.azure.com sends for a missing resource
 * (microsoft/coe-starter-kit#3384: text/plain, 29 bytes).
 */
export const NO_ORGANIZATION: FakeAnswer = {
  status: 404,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'The resource cannot be found.',
};

/** No such project in the organization: 404, VS800075 with typeKey ProjectDoesNotExistWithNameException (as az devops prints it). */
export function noProject(name: string): FakeAnswer {
  return {
    status: 404,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: wrappedException(
      `VS800075: The project with id 'vstfs:///Classification/TeamProject/${name}' does not exist, or you do not have permission to access it.`,
      'Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException, Microsoft.TeamFoundation.Core.WebApi',
      'ProjectDoesNotExistWithNameException',
    ),
  };
}
