import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { projectTiles } from '../../core/projectTiles';
import { ConnectionsView } from '../shared/ConnectionsView';
import { HubPageFrame, LoadFailed } from '../shared/HubPageFrame';
import type { HeaderCommand } from '../shared/PageHeader';
import { buildRows, type HubRow, type RowCache } from '../shared/rows';
import { changedSettings } from '../shared/settingsView';
import { SnapshotNote } from '../shared/SnapshotNote';
import { useAutoCheck } from '../shared/useAutoCheck';
import { useConnectionsView } from '../shared/useConnectionsView';
import { useHealthChecks } from '../shared/useHealthChecks';
import { useSelectedConnection } from '../shared/useSelectedConnection';
import type { OrgHubDeps } from './deps';
import { exportFileName, viewCsv, viewReport } from './exportView';
import { headerDescription, thresholdCounts } from './orgHeader';
import type { OrgData } from './orgLoad';
import { ProjectFilter } from './ProjectFilter';
import { ProjectProblems } from './ProjectProblems';
import { ThresholdProblems } from './ThresholdProblems';
import { ProjectTiles } from './ProjectTiles';
import { useOrgData } from './useOrgData';

export function OrgHubPage(props: { deps: OrgHubDeps }) {
  const { deps } = props;
  const page = useOrgData(deps);
  const { data, refresh, noAccess } = page;
  const { health, check } = useHealthChecks(useCheckDeps(deps, data));
  const rowCache = React.useRef<RowCache>(new WeakMap());
  const [projectId, setProjectId] = React.useState<string | null>(null);
  const nowMs = data.checkedAt ?? deps.now();
  const rows = React.useMemo(
    () => buildRows(data, noAccess, nowMs, health, rowCache.current),
    [data, noAccess, nowMs, health],
  );
  const view = useConnectionsView(rows, projectId, nowMs);
  const projects = React.useMemo(() => data.projects.map((p) => p.project), [data.projects]);
  const states = React.useMemo(
    () => new Map(data.projects.map((p) => [p.project.id.toLowerCase(), p])),
    [data.projects],
  );
  const tiles = React.useMemo(() => projectTiles(projects, rows), [projects, rows]);
  const selection = useSelectedConnection(deps.connectionParam, data.listed);
  const selected = selection.id ? rows.find((r) => r.id === selection.id) : undefined;
  useAutoCheck(rows, data.access, check);

  // Only a changed client ID is written, never over the package's (the project hub's rule).
  const saveSettings = async (clientId: string | null) => {
    const changed = changedSettings(data, clientId, null);
    if ('clientId' in changed) await deps.saveClientId(changed.clientId ?? null);
    await refresh();
  };

  return (
    <HubPageFrame
      page={page}
      nowMs={nowMs}
      description={headerDescription(deps.context.organization, data)}
      refreshDisabled={!data.listed}
      commands={exportCommands(deps, data, view.visible)}
      details={
        selected
          ? {
              row: selected,
              orgUrl: deps.context.orgUrl,
              project: selected.connection.projects[0]?.name ?? '',
              onCheck: () => void check([selected.id]),
              onDismiss: selection.close,
            }
          : null
      }
      settings={{ thresholds: null, projectThresholds: thresholdCounts(data), onSave: saveSettings }}
    >
      <SnapshotNote rows={rows} nowMs={nowMs} error={data.snapshotError} />
      <ProjectProblems projects={data.projects} />
      <ThresholdProblems
        projects={data.projects}
        problems={data.thresholdProblems}
        error={data.thresholdsError}
        defaults={data.thresholds}
      />
      <LoadFailed data={data} onRetry={() => void refresh()} />
      {selection.id && !selected && data.listed ? (
        <MessageBar severity={MessageBarSeverity.Warning} onDismiss={selection.close}>
          The linked connection {selection.id} is not in any project you can see: it may have been deleted.
        </MessageBar>
      ) : null}
      {data.phase === 'loading' || data.phase === 'loaded' ? (
        <>
          <ProjectTiles tiles={tiles} states={states} selected={projectId} onSelect={setProjectId} />
          <ConnectionsView
            {...view}
            onOpen={(r) => selection.open(r.id)}
            columnChoices={deps.columnChoices}
            emptyText={
              data.listed
                ? 'No service connection in the projects you can see.'
                : 'No service connection listed yet; projects are still being read.'
            }
            filters={<ProjectFilter projects={projects} value={projectId} onChange={setProjectId} />}
            loading={data.phase === 'loading' ? 'Loading projects and service connections…' : undefined}
            showProject
          />
        </>
      ) : null}
    </HubPageFrame>
  );
}

/** A connection's check runs in the first project it belongs to. */
function useCheckDeps(deps: OrgHubDeps, data: OrgData) {
  const projectOf = React.useRef(new Map<string, string>());
  React.useEffect(() => {
    for (const c of data.connections) projectOf.current.set(c.id, c.projects[0]?.name ?? '');
  }, [data.connections]);
  return React.useMemo(
    () => ({
      now: deps.now,
      checkEndpoint: (id: string) => deps.checkEndpoint(projectOf.current.get(id) ?? '', id),
    }),
    [deps],
  );
}

/** Export CSV and JSON: the rows on screen, once every project is listed and Graph has answered. */
function exportCommands(deps: OrgHubDeps, data: OrgData, visible: HubRow[]): HeaderCommand[] {
  const busy = !data.listed || data.access.kind === 'pending';
  const exportAs = (kind: 'csv' | 'json') => {
    const report = viewReport(visible, data.projects, deps.context.orgUrl, data.thresholds, deps.now());
    const name = exportFileName(deps.context.organization, deps.now(), kind);
    if (kind === 'json') deps.download(name, 'application/json', `${JSON.stringify(report, null, 2)}\n`);
    else deps.download(name, 'text/csv;charset=utf-8', viewCsv(report, visible));
  };
  const disabled = busy || visible.length === 0;
  return [
    { id: 'export-csv', text: 'Export CSV', iconName: 'Download', onClick: () => exportAs('csv'), disabled },
    { id: 'export-json', text: 'Export JSON', iconName: 'Download', onClick: () => exportAs('json'), disabled },
  ];
}
