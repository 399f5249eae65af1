import * as React from 'react';
import { STATUS_LABELS } from '../../core/status';
import type { ProjectTile } from '../../core/projectTiles';
import type { Status } from '../../core/types';
import type { ProjectState } from './projectLists';

/** Shown per tile, most severe first; the rest are summed in "other". */
const SHOWN: Status[] = ['expired', 'critical', 'warning', 'unknown'];
const COLLAPSED = 12;

interface Props {
  tiles: ProjectTile[];
  states: Map<string, ProjectState>;
  selected: string | null;
  onSelect: (projectId: string | null) => void;
}

/** One compact tile per project, most severe first; a click filters the table to that project. */
export function ProjectTiles(props: Props) {
  const [all, setAll] = React.useState(false);
  const tiles = all ? props.tiles : props.tiles.slice(0, COLLAPSED);
  if (props.tiles.length === 0) return null;
  return (
    <section className="sce-project-tiles flex-column" aria-label="Connections by project">
      <div className="sce-project-grid">
        {tiles.map((t) => {
          const state = props.states.get(t.project.id.toLowerCase());
          const pressed = props.selected?.toLowerCase() === t.project.id.toLowerCase();
          const shown = SHOWN.filter((s) => t.summary[s] > 0);
          const rest = t.total - shown.reduce((n, s) => n + t.summary[s], 0);
          return (
            <button
              key={t.project.id}
              type="button"
              className={`sce-project-tile${pressed ? ' pressed' : ''}`}
              aria-pressed={pressed}
              data-project-id={t.project.id}
              onClick={() => props.onSelect(pressed ? null : t.project.id)}
            >
              <span className="sce-project-name text-ellipsis">
                <bdi>{t.project.name}</bdi>
              </span>
              <span className="sce-project-counts">
                {state?.state === 'waiting' ? (
                  <span className="secondary-text">Reading…</span>
                ) : state?.state === 'refused' || state?.state === 'failed' ? (
                  <span className="sce-project-refused">Not readable</span>
                ) : t.total === 0 ? (
                  <span className="secondary-text">No connections</span>
                ) : (
                  <>
                    {shown.map((s) => (
                      <span key={s} className={`sce-count-${s}`} data-count-status={s}>
                        {t.summary[s]} {STATUS_LABELS[s].toLowerCase()}
                      </span>
                    ))}
                    {rest > 0 ? <span className="secondary-text">{rest} OK</span> : null}
                  </>
                )}
              </span>
            </button>
          );
        })}
      </div>
      {props.tiles.length > COLLAPSED ? (
        <button type="button" className="sce-link-button" onClick={() => setAll((a) => !a)}>
          {all ? 'Show fewer projects' : `Show all ${props.tiles.length} projects`}
        </button>
      ) : null}
    </section>
  );
}
