import { entraBacking } from './connectionTypes';
import { parseDate } from './raw';
import type { SchemeKind } from './types';

/**
 * Field-by-field checks of one connection in the shared listing (extension data anyone with the
 * extension can write). Each rule is what src/core/endpoint.ts derives from Azure DevOps's payload, so a
 * stored entry that could not have come from Azure DevOps is caught: the entry then reads as "unknown"
 * with the reason, never as silent.
 */

const SCHEMES: SchemeKind[] = ['secret', 'certificate', 'federated', 'managed-identity', 'none'];

/** The scheme kinds endpoint.ts can give for this scheme, when the connection is Entra-backed. */
function kindsFor(scheme: string): SchemeKind[] {
  switch (scheme.toLowerCase()) {
    case 'serviceprincipal':
      return ['secret', 'certificate'];
    case 'workloadidentityfederation':
      return ['federated'];
    case 'managedserviceidentity':
      return ['managed-identity'];
    case '':
      return ['none'];
    default:
      return [];
  }
}

const q = (v: unknown) => JSON.stringify(typeof v === 'string' ? v.slice(0, 60) : (v ?? null));

/**
 * The first reason this stored entry cannot stand for a connection Azure DevOps listed, or null.
 * `key` is its key in `byId`; `latestMs` the listing's own date plus clock skew (no save can be later).
 */
export function listingEntryProblem(r: Record<string, unknown>, key: string, latestMs: number): string | null {
  if (typeof r.id !== 'string' || r.id === '') return 'its id is not a string';
  if (r.id.toLowerCase() !== key) return `its id ${q(r.id)} is not its key ${q(key)}`;
  if (r.name !== undefined && typeof r.name !== 'string') return 'its name is not a string';
  if (typeof r.type !== 'string') return 'its type is not a string';
  if (typeof r.scheme !== 'string') return 'its scheme is not a string';
  const kind = SCHEMES.find((s) => s === r.schemeKind);
  if (!kind) return `its scheme kind ${q(r.schemeKind)} is not one Azure DevOps gives`;
  if (typeof r.entraBacked !== 'boolean') return 'its Entra flag is not true or false';
  // endpoint.ts: kind = none unless the type is Entra's; entraBacked = Entra type && (kind !== none || no scheme).
  const backing = entraBacking(r.type);
  if (backing === 'never' && (r.entraBacked || kind !== 'none'))
    return `a ${q(r.type)} connection is never backed by Entra ID`;
  if (r.entraBacked && !kindsFor(r.scheme).includes(kind))
    return `scheme kind ${q(kind)} does not match scheme ${q(r.scheme)}`;
  if (!r.entraBacked && kind !== 'none') return `scheme kind ${q(kind)} on a connection without Entra ID`;
  if (!r.entraBacked && backing === 'always' && (r.scheme === '' || kindsFor(r.scheme).some((k) => k !== 'none')))
    return `scheme ${q(r.scheme)} on a ${q(r.type)} connection means Entra ID`;
  for (const field of ['createdAt', 'modifiedAt'] as const) {
    const v = r[field];
    if (v === null || v === undefined) continue;
    const ms = typeof v === 'string' ? Date.parse(parseDate(v) ?? '') : NaN;
    if (Number.isNaN(ms)) return `its ${field} ${q(v)} is not a date`;
    if (ms > latestMs) return `its ${field} is later than the listing itself`;
  }
  return null;
}
