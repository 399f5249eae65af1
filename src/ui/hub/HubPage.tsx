import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { AccessNotes } from '../shared/AccessNotes';
import { ConnectionsView } from '../shared/ConnectionsView';
import type { HubDeps } from './deps';
import { DetailsPanel, SettingsPanel, TokenPanel } from '../shared/lazyPanels';
import { changedSettings, thresholdsNote } from '../shared/settingsView';
import { PageHeader } from '../shared/PageHeader';
import { SnapshotNote } from '../shared/SnapshotNote';
import { useAutoCheck } from '../shared/useAutoCheck';
import { useHealthChecks } from '../shared/useHealthChecks';
import { buildRows, type RowCache } from '../shared/rows';
import { useConnectionsView } from '../shared/useConnectionsView';
import { useHubData } from './useHubData';
import { useSelectedConnection } from '../shared/useSelectedConnection';
import { mark } from '../../adapters/userTiming';
import { shortDateTime } from '../../core/days';

export function HubPage(props: { deps: HubDeps }) {
  const { deps } = props;
  const { data, refresh, signIn, applyPastedToken, noAccess } = useHubData(deps);
  const { health, check } = useHealthChecks(deps);
  const [tokenOpen, setTokenOpen] = React.useState(false);
  const rowCache = React.useRef<RowCache>(new WeakMap());
  const [settingsOpen, setSettingsOpen] = React.useState(false);
  const nowMs = data.checkedAt ?? deps.now();
  const rows = React.useMemo(() => {
    const built = buildRows(data, noAccess, nowMs, health, rowCache.current);
    if (built.length > 0) mark('sce:rows-built');
    return built;
  }, [data, noAccess, nowMs, health]);
  const view = useConnectionsView(rows);
  const selection = useSelectedConnection(deps.connectionParam, data.phase === 'loaded');
  const selected = selection.id ? rows.find((r) => r.id === selection.id) : undefined;

  useAutoCheck(rows, data.access, check);
  const azureIds = rows.filter((r) => r.connection.entraBacked && r.connection.schemeKind !== 'none').map((r) => r.id);
  const saveSettings = async (clientId: string | null, thresholds: typeof data.thresholds | null) => {
    const changed = changedSettings(data, clientId, thresholds);
    await Promise.all([
      'clientId' in changed ? deps.saveClientId(changed.clientId ?? null) : undefined,
      changed.thresholds ? deps.saveThresholds(changed.thresholds) : undefined,
    ]);
    await refresh();
  };
  const customThresholds = thresholdsNote(data.thresholds);
  const checked = data.checkedAt ? `Last checked ${shortDateTime(data.checkedAt)}` : 'Loading…';

  return (
    <div className="sce-page flex-column flex-grow">
      <PageHeader
        title="Service connection expiry"
        description={[deps.context.project.name, checked, customThresholds].filter(Boolean).join(' · ')}
        commands={[
          {
            id: 'refresh',
            text: 'Refresh',
            iconName: 'Refresh',
            onClick: () => void refresh(),
            // Enabled while Graph answers: Refresh cancels the requests in flight and starts again.
            disabled: data.phase === 'loading',
          },
          {
            id: 'check-all',
            text: 'Check all now',
            iconName: 'PlugConnected',
            onClick: () => void check(azureIds),
            disabled: azureIds.length === 0,
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
        {selection.id && !selected && data.phase === 'loaded' ? (
          <MessageBar severity={MessageBarSeverity.Warning} onDismiss={selection.close}>
            The linked connection {selection.id} is not in this project: it may have been deleted, or the link points to
            another project.
          </MessageBar>
        ) : null}
        {data.phase === 'failed' ? (
          <MessageBar
            severity={MessageBarSeverity.Error}
            buttonProps={[{ text: 'Retry', onClick: () => void refresh() }]}
          >
            {data.error}
          </MessageBar>
        ) : null}
        {data.phase === 'loading' || data.phase === 'loaded' ? (
          <ConnectionsView
            {...view}
            onOpen={(r) => selection.open(r.id)}
            columnChoices={deps.columnChoices}
            emptyText="This project has no service connections."
            loading={data.phase === 'loading' ? 'Loading service connections…' : undefined}
          />
        ) : null}
      </div>
      <React.Suspense fallback={<Spinner size={SpinnerSize.medium} label="Opening…" />}>
        {selected ? (
          <DetailsPanel
            row={selected}
            orgUrl={deps.context.orgUrl}
            project={deps.context.project.name}
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
            thresholds={data.thresholds}
            onSave={saveSettings}
            onDismiss={() => setSettingsOpen(false)}
          />
        ) : null}
      </React.Suspense>
    </div>
  );
}
