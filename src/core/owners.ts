import { asObject, getKey, getString, type Json } from './raw';
import type { Connection, Creator, Finding, Owner, OwnerKind } from './types';

/**
 * Who answers for a connection: the app registration's owners (Graph `$expand=owners` on the
 * application read) and the connection's creator (Azure DevOps `createdBy`).
 */

/**
 * Graph's `$expand` on a directoryObject relationship returns at most 20 items and no nextLink
 * (learn.microsoft.com/graph/query-parameters#expand-parameter): with 20, there may be more.
 */
export const EXPANDED_OWNERS_LIMIT = 20;

const KINDS: Record<string, OwnerKind> = {
  '#microsoft.graph.user': 'user',
  '#microsoft.graph.serviceprincipal': 'servicePrincipal',
  '#microsoft.graph.group': 'group',
};

const MAX_TEXT = 256;

function text(obj: Json, key: string): string | null {
  const v = getString(obj, key);
  return v === null ? null : v.slice(0, MAX_TEXT);
}

/** One owner as Graph sent it: a directoryObject with `@odata.type` and `id`, names when the caller may read them. */
function parseOwner(raw: unknown): Owner | null {
  const obj = asObject(raw);
  const id = obj ? text(obj, 'id') : null;
  if (!obj || !id) return null;
  const type = (getString(obj, '@odata.type') ?? '').toLowerCase();
  return {
    id,
    kind: KINDS[type] ?? 'other',
    displayName: text(obj, 'displayName'),
    userPrincipalName: text(obj, 'userPrincipalName'),
    mail: text(obj, 'mail'),
  };
}

/**
 * The owners of a raw Graph application: undefined when the answer holds no owners list (not
 * asked, or not expanded: unknown, never "nobody"); [] when Graph says there are none.
 */
export function parseOwners(rawApp: unknown): Owner[] | undefined {
  const list = getKey(asObject(rawApp), 'owners');
  if (!Array.isArray(list)) return undefined;
  return list.map(parseOwner).filter((o): o is Owner => o !== null);
}

/** Owners in a `GET /applications/{id}/owners` answer (`{value:[…]}`), or null when it is not one. */
export function parseOwnersPage(body: unknown): Owner[] | null {
  const value = getKey(asObject(body), 'value');
  return Array.isArray(value) ? value.map(parseOwner).filter((o): o is Owner => o !== null) : null;
}

/** True when the name could not be read: Graph sends only `@odata.type` and `id` for what the caller may not read. */
export function isNameless(owner: Owner): boolean {
  return !owner.displayName && !owner.userPrincipalName && !owner.mail;
}

const KIND_NOUN: Record<OwnerKind, string> = {
  user: 'user',
  servicePrincipal: 'service principal',
  group: 'group',
  other: 'directory object',
};

/** "Adele Vance (adele@contoso.com)", or "user 6f1c… (name not readable)". Plain text: escape it for HTML. */
export function ownerLabel(owner: Owner): string {
  const contact = owner.userPrincipalName ?? owner.mail;
  if (owner.displayName) return contact ? `${owner.displayName} (${contact})` : owner.displayName;
  if (contact) return contact;
  return `${KIND_NOUN[owner.kind]} ${owner.id} (name not readable)`;
}

/** Why some names are missing, and what adds them; null when every owner has a name. */
export function ownersNote(owners: Owner[]): string | null {
  const nameless = owners.filter(isNameless);
  if (nameless.length === 0) return null;
  const users = nameless.filter((o) => o.kind === 'user').length;
  const what = users === nameless.length ? `${users} user owner(s)` : `${nameless.length} owner(s)`;
  return `Graph gave only the id of ${what}: reading users' names and mail needs User.ReadBasic.All besides Application.Read.All (User.Read.All for an app-only token, such as the pipeline task's).`;
}

/** "Owners: A, B" / "Owners: none" / "Owners: not read". */
export function ownersLine(owners: Owner[] | undefined): string {
  if (owners === undefined) return 'Owners: not read';
  if (owners.length === 0) return 'Owners: none';
  return `Owners: ${owners.map(ownerLabel).join(', ')}`;
}

/** "created by Adele Vance (adele@contoso.com)" / "creator unknown". */
export function creatorLabel(creator: Creator | null | undefined): string {
  if (!creator || (!creator.displayName && !creator.uniqueName)) return 'creator unknown';
  if (creator.displayName && creator.uniqueName && creator.displayName !== creator.uniqueName)
    return `${creator.displayName} (${creator.uniqueName})`;
  return creator.displayName ?? creator.uniqueName ?? '';
}

/** The details line: "Owners: …, created by …". */
export function whoLine(owners: Owner[] | undefined, creator: Creator | null | undefined): string {
  const created = creatorLabel(creator);
  return `${ownersLine(owners)}, ${created === 'creator unknown' ? created : `created by ${created}`}`;
}

/** Azure DevOps's `createdBy` (an IdentityRef): display name, unique name (sign-in), id. */
export function parseCreator(raw: unknown): Creator | null {
  const obj = asObject(raw);
  if (!obj) return null;
  const creator = {
    id: text(obj, 'id'),
    displayName: text(obj, 'displayName'),
    uniqueName: text(obj, 'uniqueName'),
  };
  return creator.id || creator.displayName || creator.uniqueName ? creator : null;
}

/** An app registration Graph says nobody owns: who may add an owner, and where. */
export function noOwnersFinding(c: Connection, appName: string | null): Finding {
  const app = appName ? `"${appName}"` : (c.appId ?? 'this app registration');
  return {
    code: 'no-owners',
    severity: 'info',
    message: `Nobody owns this app registration (${app}): no one is answerable for renewing its credentials.`,
    fix: [
      'In Entra ID open App registrations → the app → Owners → Add owners, and add the people who answer for this connection.',
      'An Application Administrator, Cloud Application Administrator or Global Administrator can add the first owner; once added, an owner can add others.',
    ],
  };
}
