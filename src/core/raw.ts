/** Tolerant readers for untyped JSON from Azure DevOps and Graph. */

export type Json = Record<string, unknown>;

/**
 * A map keyed by ids that others wrote (connection ids, app keys): no prototype, so `constructor`,
 * `toString` or `__proto__` are ordinary keys, never Object.prototype's members.
 */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The key's own value, never an inherited one. */
export function own<T>(map: Record<string, T> | null | undefined, key: string): T | undefined {
  return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

export function asObject(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** Looks a key up ignoring case: Azure DevOps spells `tenantid` and `tenantId` depending on the type. */
export function getKey(obj: Json | null, key: string): unknown {
  if (!obj) return undefined;
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  // Only keys of the same length can match: most misses cost no lower-casing (2,000 endpoints, ~20 misses each).
  for (const k in obj) {
    if (k.length === lower.length && Object.prototype.hasOwnProperty.call(obj, k) && k.toLowerCase() === lower)
      return obj[k];
  }
  return undefined;
}

export function getString(obj: Json | null, key: string): string | null {
  const v = getKey(obj, key);
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function getBool(obj: Json | null, key: string, fallback: boolean): boolean {
  const v = getKey(obj, key);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (v.toLowerCase() === 'true') return true;
    if (v.toLowerCase() === 'false') return false;
  }
  return fallback;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string | null | undefined): value is string {
  return typeof value === 'string' && GUID.test(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/**
 * Reads a date in either shape Azure DevOps and Graph send: ISO-8601 (plain REST, Graph) or `/Date(ms)/`
 * (extension client with msDateFormat=true). Returns a normalized ISO string, or null for anything
 * else: a number such as `20991201` or free text is unreadable, never a day in 1970.
 */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) return isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const ms = MS_DATE.exec(text);
  if (ms) return safeIso(Number(ms[1]));
  const iso = ISO_DATE.exec(text);
  if (!iso) return null;
  // Graph and Azure DevOps speak UTC; a timestamp without a zone must not be read as local time.
  const t = Date.parse(iso[1] || !text.includes('T') ? text : `${text}Z`);
  return isNaN(t) ? null : safeIso(t);
}

/** True when a value was sent but is not a date we can read (absent and null are not unreadable). */
export function isUnreadableDate(value: unknown): boolean {
  return value !== undefined && value !== null && parseDate(value) === null;
}

/** A short, printable excerpt of a value someone else wrote, for a reason text. */
export function excerpt(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function safeIso(ms: number): string | null {
  const d = new Date(ms);
  return isNaN(d.getTime()) ? null : d.toISOString();
}
