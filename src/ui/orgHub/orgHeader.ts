import { shortDateTime } from '../../core/days';
import { isCustomThresholds } from '../../core/thresholds';
import type { OrgData } from './orgLoad';

/** The organization hub's header line: where the listing, the usage reads and the snapshot writes stand. */
export function headerDescription(organization: string, data: OrgData): string {
  const listedCount = data.projects.filter((p) => p.state !== 'waiting').length;
  const progress = data.listed
    ? `${data.projects.length} projects`
    : data.projects.length > 0
      ? `Reading projects: ${listedCount} of ${data.projects.length}`
      : 'Reading projects…';
  const checked = data.checkedAt ? ` · Last checked ${shortDateTime(data.checkedAt)}` : '';
  const history =
    data.history && data.history.done < data.history.total
      ? ` · Reading usage history: ${data.history.done} of ${data.history.total} projects`
      : '';
  const saved =
    data.saved && data.saved.projects > 0
      ? ` · Fresh readings saved for ${data.saved.projects} project${data.saved.projects === 1 ? '' : 's'}`
      : '';
  return `${organization} · ${progress}${checked}${history}${saved}`;
}

/** For Settings: how many of the listed projects set thresholds of their own. */
export function thresholdCounts(data: OrgData): { custom: number; projects: number } {
  const custom = data.projects.filter((p) => {
    const t = data.projectThresholds?.get(p.project.id.toLowerCase());
    return !!t && isCustomThresholds(t);
  }).length;
  return { custom, projects: data.projects.length };
}
