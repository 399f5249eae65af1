import { readFileSync } from 'fs';
import { join } from 'path';
import { DEFAULTS, FAIL_ON } from './args';
import { EXIT } from '../jobs/exitCodes';
import { FORMATS, OUTPUT_FORMATS } from '../jobs/format/formats';
import { USAGE_MAX_AGE_LIMIT_DAYS, USAGE_MODES } from '../core/usagePlan';

/** "a (default), b, c or d": a choice list that names the default. */
function choices(values: readonly string[], fallback: string): string {
  const named = values.map((v) => (v === fallback ? `${v} (default)` : v));
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}` : named.join('');
}

const formatLines = FORMATS.map((f) => `  ${f.padEnd(10)} ${OUTPUT_FORMATS[f].description}`).join('\n');
const t = DEFAULTS.thresholds;
const target = DEFAULTS.publishTarget;

export const HELP = `sc-expiry: warn before the Entra ID secret or certificate behind an Azure DevOps service connection expires.

Usage:
  sc-expiry scan --org <organization URL> [options]
  sc-expiry --help | --version

Options:
  --org URL                Organization URL, e.g. https://dev.azure.com/contoso (required)
  --project NAME           Scan only this project; repeat for several (default: every project)
  --format FORMAT          ${choices(FORMATS, DEFAULTS.format)}
  --output FILE            Write the report to FILE instead of standard output
  --json-file FILE         Also write the scanner JSON to FILE, whatever --format is
  --warning-days N         Warning when the credential expires within N days (default ${t.warningDays})
  --critical-days N        Critical within N days (default ${t.criticalDays})
  --fail-on LEVEL          Exit ${EXIT.failOn} when a connection is at or above LEVEL:
                           ${choices(FAIL_ON, DEFAULTS.failOn)}
  --graph-url URL          Microsoft Graph root, e.g. https://graph.microsoft.us
                           (default: the Graph of each connection's cloud)
  --concurrency N          Requests in flight per service (default ${DEFAULTS.concurrency})
  --timeout-seconds N      Per-request timeout (default ${DEFAULTS.timeoutSeconds})
  --publish                Also save each project's readings (key ids, names and dates, never secrets)
                           in the extension's data, where the hub shows them to viewers without a
                           Graph token; merged with what other writers saved
  --extension-publisher ID Publisher of the installed extension (default ${target.publisher}): where
                           --publish writes and --usage auto reads the snapshots
  --extension-id ID        Id of the installed extension (default ${target.extensionId})
  --usage MODE             Which pipelines used each connection (one execution history per connection
                           and project): ${choices(USAGE_MODES, DEFAULTS.usage.mode)}
                           auto: reuse the usage the published snapshots hold while it is fresh, and
                           read each other history only down to its newest known run; always: read
                           every history whole; never: read none ("used by" unknown, never "unused")
  --usage-max-age DAYS     With --usage auto: reuse usage read less than DAYS ago (default ${DEFAULTS.usage.maxAgeDays},
                           0 to ${USAGE_MAX_AGE_LIMIT_DAYS}); older usage is read again since its newest run
  --work-items             Keep one work item per connection that needs action: created, commented
                           when its status, date or fix changes, closed when renewed, reopened
                           when needed again (found by the tag sc-expiry:<connection id>)
  --work-item-type TYPE    Work item type (default Task, or Issue where the process has no Task)
  --area-path PATH         Area path of new work items (default the project's)
  --assign-to WHO          creator, owner (first app owner Azure DevOps knows), an e-mail, or none
                           (default creator)
  --verbose                Log each HTTP request and phase on standard error
  -h, --help               Show this help
  --version                Show the version

Formats:
${formatLines}

Authentication:
  Azure DevOps: AZURE_DEVOPS_EXT_PAT (personal access token, scopes Service Connections (Read) and
                Project and Team (Read)),
                else SYSTEM_ACCESSTOKEN (pipeline token), else Azure CLI / DefaultAzureCredential.
  Graph:        GRAPH_ACCESS_TOKEN, else DefaultAzureCredential (Application.Read.All), one token per tenant.
  --publish:    the Azure DevOps token also needs Extension data (read & write), vso.extension.data_write.
  --usage auto: reading the snapshots needs Extension data (read), vso.extension.data; without it every
                history is read.
  --work-items: the token also needs Work Items (Read & write), vso.work_write, and the user "Edit work
                items in this node" on the area path; a refusal is named and the scan goes on.

Exit codes:
  ${EXIT.ok}  nothing at or above --fail-on     ${EXIT.failOn}  something is
  ${EXIT.usage}  bad usage or configuration        ${EXIT.incomplete}  scan incomplete (auth, network) or a snapshot not published:
                                        the report is still written
  ${EXIT.usage} also when --output or --json-file cannot be written, or --org is a project's URL: checked
     before the first request
  ${EXIT.incomplete} with no table and no count when nothing could be read: it says what failed and what to do
  ${EXIT.interrupted} stopped by SIGINT, ${EXIT.terminated} by SIGTERM: report files left as they were or whole
`;

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
