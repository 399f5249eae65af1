import type { Connection, Verdict } from '../types';
import { decideAction } from './decide';

/**
 * What the hubs show when `sc-expiry fix` can fix a connection: the exact command to copy, beside
 * Azure DevOps's own path (Convert; Rotate secret when an automatic secret has expired; Edit for a
 * manual one). The extension itself never writes: the admin runs the command with their own token.
 */

export interface FixHint {
  action: 'convert' | 'rotate';
  command: string;
  /** Azure DevOps's own way to do the same by hand. */
  devopsPath: string;
}

/** POSIX single quotes: whatever the name holds, the shell reads one word and runs nothing. */
function quoted(value: string): string {
  return /^[A-Za-z0-9._:/@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fixHint(c: Connection, v: Verdict, orgUrl: string, project: string): FixHint | null {
  if (!GUID.test(c.id)) return null;
  // The hubs have the verdict, not Graph's raw answer: the app was read when its credentials were listed.
  const appProblem = v.credentials.length > 0 ? null : 'the app registration was not read';
  const { action } = decideAction({ connection: c, verdict: v, lookup: undefined, appProblem });
  if (action !== 'convert' && action !== 'rotate') return null;
  const command = `sc-expiry fix --org ${quoted(orgUrl.replace(/\/+$/, ''))} --project ${quoted(project)} --connection ${c.id} --apply`;
  const where = `Project settings → Service connections → "${c.name}"`;
  const devopsPath =
    action === 'convert'
      ? v.status === 'expired'
        ? `In Azure DevOps: ${where} → Rotate secret (renews for three months), or Convert (no secret any more).`
        : `In Azure DevOps: ${where} → Convert (workload identity federation, revertible for seven days).`
      : `In Azure DevOps: ${where} → Edit, paste a new secret from the app registration, Verify and save.`;
  return { action, command, devopsPath };
}
