import { devopsConnectionLink } from '../links';
import type { AppLookup, Connection, Verdict } from '../types';
import type { ConnectionUsage, PipelineUse } from '../usage';
import { decideAction } from './decide';
import { credentialRisks, oldSecretRisk, recentPipelines, usageRisks, yamlRisk, type PipelineRead } from './risks';
import { flaggedRisks, type PlannedAction } from './types';

/** One line of the plan, before any YAML is read (the job adds those risks with withPipelineReads). */

export interface PlanInput {
  connection: Connection;
  verdict: Verdict;
  lookup: AppLookup | undefined;
  usage: ConnectionUsage | undefined;
  project: string;
  orgUrl: string;
  nowMs: number;
  removeOld: boolean;
}

export function planAction(input: PlanInput): PlannedAction {
  const { connection: c, verdict: v } = input;
  const decision = decideAction(input);
  const risks =
    decision.action === 'none'
      ? []
      : [
          ...usageRisks(input.usage, input.nowMs),
          ...credentialRisks(decision.action, c, v),
          ...(decision.action === 'rotate' ? [oldSecretRisk(v, input.removeOld)] : []),
        ];
  return {
    connectionId: c.id,
    project: input.project,
    name: c.name,
    action: decision.action,
    reason: decision.reason,
    checked: decision.checked,
    risks,
    steps: decision.steps,
    link: devopsConnectionLink(input.orgUrl, input.project, c.id),
  };
}

/** The YAML pipelines whose root file must be read before a convert: build pipelines used in the window. */
export function pipelinesToRead(
  action: PlannedAction,
  usage: ConnectionUsage | undefined,
  nowMs: number,
): PipelineUse[] {
  if (action.action !== 'convert' || !usage) return [];
  return recentPipelines(usage, nowMs);
}

/** The plan line with what reading each pipeline found (a release pipeline is "not read"). */
export function withPipelineReads(
  action: PlannedAction,
  reads: { pipeline: PipelineUse; read: PipelineRead }[],
): PlannedAction {
  const extra = reads.map(({ pipeline, read }) => yamlRisk(pipeline, read)).filter((r) => r !== null);
  return extra.length ? { ...action, risks: [...action.risks, ...extra] } : action;
}

/** Under --apply a flagged action runs only when the admin named the connection with --connection. */
export function mayApply(action: PlannedAction, named: boolean): boolean {
  if (action.action !== 'convert' && action.action !== 'rotate') return false;
  return named || flaggedRisks(action).length === 0;
}

/** Was this connection named by id or name (case-insensitive) with --connection? */
export function isNamed(c: Pick<Connection, 'id' | 'name'>, names: string[]): boolean {
  return names.some((n) => n.toLowerCase() === c.id.toLowerCase() || n.toLowerCase() === c.name.toLowerCase());
}

export const FIX_EXIT = { ok: 0, actionLeft: 1, usage: 2, stepFailed: 3 } as const;

/**
 * 0: done or nothing to do; 1: something still needs action (a plan with work in it, renew-in-ui left,
 * risks skipped); 3: a step failed (rolled back and named).
 */
export function fixExitCode(actions: PlannedAction[]): number {
  if (actions.some((a) => a.result === 'rolled-back' || a.result === 'failed')) return FIX_EXIT.stepFailed;
  const left = actions.some(
    (a) =>
      a.action === 'renew-in-ui' ||
      ((a.action === 'convert' || a.action === 'rotate') && a.result !== 'converted' && a.result !== 'rotated'),
  );
  return left ? FIX_EXIT.actionLeft : FIX_EXIT.ok;
}
