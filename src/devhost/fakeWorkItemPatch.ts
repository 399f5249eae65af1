import { vssError, type ProjectInfo } from './devopsShapes';
import type { FakeState } from './fakeWorkItemTypes';
import type { JsonAnswer } from './httpUtil';

/**
 * A JSON Patch document applied to a fake work item (REST reference "Work Items - Create / Update": an array
 * of `{op: add|replace|remove|test, path: "/fields/{referenceName}", value}`), with the rules Azure DevOps
 * enforces that sc-expiry meets: a title, a state the type has, a known identity in Assigned To
 * (WorkItemFieldInvalidException, errorCode 600171, "The identity value '…' for field 'Assigned To' is an
 * unknown identity."), an area path under the project.
 */

export interface StoredItem {
  id: number;
  rev: number;
  projectId: string;
  fields: Record<string, unknown>;
  comments: Record<string, unknown>[];
}

export interface PatchContext {
  id: number;
  project: ProjectInfo;
  type: { name: string; states: FakeState[] };
  known: Set<string>;
  nowIso: string;
}

const WIT = 'Microsoft.TeamFoundation.WorkItemTracking.Server';
const bad = (
  message: string,
  typeKey = 'WorkItemFieldInvalidException',
  errorCode = 0,
  field?: string,
): { error: JsonAnswer } => {
  const answer = vssError(400, typeKey, message, WIT);
  Object.assign(answer.body as Record<string, unknown>, {
    errorCode,
    ...(field ? { customProperties: { ReferenceName: field } } : {}),
  });
  return { error: answer };
};

export function applyPatch(
  text: string,
  existing: StoredItem | undefined,
  ctx: PatchContext,
): { item: StoredItem } | { error: JsonAnswer } {
  let ops: unknown;
  try {
    ops = JSON.parse(text);
  } catch {
    return bad('The body is not a JSON Patch document.', 'VssRequestContentException');
  }
  if (!Array.isArray(ops) || ops.length === 0)
    return bad('You must pass a valid patch document in the body of the request.', 'VssPropertyValidationException');
  const fields: Record<string, unknown> = existing ? { ...existing.fields } : {};
  for (const raw of ops as { op?: unknown; path?: unknown; value?: unknown }[]) {
    const path = typeof raw?.path === 'string' ? raw.path : '';
    const field = /^\/fields\/(.+)$/.exec(path)?.[1];
    if (raw?.op === 'test' && path === '/rev') {
      if (existing && raw.value !== existing.rev)
        return {
          error: vssError(
            412,
            'WorkItemRevisionMismatchException',
            `TF26071: This work item has been changed by someone else since you opened it.`,
            WIT,
          ),
        };
      continue;
    }
    if (!field || !['add', 'replace', 'remove'].includes(String(raw?.op)))
      return bad(`The patch operation ${String(raw?.op)} ${path} is not supported.`, 'VssPropertyValidationException');
    if (raw.op === 'remove') delete fields[field];
    else fields[field] = raw.value;
  }
  if (typeof fields['System.Title'] !== 'string' || !(fields['System.Title'] as string).trim())
    return bad(
      'TF401320: Rule Error for field Title. Error code: Required, InvalidEmpty.',
      'RuleValidationException',
      600171,
    );
  const first = ctx.type.states.find((s) => s.category === 'Proposed') ?? ctx.type.states[0];
  const state = typeof fields['System.State'] === 'string' ? (fields['System.State'] as string) : first.name;
  const known = ctx.type.states.find((s) => s.name.toLowerCase() === state.toLowerCase());
  if (!known)
    return bad(
      `TF401320: Rule Error for field State. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty. The value '${state}' is not in the list of supported values for ${ctx.type.name}.`,
      'RuleValidationException',
      600171,
    );
  fields['System.State'] = known.name;
  const assignee = fields['System.AssignedTo'];
  if (typeof assignee === 'string' && assignee) {
    if (!ctx.known.has(assignee.toLowerCase()))
      return bad(
        `The identity value '${assignee}' for field 'Assigned To' is an unknown identity.`,
        'WorkItemFieldInvalidException',
        600171,
        'System.AssignedTo',
      );
    fields['System.AssignedTo'] = { displayName: assignee, uniqueName: assignee };
  }
  const area = typeof fields['System.AreaPath'] === 'string' ? (fields['System.AreaPath'] as string) : ctx.project.name;
  if (area.split('\\')[0].toLowerCase() !== ctx.project.name.toLowerCase())
    return bad(
      `TF401347: Invalid tree name given for work item -1, field 'System.AreaPath'.`,
      'WorkItemFieldInvalidTreeNameException',
      600171,
    );
  fields['System.AreaPath'] = area;
  fields['System.ChangedDate'] = ctx.nowIso;
  if (!existing) {
    Object.assign(fields, {
      'System.WorkItemType': ctx.type.name,
      'System.TeamProject': ctx.project.name,
      'System.IterationPath': ctx.project.name,
      'System.CreatedDate': ctx.nowIso,
      'System.CreatedBy': { displayName: 'Local Host User', uniqueName: 'localhost.user@contoso.com' },
    });
  }
  const item: StoredItem = existing
    ? { ...existing, rev: existing.rev + 1, fields }
    : { id: ctx.id, rev: 1, projectId: ctx.project.id, fields, comments: [] };
  return { item };
}
