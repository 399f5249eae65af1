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
