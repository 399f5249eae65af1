import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { Thresholds } from '../../core/types';
import { AccessNotes } from './AccessNotes';
import { DetailsPanel, SettingsPanel, TokenPanel } from './lazyPanels';
import type { HubData } from './loadSteps';
import { PageHeader, type HeaderCommand } from './PageHeader';
import type { HubRow } from './rows';

/** What a hub's data hook gives its page (usePageData). */
export interface PageData<D extends HubData> {
  data: D;
  refresh: () => Promise<unknown>;
  signIn: (tenantId: string) => Promise<void>;
  applyPastedToken: (token: string | null) => Promise<void>;
}

interface Props {
  page: PageData<HubData>;
  description: string;
  /** The page's clock (the reading's time once read). */
  nowMs: number;
  /** Refresh is off while the page's first rows are read. */
  refreshDisabled: boolean;
  /** The page's own commands, between Refresh and the Graph token. */
  commands: HeaderCommand[];
  /** The open connection, with the project its links and "Used by" point to. */
  details: { row: HubRow; orgUrl: string; project: string; onCheck: () => void; onDismiss: () => void } | null;
  /** What Settings shows beside the client ID (the project's thresholds, or where each project sets its own). */
  settings: {
    thresholds: Thresholds | null;
    projectThresholds?: { custom: number; projects: number };
    onSave: (clientId: string | null, thresholds: Thresholds | null) => Promise<void>;
  };
  /** The page's own notes and content, below the Graph access notes. */
  children: React.ReactNode;
}

/**
 * What both hub pages share around their own content: the header (Refresh, the page's commands, the Graph
 * token, Settings), the Graph access notes, and the panels they open.
 */
export function HubPageFrame(props: Props) {
  const { page } = props;
  const { data } = page;
  const [tokenOpen, setTokenOpen] = React.useState(false);
  const [settingsOpen, setSettingsOpen] = React.useState(false);
  const commands: HeaderCommand[] = [
    {
      id: 'refresh',
      text: 'Refresh',
      iconName: 'Refresh',
      onClick: () => void page.refresh(),
      disabled: props.refreshDisabled,
    },
    ...props.commands,
    { id: 'token', text: 'Use a Graph token', iconName: 'Permissions', onClick: () => setTokenOpen(true) },
    { id: 'settings', text: 'Settings', iconName: 'Settings', onClick: () => setSettingsOpen(true) },
  ];
  return (
    <div className="sce-page flex-column flex-grow">
      <PageHeader title="Service connection expiry" description={props.description} commands={commands} />
      <div role="main" className="flex-column sce-content">
        <AccessNotes
          data={data}
          nowMs={props.nowMs}
          onOpenSettings={() => setSettingsOpen(true)}
          onSignIn={(t) => void page.signIn(t)}
          onPasteToken={() => setTokenOpen(true)}
          onForgetToken={() => void page.applyPastedToken(null)}
        />
        {props.children}
      </div>
      <React.Suspense fallback={<Spinner size={SpinnerSize.medium} label="Opening…" />}>
        {props.details ? <DetailsPanel {...props.details} /> : null}
        {tokenOpen ? <TokenPanel onUse={page.applyPastedToken} onDismiss={() => setTokenOpen(false)} /> : null}
        {settingsOpen ? (
          <SettingsPanel
            clientId={data.clientId}
            fixed={data.clientIdSource === 'package'}
            history={data.clientIdHistory}
            nowMs={props.nowMs}
            readError={data.settingsError}
            thresholdsInvalid={data.thresholdsInvalid}
            {...props.settings}
            onDismiss={() => setSettingsOpen(false)}
          />
        ) : null}
      </React.Suspense>
    </div>
  );
}

/** The page's data could not be read: why, and Retry. */
export function LoadFailed(props: { data: HubData; onRetry: () => void }) {
  if (props.data.phase !== 'failed') return null;
  return (
    <MessageBar severity={MessageBarSeverity.Error} buttonProps={[{ text: 'Retry', onClick: props.onRetry }]}>
      {props.data.error}
    </MessageBar>
  );
}
