import { USAGE_WINDOW_DAYS, type ConnectionUsage, type PipelineUse } from '../usage';
import type { Connection, Verdict } from '../types';
import { pipelinesInWindow } from '../usageRule';
import type { FixAction, Risk } from './types';
import type { SecretUse } from './yamlSecretUse';

/** The risks of one planned action: who uses the connection, what reads its secret, what else it removes. */

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Pipelines that used it in the usage window (information); an unread history is flagged: unknown, never unused. */
export function usageRisks(usage: ConnectionUsage | undefined, nowMs: number): Risk[] {
  if (!usage)
    return [{ code: 'usage-unknown', flagged: true, message: 'Execution history not read: who uses it is unknown.' }];
  const recent = recentPipelines(usage, nowMs);
  if (recent.length === 0)
    return [
      {
        code: 'used-by',
        flagged: false,
        message: `No pipeline used it in the last ${USAGE_WINDOW_DAYS} days${usage.complete ? '' : ' (history read in part)'}.`,
      },
    ];
  const names = recent.slice(0, 5).map((p) => `"${p.definitionName}"`);
  const more = recent.length > 5 ? ` and ${recent.length - 5} more` : '';
  return [
    {
      code: 'used-by',
      flagged: false,
      message: `Used by ${plural(recent.length, 'pipeline')} in the last ${USAGE_WINDOW_DAYS} days: ${names.join(', ')}${more}.`,
    },
  ];
}

/** Its pipelines in the usage window: core/usageRule's one window check. */
export function recentPipelines(usage: ConnectionUsage, nowMs: number): PipelineUse[] {
  return pipelinesInWindow(usage, nowMs);
}

/** What reading one pipeline's root YAML found. */
export type PipelineRead = { kind: 'read'; path: string; uses: SecretUse[] } | { kind: 'not-read'; why: string };

export function yamlRisk(pipeline: PipelineUse, read: PipelineRead): Risk | null {
  const ref = { definitionId: pipeline.definitionId, name: pipeline.definitionName };
  if (read.kind === 'not-read')
    return {
      code: 'not-read',
      flagged: true,
      pipeline: ref,
      message: `Pipeline "${pipeline.definitionName}": not read (${read.why}); it may read the secret.`,
    };
  if (read.uses.length === 0) return null;
  const where = read.uses.map((u) => `${u.what} line ${u.line}`).join(', ');
  return {
    code: 'reads-secret',
    flagged: true,
    pipeline: ref,
    message: `Pipeline "${pipeline.definitionName}" reads the secret (${read.path}: ${where}); it breaks once there is no secret.`,
  };
}

/**
 * When Azure DevOps saves an automatic connection it replaces every password on the app registration
 * (Azure DevOps Server's UpdateAadApplicationCreds…); after a conversion it removes the old secrets once
 * the revert window ends. So every other secret on the app is at risk.
 */
export function credentialRisks(action: FixAction, c: Connection, v: Verdict): Risk[] {
  if (c.creationMode !== 'automatic' || (action !== 'convert' && action !== 'renew-in-ui')) return [];
  if (v.credentials.length === 0)
    return [
      {
        code: 'other-credentials',
        flagged: true,
        message: 'The app registration’s secrets were not read: secrets added by hand could be removed.',
      },
    ];
  const others = v.credentials.filter((k) => !k.inUse && k.kind === 'secret');
  if (others.length === 0) return [];
  const verb = action === 'convert' ? 'will be removed' : 'are replaced when the connection is saved';
  return [
    {
      code: 'other-credentials',
      flagged: true,
      message: `${plural(others.length, 'other secret')} on this app ${verb}; whatever uses them breaks.`,
    },
  ];
}

/** A rotation keeps the secret in use unless --remove-old; removing needs to know which one it is. */
export function oldSecretRisk(v: Verdict, removeOld: boolean): Risk {
  if (!removeOld)
    return {
      code: 'old-secret',
      flagged: false,
      message: 'The secret in use now is kept; delete it once nothing else uses it (or rerun with --remove-old).',
    };
  if (!v.credential || v.credential.confidence === 'ambiguous')
    return {
      code: 'old-secret',
      flagged: true,
      message: 'The secret in use is ambiguous: --remove-old will remove nothing.',
    };
  return {
    code: 'old-secret',
    flagged: false,
    message: `After the check passes, the secret in use now (keyId ${v.credential.keyId}) is removed; anything else using it breaks.`,
  };
}
