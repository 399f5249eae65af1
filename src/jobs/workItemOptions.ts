import { withoutControls } from '../core/logSafe';
import type { AssignTo } from '../core/workItemDecision';

/**
 * The options of the "track work items" step, checked once for both shells: the CLI's
 * `--work-items`, `--work-item-type`, `--area-path`, `--assign-to`, the task's `workItems`,
 * `workItemType`, `areaPath`, `assignTo`. Each shell names them its own way in messages.
 */

export interface WorkItemOptions {
  /** Null: Task, or Issue where the process has no Task. */
  type: string | null;
  areaPath: string | null;
  assign: AssignTo;
}

export interface WorkItemSettings {
  workItems?: boolean;
  workItemType?: string;
  areaPath?: string;
  assignTo?: string;
}

export type WorkItemNames = Record<'workItemType' | 'areaPath' | 'assignTo', string>;

const EMAIL = /^[^\s@<>"'();,]+@[^\s@<>"'();,]+\.[^\s@<>"'();,]+$/;
// A work item type or an area path as Azure DevOps names them: no control characters, none of <>|"*?:/#.
const TYPE = /^[^<>|"*?:/\\#]{1,128}$/;
const AREA = /^[^<>|"*?:/#]{1,4000}$/;
const clean = (v: string) => withoutControls(v) === v;

/** Null when the step was not asked for; else the checked options or the first problem in one line. */
export function checkWorkItemSettings(
  s: WorkItemSettings,
  names: WorkItemNames,
): { ok: true; options: WorkItemOptions | null } | { ok: false; message: string } {
  const given = s.workItemType !== undefined || s.areaPath !== undefined || s.assignTo !== undefined;
  if (!s.workItems) {
    return given
      ? {
          ok: false,
          message: `${names.workItemType}, ${names.areaPath} and ${names.assignTo} apply only when work items are tracked (--work-items)`,
        }
      : { ok: true, options: null };
  }
  const type = s.workItemType?.trim() || null;
  if (type !== null && (!TYPE.test(type) || !clean(type)))
    return { ok: false, message: `${names.workItemType} must be a work item type name such as Task or Issue` };
  const areaPath = s.areaPath?.trim() || null;
  if (areaPath !== null && (!AREA.test(areaPath) || !clean(areaPath)))
    return { ok: false, message: `${names.areaPath} must be an area path such as "Fabrikam\\\\Platform"` };
  const who = (s.assignTo ?? 'creator').trim();
  let assign: AssignTo;
  if (who === 'creator' || who === 'owner' || who === 'none') assign = { kind: who };
  else if (EMAIL.test(who)) assign = { kind: 'email', email: who };
  else
    return {
      ok: false,
      message: `${names.assignTo} must be creator, owner, none or an e-mail address (got "${who.slice(0, 60)}")`,
    };
  return { ok: true, options: { type, areaPath, assign } };
}
