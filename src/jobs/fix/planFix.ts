import { createPipelineYamlReader } from '../../adapters/fix/pipelineYaml';
import type { WriteTransport } from '../../adapters/fix/writeRequest';
import { isSelected } from '../../core/fix/decide';
import { isNamed, pipelinesToRead, planAction, withPipelineReads } from '../../core/fix/plan';
import type { PipelineRead } from '../../core/fix/risks';
import type { PlannedAction } from '../../core/fix/types';
import { lookupFor } from '../../core/graphQueries';
import type { AppLookup, Connection, Verdict } from '../../core/types';
import type { PipelineUse } from '../../core/usage';
import type { ScanResult } from '../scan';
import type { FixOptions } from './fixOptions';

/**
 * The plan: the scan's connections, selected (default: at or above warning; --all: every secret or
 * certificate; --connection: those named), one action each, then the YAML root file of every pipeline
 * that used a connection to convert (one definitions request per project, one file read per pipeline).
 * Reads only.
 */

export interface FixTarget {
  action: PlannedAction;
  connection: Connection;
  verdict: Verdict;
  lookup: AppLookup | undefined;
  named: boolean;
}

export interface PlanOutcome {
  targets: FixTarget[];
  /** --connection values that name no listed connection. */
  unknownNames: string[];
  yamlReads: { definitionLists: number; items: number };
}

function selected(options: FixOptions, c: Connection, v: Verdict): boolean {
  if (isNamed(c, options.connections)) return true;
  if (options.connections.length > 0 && !options.all) return false;
  return isSelected(c, v, options.all);
}

function readWhy(p: PipelineUse): PipelineRead | null {
  if (p.planType === 'release') return { kind: 'not-read', why: 'classic release pipeline, not YAML' };
  if (p.planType !== 'build') return { kind: 'not-read', why: 'not a build pipeline' };
  return null;
}

/** Every convert action's pipelines, read once per project and definition. */
async function addYamlRisks(targets: FixTarget[], scan: ScanResult, orgUrl: string, t: WriteTransport) {
  const reader = createPipelineYamlReader(orgUrl, t);
  const wanted = new Map<string, Set<number>>();
  const uses = targets.map((target) => {
    const list = pipelinesToRead(target.action, scan.usage[target.connection.id.toLowerCase()], scan.nowMs);
    for (const p of list)
      if (!readWhy(p))
        wanted.set(target.action.project, (wanted.get(target.action.project) ?? new Set()).add(p.definitionId));
    return list;
  });
  const reads = new Map<string, Map<number, PipelineRead>>();
  for (const [project, ids] of wanted)
    reads.set(
      project,
      await reader.read(
        project,
        [...ids].sort((a, b) => a - b),
      ),
    );
  targets.forEach((target, i) => {
    const found = uses[i].map((pipeline) => ({
      pipeline,
      read: readWhy(pipeline) ??
        reads.get(target.action.project)?.get(pipeline.definitionId) ?? { kind: 'not-read' as const, why: 'not read' },
    }));
    target.action = withPipelineReads(target.action, found);
  });
  return reader.stats;
}

export async function planFix(options: FixOptions, scan: ScanResult, t: WriteTransport): Promise<PlanOutcome> {
  const targets: FixTarget[] = [];
  for (const entry of scan.entries) {
    const { connection, verdict } = entry;
    if (!selected(options, connection, verdict)) continue;
    const lookup = lookupFor(connection, scan.lookups);
    const action = planAction({
      connection,
      verdict,
      lookup,
      usage: scan.usage[connection.id.toLowerCase()],
      project: entry.project,
      orgUrl: options.orgUrl,
      nowMs: scan.nowMs,
      removeOld: options.removeOld,
    });
    targets.push({ action, connection, verdict, lookup, named: isNamed(connection, options.connections) });
  }
  const unknownNames = options.connections.filter((n) => !scan.entries.some((e) => isNamed(e.connection, [n])));
  const yamlReads = await addYamlRisks(targets, scan, options.orgUrl, t);
  return { targets, unknownNames, yamlReads };
}
