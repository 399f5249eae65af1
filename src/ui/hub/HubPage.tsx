import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { summarize } from '../../core/summary';
import type { Status } from '../../core/types';
import { ConnectionsView } from './ConnectionsView';
import type { HubDeps } from './deps';
import { GraphBanner } from './GraphBanner';
import { appInUse, changedSettings, thresholdsNote } from './settingsView';
import { PageHeader } from './PageHeader';
import { SnapshotNote } from './SnapshotNote';
import { useAutoCheck } from './useAutoCheck';
import { useHealthChecks } from './useHealthChecks';
import { buildRows, viewRows, type RowCache, type SortKey } from './hubRows';
import { useHubData } from './useHubData';
import { useSelectedConnection } from './useSelectedConnection';
import { mark } from '../../adapters/userTiming';

// Panels are not needed for the first paint: they load when first opened.
const DetailsPanel = React.lazy(() =>
  import(/* webpackChunkName: "details" */ './DetailsPanel').then((m) => ({ default: m.DetailsPanel })),
);
const TokenPanel = React.lazy(() =>
  import(/* webpackChunkName: "token" */ './TokenPanel').then((m) => ({ default: m.TokenPanel })),
);
const SettingsPanel = React.lazy(() =>
  import(/* webpackChunkName: "settings" */ './SettingsPanel').then((m) => ({ default: m.SettingsPanel })),
);

export function HubPage(props: { deps: HubDeps }) {
  const { deps } = props;
  const { data, refresh, signIn, applyPastedToken, noAccess } = useHubData(deps);
  const { health, check } = useHealthChecks(deps);
  const [tokenOpen, setTokenOpen] = React.useState(false);
  const rowCache = React.useRef<RowCache>(new WeakMap());
  const [keyword, setKeyword] = React.useState('');
  const [statuses, setStatuses] = React.useState<Status[]>([]);
  const [sort, setSort] = React.useState<{ key: SortKey; descending: boolean } | null>(null);
  const [settingsOpen, setSettingsOpen] = React.useState(false);
  const nowMs = data.checkedAt ?? deps.now();
  const rows = React.useMemo(() => {
    const built = buildRows(data, noAccess, nowMs, health, rowCache.current);
    if (built.length > 0) mark('sce:rows-built');
    return built;
  }, [data, noAccess, nowMs, health]);
  const visible = React.useMemo(() => {
    const view = viewRows(rows, { keyword, statuses, sort });
    if (view.length > 0) mark('sce:rows-sorted');
    return view;
  }, [rows, keyword, statuses, sort]);
  const summary = React.useMemo(() => summarize(rows.map((r) => r.verdict.status)), [rows]);
  const selection = useSelectedConnection(deps.connectionParam, data.phase === 'loaded');
  const selected = selection.id ? rows.find((r) => r.id === selection.id) : undefined;

  useAutoCheck(rows, data.access, check);
  const azureIds = rows.filter((r) => r.connection.entraBacked && r.connection.schemeKind !== 'none').map((r) => r.id);
  const toggleStatus = (s: Status) =>
    setStatuses((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));
  const saveSettings = async (clientId: string | null, thresholds: typeof data.thresholds | null) => {
    const changed = changedSettings(data, clientId, thresholds);
    await Promise.all([
      'clientId' in changed ? deps.saveClientId(changed.clientId ?? null) : undefined,
      changed.thresholds ? deps.saveThresholds(changed.thresholds) : undefined,
    ]);
    await refresh();
  };
  const appNote = appInUse(data);
  const customThresholds = thresholdsNote(data.thresholds);
  const checked = data.checkedAt ? `Last checked ${new Date(data.checkedAt).toLocaleString()}` : 'Loading…';

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
        {data.pastedTokenExpiresAt ? (
          <MessageBar
            severity={MessageBarSeverity.Info}
            buttonProps={[{ text: 'Forget token', onClick: () => void applyPastedToken(null) }]}
          >
            Using a pasted Graph token until {data.pastedTokenExpiresAt.slice(11, 16)} UTC, for this page view only.
          </MessageBar>
        ) : (
          <GraphBanner
            access={data.access}
            onOpenSettings={() => setSettingsOpen(true)}
            onSignIn={(t) => void signIn(t)}
            onPasteToken={() => setTokenOpen(true)}
          />
        )}
        {appNote ? (
          <p className="secondary-text sce-app-note" data-entra-app={data.clientIdSource ?? undefined}>
            {appNote}
          </p>
        ) : null}
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
            rows={rows}
            visible={visible}
            summary={summary}
            statuses={statuses}
            onToggleStatus={toggleStatus}
            keyword={keyword}
            onKeyword={setKeyword}
            sort={sort}
            onSort={(key, descending) => setSort({ key, descending })}
            onOpen={(r) => selection.open(r.id)}
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
