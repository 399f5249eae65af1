/**
 * Owners in the fake Graph, from the Graph v1.0 reference:
 * - application's `owners` "Supports $expand … and $select nested in $expand" (application resource);
 *   a nested $select of properties directoryObject does not have (userPrincipalName …) is refused with
 *   400 "Invalid $select properties." (microsoftgraph/microsoft-graph-docs#12838).
 * - an expanded directoryObject relationship holds at most 20 items, without nextLink (query parameters, $expand).
 * - "List owners" (GET /applications/{id}/owners, Application.Read.All): a caller without permission to read
 *   a member's type gets it "with limited information … only the @odata.type property for the object type
 *   and the id is returned, while other properties are indicated as null".
 * - users' names and mail need User.ReadBasic.All (permissions reference: "display name, first and last name,
 *   email address, open extensions and photo"); service principals are readable with Application.Read.All.
 */

export const EXPAND_LIMIT = 20;

type Raw = Record<string, unknown>;

/** Which owner types the caller may read in full, by the delegated permissions the fixture grants. */
function readable(type: string, permissions: string[]): boolean {
  const has = (p: string) => permissions.some((q) => q.toLowerCase() === p.toLowerCase());
  const t = type.toLowerCase();
  if (t === '#microsoft.graph.serviceprincipal') return true;
  if (t === '#microsoft.graph.user')
    return has('User.ReadBasic.All') || has('User.Read.All') || has('Directory.Read.All');
  return has('Directory.Read.All');
}

/** One owner as this caller sees it: whole, or `@odata.type` and `id` with every other property null. */
export function ownerAsSeen(owner: Raw, permissions: string[]): Raw {
  const type = typeof owner['@odata.type'] === 'string' ? (owner['@odata.type'] as string) : '';
  if (readable(type, permissions)) return owner;
  const out: Raw = {};
  for (const key of Object.keys(owner)) out[key] = key === '@odata.type' || key === 'id' ? owner[key] : null;
  return out;
}

/** The fixture app's owners (raw directoryObjects), as this caller sees them. */
export function ownersOf(app: Raw, permissions: string[]): Raw[] {
  const list = Array.isArray(app.owners) ? (app.owners as Raw[]) : [];
  return list.map((o) => ownerAsSeen(o, permissions));
}

/** Directory object properties: the only ones a nested $select on owners may name. */
const DIRECTORY_OBJECT = new Set(['id', 'deletedDateTime']);

/**
 * Reads `$expand=owners` or `$expand=owners($select=…)` from a query string: null when owners are not
 * expanded, 'invalid' when the nested $select names what directoryObject does not have.
 */
export function expandOwners(query: string): 'plain' | 'invalid' | null {
  const expand = /(?:^|&)\$expand=([^&]+)/.exec(query);
  if (!expand) return null;
  const value = decodeURIComponent(expand[1]);
  const m = /^owners(?:\(\$select=([^)]*)\))?$/i.exec(value);
  if (!m) return null;
  if (m[1] === undefined) return 'plain';
  return m[1].split(',').every((f) => DIRECTORY_OBJECT.has(f.trim())) ? 'plain' : 'invalid';
}

/** `GET /applications/{id}/owners?$top=N`: `{value}` with `@odata.nextLink` when more remain. */
export function ownersPage(app: Raw, permissions: string[], query: string, path: string): Raw {
  const top = Math.max(1, Math.min(999, Number(/(?:^|&)\$top=(\d+)/.exec(query)?.[1] ?? 100)));
  const skip = Number(/(?:^|&)\$skiptoken=(\d+)/.exec(query)?.[1] ?? 0);
  const all = ownersOf(app, permissions);
  const value = all.slice(skip, skip + top);
  const more = skip + top < all.length;
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects',
    value,
    ...(more
      ? { '@odata.nextLink': `https://graph.microsoft.com/v1.0${path}?$top=${top}&$skiptoken=${skip + top}` }
      : {}),
  };
}
