import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { Panel } from 'azure-devops-ui/Panel';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Link } from 'azure-devops-ui/Link';
import { Button } from 'azure-devops-ui/Button';
import { localDays } from '../../core/days';
import { devopsConnectionLink, entraCredentialsLink } from '../../core/links';
import type { Finding, Status } from '../../core/types';
import { ConnectionFacts } from './ConnectionFacts';
import { CredentialsTable } from './CredentialsTable';
import { healthText } from './healthText';
import type { HubRow } from './rows';
import { StatusBadge } from './StatusBadge';
import { showInvisibles } from '../../core/logSafe';
import { UsedByList } from './UsedByList';
import { FixCommand } from './FixCommand';

const SEVERITY: Record<Status, MessageCardSeverity> = {
  expired: MessageCardSeverity.Error,
  critical: MessageCardSeverity.Error,
  warning: MessageCardSeverity.Warning,
  healthy: MessageCardSeverity.Info,
  'no-secret': MessageCardSeverity.Info,
  unknown: MessageCardSeverity.Warning,
  'not-applicable': MessageCardSeverity.Info,
};

/**
 * Everything about one connection, section by section: the warning, Azure DevOps's check, the links, the
 * facts, what to do, which pipelines use it, and which credential it uses.
 */
export function DetailsPanel(props: {
  row: HubRow;
  orgUrl: string;
  project: string;
  onCheck: () => void;
  onDismiss: () => void;
}) {
  const { row } = props;
  const { connection: c, verdict: v } = row;
  return (
    <Panel
      onDismiss={props.onDismiss}
      // The panel title is plain text in azure-devops-ui: bidi controls are shown as <U+202E> there.
      titleProps={{ text: showInvisibles(c.name) }}
      description={row.typeText}
      size={ContentSize.Large}
      className="sce-details"
    >
      <div className="sce-details-body flex-column" data-details-for={c.id}>
        <StatusCard row={row} />
        {c.entraBacked && c.schemeKind !== 'none' ? <ConnectionCheck row={row} onCheck={props.onCheck} /> : null}
        <ConnectionLinks row={row} orgUrl={props.orgUrl} project={props.project} />
        <ConnectionFacts row={row} project={props.project} orgUrl={props.orgUrl} />
        {v.findings.length > 0 ? <WhatToDo findings={v.findings} /> : null}
        {row.pending ? null : <FixCommand connection={c} verdict={v} orgUrl={props.orgUrl} project={props.project} />}
        {c.entraBacked ? (
          <UsedByList
            usage={row.usage}
            connection={c}
            error={row.usageError}
            orgUrl={props.orgUrl}
            project={props.project}
          />
        ) : null}
        {v.credentials.length > 0 ? (
          <CredentialsTable credentials={v.credentials} confidence={v.credential?.confidence ?? null} />
        ) : null}
      </div>
    </Panel>
  );
}

function StatusCard(props: { row: HubRow }) {
  const { verdict: v } = props.row;
  return (
    <MessageCard severity={SEVERITY[v.status]} className="sce-details-status">
      <span className="flex-row flex-center">
        <StatusBadge status={v.status} />
        <span className="sce-details-reason">
          {props.row.pending ? 'Reading Microsoft Graph…' : localDays(v.reason)}
        </span>
      </span>
    </MessageCard>
  );
}

/** Azure DevOps's own connection test, on demand, and what it said. */
function ConnectionCheck(props: { row: HubRow; onCheck: () => void }) {
  const { health } = props.row;
  return (
    <div className="sce-check flex-row flex-center">
      <Button
        text="Check now"
        iconProps={{ iconName: 'PlugConnected' }}
        onClick={props.onCheck}
        disabled={health?.state === 'running'}
      />
      <span
        className="sce-check-result"
        data-health={health?.state === 'done' ? (health.result.ok ? 'ok' : 'broken') : (health?.state ?? 'none')}
      >
        {healthText(health) ??
          'Runs Azure DevOps’s own connection test (what Verify does): it proves the connection works today, not when it expires.'}
      </span>
    </div>
  );
}

function ConnectionLinks(props: { row: HubRow; orgUrl: string; project: string }) {
  const { connection: c } = props.row;
  const devops = c.id ? devopsConnectionLink(props.orgUrl, props.project, c.id) : null;
  const entra = c.entraBacked ? entraCredentialsLink(c.environment, c.appId) : null;
  return (
    <div className="sce-links flex-row">
      {devops ? (
        <Link href={devops} target="_blank" rel="noopener noreferrer">
          Open the connection in Azure DevOps
        </Link>
      ) : null}
      {entra ? (
        <Link href={entra} target="_blank" rel="noopener noreferrer">
          Open the app’s credentials in Entra ID
        </Link>
      ) : null}
    </div>
  );
}

/** Each finding's one-line message and its fix, in order: the first step is what to do now. */
function WhatToDo(props: { findings: Finding[] }) {
  return (
    <section aria-label="What to do">
      <h3 className="sce-h3">What to do</h3>
      {props.findings.map((f, i) => (
        <div key={`${f.code}-${i}`} className={`sce-finding sce-finding-${f.severity}`} data-finding={f.code}>
          <p className="sce-finding-message">{localDays(f.message)}</p>
          <ol className="sce-fix">
            {f.fix.map((step, j) => (
              <li key={j}>{localDays(step)}</li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
