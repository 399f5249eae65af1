import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { projectTiles } from '../../core/projectTiles';
import { AccessNotes } from '../shared/AccessNotes';
import { ConnectionsView } from '../shared/ConnectionsView';
import { DetailsPanel, SettingsPanel, TokenPanel } from '../shared/lazyPanels';
import { PageHeader } from '../shared/PageHeader';
import { buildRows, type RowCache } from '../shared/rows';
import { changedSettings } from '../shared/settingsView';
import { useConnectionsView } from '../shared/useConnectionsView';
import { SnapshotNote } from '../shared/SnapshotNote';
import { useAutoCheck } from '../shared/useAutoCheck';
import { useHealthChecks } from '../shared/useHealthChecks';
import { useSelectedConnection } from '../shared/useSelectedConnection';
import type { OrgHubDeps } from './deps';
import { exportFileName, viewCsv, viewReport } from './exportView';
import { headerDescription, thresholdCounts } from './orgHeader';
import { ProjectFilter } from './ProjectFilter';
import { ProjectProblems } from './ProjectProblems';
import { ProjectTiles } from './ProjectTiles';
import { useOrgData } from './useOrgData';

export function OrgHubPage(props: { deps: OrgHubDeps }) {
  const { deps } = props;
  const { data, refresh, signIn, applyPastedToken, noAccess } = useOrgData(deps);
  // A connection's check runs in the first project it belongs to.
  const projectOf = React.useRef(new Map<string, string>());
  const checkDeps = React.useMemo(
    () => ({
      now: deps.now,
      checkEndpoint: (id: string) => deps.checkEndpoint(projectOf.current.get(id) ?? '', id),
    }),
    [deps],
  );
  const { health, check } = useHealthChecks(checkDeps);
  const rowCache = React.useRef<RowCache>(new WeakMap());
  const [projectId, setProjectId] = React.useState<string | null>(null);
  const [tokenOpen, setTokenOpen] = React.useState(false);
  const [settingsOpen, setSettingsOpen] = React.useState(false);
  const nowMs = data.checkedAt ?? deps.now();
  const rows = React.useMemo(
    () => buildRows(data, noAccess, nowMs, health, rowCache.current),
    [data, noAccess, nowMs, health],
  );
  React.useEffect(() => {
    for (const r of rows) projectOf.current.set(r.id, r.connection.projects[0]?.name ?? '');
  }, [rows]);
  const view = useConnectionsView(rows, projectId);
  const { visible } = view;
  const projects = React.useMemo(() => data.projects.map((p) => p.project), [data.projects]);
  const states = React.useMemo(
    () => new Map(data.projects.map((p) => [p.project.id.toLowerCase(), p])),
    [data.projects],
  );
  const tiles = React.useMemo(() => projectTiles(projects, rows), [projects, rows]);
  const selection = useSelectedConnection(deps.connectionParam, data.listed);
  const selected = selection.id ? rows.find((r) => r.id === selection.id) : undefined;
  useAutoCheck(rows, data.access, check);

  const exportAs = (kind: 'csv' | 'json') => {
    const report = viewReport(visible, data.projects, deps.context.orgUrl, data.thresholds, deps.now());
    const name = exportFileName(deps.context.organization, deps.now(), kind);
    if (kind === 'json') deps.download(name, 'application/json', `${JSON.stringify(report, null, 2)}\n`);
    else deps.download(name, 'text/csv;charset=utf-8', viewCsv(report, visible));
  };
  // Only a changed client ID is written, never over the package's (the project hub's rule).
  const saveSettings = async (clientId: string | null) => {
    const changed = changedSettings(data, clientId, null);
    if ('clientId' in changed) await deps.saveClientId(changed.clientId ?? null);
    await refresh();
  };
  const busy = !data.listed || data.access.kind === 'pending';

  return (
    <div className="sce-page flex-column flex-grow">
      <PageHeader
        title="Service connection expiry"
        description={headerDescription(deps.context.organization, data)}
        commands={[
          {
            id: 'refresh',
            text: 'Refresh',
            iconName: 'Refresh',
            onClick: () => void refresh(),
            disabled: !data.listed,
          },
          {
            id: 'export-csv',
            text: 'Export CSV',
            iconName: 'Download',
            onClick: () => exportAs('csv'),
            disabled: busy || visible.length === 0,
          },
          {
            id: 'export-json',
            text: 'Export JSON',
            iconName: 'Download',
            onClick: () => exportAs('json'),
            disabled: busy || visible.length === 0,
          },
          { id: 'token', text: 'Use a Graph token', iconName: 'Permissions', onClick: () => setTokenOpen(true) },
          { id: 'settings', text: 'Settings', iconName: 'Settings', onClick: () => setSettingsOpen(true) },
        ]}
      />
      <div role="main" className="flex-column sce-content">
        <AccessNotes
          data={data}
          onOpenSettings={() => setSettingsOpen(true)}
          onSignIn={(t) => void signIn(t)}
          onPasteToken={() => setTokenOpen(true)}
          onForgetToken={() => void applyPastedToken(null)}
        />
        <SnapshotNote rows={rows} nowMs={nowMs} />
        <ProjectProblems projects={data.projects} />
        {data.phase === 'failed' ? (
          <MessageBar
            severity={MessageBarSeverity.Error}
            buttonProps={[{ text: 'Retry', onClick: () => void refresh() }]}
          >
            {data.error}
          </MessageBar>
        ) : null}
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
      </div>
      <React.Suspense fallback={<Spinner size={SpinnerSize.medium} label="Opening…" />}>
        {selected ? (
          <DetailsPanel
            row={selected}
            orgUrl={deps.context.orgUrl}
            project={selected.connection.projects[0]?.name ?? ''}
            onCheck={() => void check([selected.id])}
            onDismiss={selection.close}
          />
        ) : null}
        {tokenOpen ? <TokenPanel onUse={applyPastedToken} onDismiss={() => setTokenOpen(false)} /> : null}
        {settingsOpen ? (
          <SettingsPanel
            clientId={data.clientId}
            fixed={data.clientIdSource === 'package'}
            history={data.clientIdHistory}
            readError={data.settingsError}
            thresholds={null}
            projectThresholds={thresholdCounts(data)}
            onSave={saveSettings}
            onDismiss={() => setSettingsOpen(false)}
          />
        ) : null}
      </React.Suspense>
    </div>
  );
}
