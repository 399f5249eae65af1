import { AuthError } from '../adapters/auth/scannerAuth';
import { HttpError, safeHost } from '../adapters/http';
import { oneLine } from '../adapters/output';
import { serverErrorOf } from '../adapters/serverError';

/**
 * Why Azure DevOps could not be read, decided on the HTTP status and the error's typeKey (never on words in a
 * message), and, when the scan read nothing at all, the one line that says what failed (Unread). Each shell adds
 * what to do about it in its own words (cli/advice.ts, task/advice.ts).
 */

/** What a personal access token needs to scan (OAuth scopes vso.serviceendpoint and vso.project), as the PAT page names them. */
export const READ_SCOPES = 'Service Connections (Read) and Project and Team (Read)';

export type ReadCause =
  /** No credential could be had at all (no PAT, no pipeline token, no Azure sign-in). */
  | 'no-credential'
  /** 401, the sign-in page (203) or a redirect to it: the credential was not accepted. */
  | 'refused'
  /** 403: the credential is accepted but its identity may not read this. */
  | 'forbidden'
  /** 404 without a project typeKey: nothing answers at the organization's URL. */
  | 'organization-not-found'
  /** 404 with a project typeKey: the organization has no such project. */
  | 'project-not-found'
  /** No answer (network, timeout). */
  | 'unreachable'
  | 'other';

/** The typeKeys Azure DevOps gives a project that does not exist (its .NET clients catch these on ProjectHttpClient.GetProject). */
const NO_SUCH_PROJECT = new Set(['ProjectDoesNotExistWithNameException', 'ProjectDoesNotExistException']);

export function causeOf(e: unknown): ReadCause {
  if (e instanceof AuthError) return 'no-credential';
  if (!(e instanceof HttpError)) return 'other';
  const { status, typeKey } = serverErrorOf(e);
  if (status === null) return 'unreachable';
  if (status === 401 || status === 203 || (status >= 300 && status < 400)) return 'refused';
  if (status === 403) return 'forbidden';
  if (status === 404) return typeKey && NO_SUCH_PROJECT.has(typeKey) ? 'project-not-found' : 'organization-not-found';
  return 'other';
}

/** One read that failed: the project list (project null) or a project's connections. */
export interface ReadFailure {
  cause: ReadCause;
  status: number | null;
  project: string | null;
  /** The problem's message, as the report's errors carry it. */
  message: string;
  /** What Azure DevOps said (its error's message), when it said something. */
  said: string | null;
}

export function readFailure(e: unknown, project: string | null, message: string): ReadFailure {
  const cause = causeOf(e);
  const error = serverErrorOf(e);
  const said = e instanceof HttpError && typeof e.serverError?.message === 'string' ? e.serverError.message : null;
  return { cause, status: e instanceof HttpError ? e.status : error.status, project, message, said };
}

/** The scan read nothing: what failed, in one line, and the cause each shell turns into advice. */
export interface Unread {
  cause: ReadCause;
  status: number | null;
  /** One line: what failed, naming the credential, the organization or the projects. */
  headline: string;
  /** The projects that do not exist (cause project-not-found). */
  projects: string[];
}

// When the projects failed for different reasons, the one that explains the others is named.
const PRIORITY: ReadCause[] = [
  'no-credential',
  'refused',
  'organization-not-found',
  'forbidden',
  'project-not-found',
  'unreachable',
  'other',
];

function statusText(status: number | null): string {
  if (status === 203) return 'its sign-in page (203)';
  if (status !== null && status >= 300 && status < 400) return `a redirect to its sign-in page (${status})`;
  return `${status}`;
}

/**
 * The scan read nothing (the project list failed, or every project's connections did): what failed. `credential`
 * names the credential sent (DevOpsAuth.credential).
 */
export function unreadOf(failures: ReadFailure[], orgUrl: string, credential: string): Unread | null {
  if (failures.length === 0) return null;
  const cause = PRIORITY.find((c) => failures.some((f) => f.cause === c)) ?? 'other';
  const first = failures.find((f) => f.cause === cause) as ReadFailure;
  const host = safeHost(orgUrl);
  const said = first.said ? `: ${oneLine(first.said, 160)}` : '';
  const named = (list: string[]) => list.map((p) => `"${p}"`).join(', ');
  const projects = failures.filter((f) => f.cause === 'project-not-found' && f.project).map((f) => f.project as string);
  const listing = first.project === null;
  const headlines: Record<ReadCause, () => string> = {
    'no-credential': () => first.message,
    refused: () =>
      first.status === 401
        ? `Azure DevOps (${host}) refused ${credential} (401)${said}`
        : `Azure DevOps (${host}) answered ${statusText(first.status)} instead of data: it did not accept ${credential}`,
    forbidden: () =>
      listing
        ? `${credential} may not list the projects of ${orgUrl} (403)${said}`
        : `${credential} may not read the service connections of ${named(failures.filter((f) => f.cause === 'forbidden').map((f) => f.project as string))} (403)${said}`,
    'organization-not-found': () => `there is no organization at ${orgUrl} (${host} answered 404)`,
    'project-not-found': () =>
      // VS800075 says it: "does not exist, or you do not have permission to access it".
      `organization ${orgUrl} has no project ${projects.length === 1 ? 'named ' : 'named any of '}${named(projects)} that ${credential} may see (404)`,
    unreachable: () => first.message,
    other: () => first.message,
  };
  // The headline is a clause: the callers end it with their own period.
  const headline = oneLine(headlines[cause](), 300).replace(/[.\s]+$/, '');
  return { cause, status: first.status, headline, projects };
}
