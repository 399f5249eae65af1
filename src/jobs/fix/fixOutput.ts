import { flaggedRisks, type FixAction, type Plan, type PlannedAction } from '../../core/fix/types';
import { mdText } from '../format/markdown';
import type { RevertLine } from './revertJournal';

/**
 * What `sc-expiry fix` prints: the plan (table or JSON, docs/contracts.md#fix), then what the run did.
 * Names come from Azure DevOps: the caller's writer neutralises control characters and logging commands.
 */

export function planJson(actions: PlannedAction[]): string {
  const plan: Plan = { actions };
  return `${JSON.stringify(plan, null, 2)}\n`;
}

const RESULT_TEXT: Record<NonNullable<PlannedAction['result']>, string> = {
  converted: 'converted',
  rotated: 'rotated',
  'skipped-risks': 'skipped: flagged risks (name it with --connection to apply anyway)',
  'skipped-not-confirmed': 'skipped: not confirmed',
  'rolled-back': 'FAILED, rolled back',
  failed: 'FAILED',
};

function block(a: PlannedAction): string {
  const lines = [`${a.action.padEnd(11)} "${a.name}" (${a.project})  ${a.connectionId}`, `  why:     ${a.reason}`];
  lines.push(`  checked: ${a.checked.join('; ')}`);
  for (const r of a.risks) lines.push(`  ${r.flagged ? 'RISK' : 'risk'}:    ${r.message}`);
  a.steps.forEach((s, n) => lines.push(`  ${n === 0 ? 'do:' : '   '}      ${n + 1}. ${s}`));
  if (a.link && a.action !== 'none') lines.push(`  link:    ${a.link}`);
  if (a.result)
    lines.push(
      `  result:  ${RESULT_TEXT[a.result]}${a.error ? `: ${a.error}` : ''}${a.revertBy ? ` (revertible until ${a.revertBy})` : ''}`,
    );
  return lines.join('\n');
}

export function planTable(actions: PlannedAction[], applied: boolean): string {
  if (actions.length === 0)
    return 'No connection selected: nothing to fix (use --all for every secret-based connection).\n';
  const counts = (['convert', 'rotate', 'renew-in-ui', 'none'] as FixAction[])
    .map((k) => `${actions.filter((a) => a.action === k).length} ${k}`)
    .join(', ');
  const flagged = actions.filter(
    (a) => flaggedRisks(a).length > 0 && (a.action === 'convert' || a.action === 'rotate'),
  ).length;
  const tail = applied
    ? ''
    : `\nThis is a plan: nothing was changed. Apply it with --apply${flagged ? ` (${flagged} flagged action(s) are skipped unless named with --connection)` : ''}.`;
  return `${actions.map(block).join('\n\n')}\n\n${applied ? 'Run' : 'Plan'}: ${counts}.${tail}\n`;
}

export function revertTable(lines: RevertLine[]): string {
  if (lines.length === 0) return 'The journal holds no action.\n';
  return `${lines.map((l) => `${l.outcome.padEnd(9)} "${l.name}" (${l.project}): ${l.message}`).join('\n')}\n`;
}

/** The plan (or what was applied) as a Markdown run summary; every value from Azure DevOps escaped. */
export function planMarkdown(actions: PlannedAction[], applied: boolean): string {
  const head = `## Service connection fixes: ${applied ? 'applied' : 'plan (nothing was changed)'}\n\n`;
  if (actions.length === 0) return `${head}No connection at or above warning.\n`;
  const rows = actions.map((a) => {
    const risks = a.risks.map((r) => `${r.flagged ? '⚠️ ' : ''}${mdText(r.message)}`).join('<br>') || '—';
    const result = a.result ? `${mdText(RESULT_TEXT[a.result])}${a.error ? `: ${mdText(a.error)}` : ''}` : '—';
    const name =
      a.link && /^https?:\/\//i.test(a.link)
        ? `[${mdText(a.name)}](${a.link.replace(/[()\s]/g, encodeURIComponent)})`
        : mdText(a.name);
    return `| ${name} | ${mdText(a.project)} | ${a.action} | ${mdText(a.reason)} | ${risks} | ${result} |`;
  });
  return `${head}| Connection | Project | Action | Why | Risks | Result |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}
