import { ObservableArray } from 'azure-devops-ui/Core/Observable';
import type { IContributedPill } from 'azure-devops-extension-api';
import type { SurfaceData } from '../../adapters/sdk/surfaceData';
import { pipelineWarnings } from '../../core/surfaces';
import { pillText } from '../../core/surfaceText';
import { trackedItem, workItemLink } from '../../core/snapshotWorkItems';

/**
 * The object the pipeline page asks for pills (Microsoft's sample: azure-devops-extension-sample
 * src/Examples/Pills). `getPills` answers at once with an ObservableArray the page watches, and fills
 * it when the snapshot has been read: one pill for every connection that needs action, or none.
 */

export interface PillDeps {
  /** The surface's data, with Azure DevOps's word on this pipeline's connections. */
  load(definitionId: number): Promise<SurfaceData>;
  navigate(url: string): Promise<void>;
  now(): number;
  onDone?: (pillCount: number) => void;
}

/** A pill plus, for automation, the connections it names (extra fields the host ignores). */
export type ConnectionPill = IContributedPill & { connections: { id: string; status: string }[] };

export function createPillProvider(deps: PillDeps) {
  return {
    getPills(_pillGroupId: string, pipeline?: { definitionId: number; definitionName: string }) {
      const pills = new ObservableArray<ConnectionPill>([]);
      void fill(pills, pipeline?.definitionId).then(
        () => deps.onDone?.(pills.length),
        () => deps.onDone?.(0), // silent: a pill is never worth an error on someone else's page
      );
      return pills;
    },
  };

  async function fill(pills: ObservableArray<ConnectionPill>, definitionId: number | undefined): Promise<void> {
    if (typeof definitionId !== 'number' || !Number.isSafeInteger(definitionId)) return;
    const data = await deps.load(definitionId);
    // Thresholds that could not be read: no pill rather than one computed with the defaults.
    if (!data.thresholds) return;
    const items = pipelineWarnings(data.snapshot, definitionId, deps.now(), data.thresholds);
    const text = pillText(items);
    if (!text) return;
    const target = data.hubLink(items.length === 1 ? items[0].connection.id : null);
    pills.push({
      text: text.text,
      // Thresholds lowered by the project are said, as the hub header does (issue 21).
      tooltip: data.thresholdsNote ? `${text.tooltip} · ${data.thresholdsNote}` : text.tooltip,
      color: text.color,
      onClick: () => void deps.navigate(target),
      connections: items.map((i) => ({ id: i.connection.id, status: i.verdict.status })),
    });
    // One connection whose renewal a work item tracks: a second pill opens that item.
    const tracked = items.length === 1 ? trackedItem(data.snapshot?.workItems, items[0].connection.id) : null;
    if (tracked !== null) {
      const link = workItemLink(data.orgUrl, data.project.id || data.project.name, tracked);
      pills.push({
        text: `Tracked in #${tracked}`,
        tooltip: `Work item #${tracked} tracks the renewal of ${items[0].connection.name}.`,
        onClick: () => void deps.navigate(link),
        connections: [{ id: items[0].connection.id, status: items[0].verdict.status }],
      });
    }
  }
}
