import { orgUrlShape } from '../core/orgUrl';

/**
 * The checks on one option value, shared by both shells through scanOptions.ts. `name` is how the
 * shell calls the option in its messages (`--org`, `System.CollectionUri`, `input "failOn"`).
 */

export class OptionError extends Error {}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new OptionError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** http(s) base URL without trailing slashes. A bare organization name means dev.azure.com. */
export function baseUrl(name: string, value: string, allowBareName: boolean): string {
  if (allowBareName && /^[A-Za-z0-9][A-Za-z0-9-]{0,49}$/.test(value)) return `https://dev.azure.com/${value}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OptionError(`${name} must be an http(s) URL (got "${value}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new OptionError(`${name} must be an http(s) URL (got "${value}")`);
  if (url.username || url.password) throw new OptionError(`${name} must not carry credentials in the URL`);
  // Tokens go with every request: in clear text only to this machine (a local fake or proxy).
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new OptionError(
      `${name} must use https:// (http:// is accepted only for localhost, 127.0.0.1 or [::1]: the token would cross the network in clear text)`,
    );
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A name for a command line: quoted when the shell would split it. */
function shellWord(value: string): string {
  return /^[\w.-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * The organization URL (baseUrl), refused before any request when it is a project's URL or a page's
 * (core/orgUrl.ts): the message gives the organization URL, and the project as `projectsName`.
 */
export function organizationUrl(name: string, projectsName: string, value: string): string {
  // "contoso/MyProject": a bare organization name with a project after it.
  const bare = /^[A-Za-z0-9][A-Za-z0-9-]{0,49}\/[^:]*$/.test(value) ? `https://dev.azure.com/${value}` : value;
  const url = baseUrl(name, bare, true);
  const shape = orgUrlShape(url);
  if (shape.kind === 'project')
    throw new OptionError(
      `${name} ${url} is the URL of project "${shape.project}", not of its organization: use ${name} ${shape.orgUrl} ${projectsName} ${shellWord(shape.project)}`,
    );
  if (shape.kind === 'page')
    throw new OptionError(`${name} ${url} is a page of an organization, not its URL: use ${name} ${shape.orgUrl}`);
  if (shape.kind === 'no-organization')
    throw new OptionError(`${name} ${url} names no organization: use ${name} https://dev.azure.com/ORGANIZATION`);
  return url;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/** A Marketplace publisher or extension id: letters, digits, '-', '_' and '.'. */
export function marketplaceId(name: string, value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value)) return value;
  throw new OptionError(
    `${name} must be a Marketplace id (letters, digits, '-', '_', '.'), got "${value.slice(0, 60)}"`,
  );
}

export function numberIn(name: string, value: string, min: number, max: number, integer: boolean): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const what = integer ? 'a whole number' : 'a number';
    throw new OptionError(`${name} must be ${what} between ${min} and ${max} (got "${value}")`);
  }
  return n;
}
