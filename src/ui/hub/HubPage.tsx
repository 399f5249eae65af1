import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { mark } from '../../adapters/userTiming';
import { shortDateTime } from '../../core/days';
import { CheckRunStatus } from '../shared/CheckRunStatus';
import { ConnectionsView } from '../shared/ConnectionsView';
import { HubPageFrame, LoadFailed } from '../shared/HubPageFrame';
import { buildRows, type RowCache } from '../shared/rows';
import { changedSettings, thresholdsNote } from '../shared/settingsView';
import { SnapshotNote } from '../shared/SnapshotNote';
import { useAutoCheck } from '../shared/useAutoCheck';
import { useConnectionsView } from '../shared/useConnectionsView';
import { useHealthChecks } from '../shared/useHealthChecks';
import { useSelectedConnection } from '../shared/useSelectedConnection';
import type { HubDeps } from './deps';
import { useHubData } from './useHubData';

export function HubPage(props: { deps: HubDeps }) {
  const { deps } = props;
  const page = useHubData(deps);
  const { data, refresh, noAccess } = page;
  const { health, check, run } = useHealthChecks(deps);
  const rowCache = React.useRef<RowCache>(new WeakMap());
  const nowMs = data.checkedAt ?? deps.now();
  const rows = React.useMemo(() => {
    const built = buildRows(data, noAccess, nowMs, health, rowCache.current);
    if (built.length > 0) mark('sce:rows-built');
    return built;
  }, [data, noAccess, nowMs, health]);
  const view = useConnectionsView(rows, null, nowMs);
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
  // The last reading or connection test, whichever is newer.
  const lastChecked = Math.max(data.checkedAt ?? 0, run?.finishedAt ?? 0);
  const checked = lastChecked ? `Last checked ${shortDateTime(lastChecked)}` : 'Loading…';
  // "Could not read" is never shown as the defaults: the statuses say which thresholds they use.
  const thresholdsUnread = data.settingsError?.startsWith("this project's thresholds: ")
    ? `Could not read ${data.settingsError.replace(': ', ' (')}): the statuses below use the defaults (warning ${data.thresholds.warningDays} days, critical ${data.thresholds.criticalDays}), not this project's own. Refresh to read them again.`
    : data.thresholdsInvalid
      ? `This project's ${data.thresholdsInvalid.replace(/^the /, '')}: the statuses below use the defaults (warning ${data.thresholds.warningDays} days, critical ${data.thresholds.criticalDays}). Open Settings and Save thresholds to replace them.`
      : null;

  return (
    <HubPageFrame
      page={page}
      nowMs={nowMs}
      description={[deps.context.project.name, checked, customThresholds].filter(Boolean).join(' · ')}
      // Enabled while Graph answers: Refresh cancels the requests in flight and starts again.
      refreshDisabled={data.phase === 'loading'}
      commands={[
        {
          id: 'check-all',
          text: 'Check all now',
          iconName: 'PlugConnected',
          onClick: () => void check(azureIds),
          disabled: azureIds.length === 0,
        },
      ]}
      details={
        selected
          ? {
              row: selected,
              orgUrl: deps.context.orgUrl,
              project: deps.context.project.name,
              onCheck: () => void check([selected.id]),
              onDismiss: selection.close,
            }
          : null
      }
      settings={{ thresholds: data.thresholds, onSave: saveSettings }}
    >
      <CheckRunStatus run={run} />
      <SnapshotNote rows={rows} nowMs={nowMs} error={data.snapshotError} />
      {thresholdsUnread ? (
        <MessageBar className="sce-banner" severity={MessageBarSeverity.Warning}>
          {thresholdsUnread}
        </MessageBar>
      ) : null}
      {selection.id && !selected && data.phase === 'loaded' ? (
        <MessageBar severity={MessageBarSeverity.Warning} onDismiss={selection.close}>
          The linked connection {selection.id} is not in this project: it may have been deleted, or the link points to
          another project.
        </MessageBar>
      ) : null}
      <LoadFailed data={data} onRetry={() => void refresh()} />
      {data.phase === 'loading' || data.phase === 'loaded' ? (
        <ConnectionsView
          {...view}
          onOpen={(r) => selection.open(r.id)}
          columnChoices={deps.columnChoices}
          emptyText="This project has no service connections."
          loading={data.phase === 'loading' ? 'Loading service connections…' : undefined}
        />
      ) : null}
    </HubPageFrame>
  );
}
