import * as React from 'react';
import { Link } from 'azure-devops-ui/Link';
import { shortDateTime, toMs } from '../../core/days';
import { schemeLabel } from '../../core/labels';
import { showInvisibles } from '../../core/logSafe';
import { ownersNote, whoLine } from '../../core/owners';
import { workItemLink } from '../../core/snapshotWorkItems';
import type { HubRow } from './rows';

/** The details panel's facts about one connection: its app, tenant, cloud, projects, people, renewal item. */

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <div className="sce-fact flex-row">
      <dt className="sce-fact-label secondary-text">{props.label}</dt>
      <dd className="sce-fact-value">{props.children}</dd>
    </div>
  );
}

export function ConnectionFacts(props: { row: HubRow; project: string; orgUrl: string }) {
  const { row } = props;
  const { connection: c } = row;
  return (
    <dl className="sce-facts">
      <Fact label="Authentication">{schemeLabel(c)}</Fact>
      <Fact label="App registration">
        {c.appId ? (
          <>
            <bdi>{row.appName ?? '(name unknown)'}</bdi> — {c.appId}
          </>
        ) : (
          '—'
        )}
      </Fact>
      <Fact label="Tenant">
        {row.tenantDomain && c.tenantId ? `${row.tenantDomain} (${c.tenantId})` : (c.tenantId ?? '—')}
      </Fact>
      <Fact label="Cloud">{c.environment}</Fact>
      {/* Lines of several names others wrote: each one's bidi controls are shown, so none reorders the others. */}
      <Fact label="Projects">{c.projects.map((p) => showInvisibles(p.name)).join(', ') || props.project}</Fact>
      <Fact label="Who">
        <span data-owners={row.owners === undefined ? 'not-read' : row.owners.length}>
          {showInvisibles(whoLine(row.owners, c.createdBy))}
        </span>
        {row.owners && ownersNote(row.owners) ? (
          <span className="secondary-text sce-owners-note"> {ownersNote(row.owners)}</span>
        ) : null}
      </Fact>
      {row.tracked ? <RenewalFact tracked={row.tracked} orgUrl={props.orgUrl} project={props.project} /> : null}
      <Fact label="Last saved">
        {c.modifiedAt && toMs(c.modifiedAt) !== null ? shortDateTime(toMs(c.modifiedAt) as number) : 'unknown'}
      </Fact>
      {c.wifIssuer ? <Fact label="Federation issuer">{c.wifIssuer}</Fact> : null}
    </dl>
  );
}

function RenewalFact(props: { tracked: NonNullable<HubRow['tracked']>; orgUrl: string; project: string }) {
  const { tracked } = props;
  return (
    <Fact label="Renewal">
      <Link
        href={workItemLink(props.orgUrl, tracked.project || props.project, tracked.id)}
        target="_blank"
        rel="noopener noreferrer"
      >
        Tracked in #{tracked.id}
      </Link>
    </Fact>
  );
}
