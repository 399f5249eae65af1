import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { Panel } from 'azure-devops-ui/Panel';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Link } from 'azure-devops-ui/Link';
import { localDays, shortDate, shortDateTime, toMs } from '../../core/days';
import { credentialNoun, relativeDays, schemeLabel } from '../../core/labels';
import { devopsConnectionLink, entraCredentialsLink } from '../../core/links';
import type { ListedCredential, Status } from '../../core/types';
import type { HubRow } from './rows';
import { StatusBadge } from './StatusBadge';
import { Button } from 'azure-devops-ui/Button';
import { healthText } from './healthText';
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

const CONFIDENCE: Record<string, string> = {
  matched: 'matched to the connection’s last save',
  single: 'the only one on the app',
  ambiguous: 'a guess: no credential matches the last save',
};

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <div className="sce-fact flex-row">
      <dt className="sce-fact-label secondary-text">{props.label}</dt>
      <dd className="sce-fact-value">{props.children}</dd>
    </div>
  );
}

function CredentialRow(props: { c: ListedCredential; confidence: string | null }) {
  const { c } = props;
  return (
    <tr className={c.inUse ? 'sce-in-use' : undefined} data-key-id={c.keyId}>
      <td>
        {credentialNoun(c.kind)} {c.displayName ? `“${c.displayName}”` : ''} {c.hint ? <code>{c.hint}…</code> : null}
        {c.source === 'servicePrincipal' ? <span className="secondary-text"> (service principal)</span> : null}
      </td>
      <td>{shortDate(c.startDateTime) || '—'}</td>
      <td>
        {shortDate(c.endDateTime) || '—'}
        {c.daysLeft !== null ? <span className="secondary-text"> ({relativeDays(c.daysLeft)})</span> : null}
        {c.invalid ? <span className="secondary-text"> starts after it ends</span> : null}
      </td>
      <td>
        {c.inUse ? (
          <strong>In use — {CONFIDENCE[props.confidence ?? ''] ?? ''}</strong>
        ) : c.expired ? (
          'Expired'
        ) : (
          'Not used'
        )}
      </td>
    </tr>
  );
}

/** Everything about one connection: the warning, which credential, the fix, the links. */
export function DetailsPanel(props: {
  row: HubRow;
  orgUrl: string;
  project: string;
  onCheck: () => void;
  onDismiss: () => void;
}) {
  const { connection: c, verdict: v } = props.row;
  const devops = c.id ? devopsConnectionLink(props.orgUrl, props.project, c.id) : null;
  const entra = c.entraBacked ? entraCredentialsLink(c.environment, c.appId) : null;
  return (
    <Panel
      onDismiss={props.onDismiss}
      titleProps={{ text: c.name }}
      description={props.row.typeText}
      size={ContentSize.Large}
      className="sce-details"
    >
      <div className="sce-details-body flex-column" data-details-for={c.id}>
        <MessageCard severity={SEVERITY[v.status]} className="sce-details-status">
          <span className="flex-row flex-center">
            <StatusBadge status={v.status} />
            <span className="sce-details-reason">
              {props.row.pending ? 'Reading Microsoft Graph…' : localDays(v.reason)}
            </span>
          </span>
        </MessageCard>
        {c.entraBacked && c.schemeKind !== 'none' ? (
          <div className="sce-check flex-row flex-center">
            <Button
              text="Check now"
              iconProps={{ iconName: 'PlugConnected' }}
              onClick={props.onCheck}
              disabled={props.row.health?.state === 'running'}
            />
            <span
              className="sce-check-result"
              data-health={
                props.row.health?.state === 'done'
                  ? props.row.health.result.ok
                    ? 'ok'
                    : 'broken'
                  : (props.row.health?.state ?? 'none')
              }
            >
              {healthText(props.row.health) ??
                'Runs Azure DevOps’s own connection test (what Verify does): it proves the connection works today, not when it expires.'}
            </span>
          </div>
        ) : null}
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
        <dl className="sce-facts">
          <Fact label="Authentication">{schemeLabel(c)}</Fact>
          <Fact label="App registration">
            {c.appId ? `${props.row.appName ?? '(name unknown)'} — ${c.appId}` : '—'}
          </Fact>
          <Fact label="Tenant">{c.tenantId ?? '—'}</Fact>
          <Fact label="Cloud">{c.environment}</Fact>
          <Fact label="Projects">{c.projects.map((p) => p.name).join(', ') || props.project}</Fact>
          <Fact label="Last saved">
            {c.modifiedAt && toMs(c.modifiedAt) !== null ? shortDateTime(toMs(c.modifiedAt) as number) : 'unknown'}
          </Fact>
          {c.wifIssuer ? <Fact label="Federation issuer">{c.wifIssuer}</Fact> : null}
        </dl>
        {v.findings.length > 0 ? (
          <section aria-label="What to do">
            <h3 className="sce-h3">What to do</h3>
            {v.findings.map((f, i) => (
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
        ) : null}
        {props.row.pending ? null : (
          <FixCommand connection={c} verdict={v} orgUrl={props.orgUrl} project={props.project} />
        )}
        {c.entraBacked ? (
          <UsedByList
            usage={props.row.usage}
            error={props.row.usageError}
            orgUrl={props.orgUrl}
            project={props.project}
          />
        ) : null}
        {v.credentials.length > 0 ? (
          <section aria-label="Credentials">
            <h3 className="sce-h3">Credentials on the app registration</h3>
            <table className="sce-credentials">
              <thead>
                <tr>
                  <th scope="col">Credential</th>
                  <th scope="col">Starts</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Used by this connection</th>
                </tr>
              </thead>
              <tbody>
                {v.credentials.map((cr) => (
                  <CredentialRow key={`${cr.kind}-${cr.keyId}`} c={cr} confidence={v.credential?.confidence ?? null} />
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </div>
    </Panel>
  );
}
