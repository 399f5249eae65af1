import { readFileSync } from 'fs';
import { join } from 'path';

export const HELP = `sc-expiry: warn before the Entra ID secret or certificate behind an Azure DevOps service connection expires.

Usage:
  sc-expiry scan --org <organization URL> [options]
  sc-expiry --help | --version

Options:
  --org URL                Organization URL, e.g. https://dev.azure.com/contoso (required)
  --project NAME           Scan only this project; repeat for several (default: every project)
  --format FORMAT          table (default), json, csv or markdown
  --output FILE            Write the report to FILE instead of standard output
  --json-file FILE         Also write the scanner JSON to FILE, whatever --format is
  --warning-days N         Warning when the credential expires within N days (default 30)
  --critical-days N        Critical within N days (default 7)
  --fail-on LEVEL          Exit 1 when a connection is at or above LEVEL:
                           expired (default), critical, warning or none
  --graph-url URL          Microsoft Graph root, e.g. https://graph.microsoft.us
                           (default: the Graph of each connection's cloud)
  --concurrency N          Requests in flight per service (default 8)
  --timeout-seconds N      Per-request timeout (default 30)
  --publish                Also save each project's readings (key ids, names and dates, never secrets)
                           in the extension's data, where the hub shows them to viewers without a
                           Graph token; merged with what other writers saved
  --extension-publisher ID Publisher of the installed extension (default sc-expiry; with --publish)
  --extension-id ID        Id of the installed extension (default service-connection-expiry;
                           with --publish)
  --verbose                Log each HTTP request and phase on standard error
  -h, --help               Show this help
  --version                Show the version

Authentication:
  Azure DevOps: AZURE_DEVOPS_EXT_PAT (personal access token, scope Service Connections: Read),
                else SYSTEM_ACCESSTOKEN (pipeline token), else Azure CLI / DefaultAzureCredential.
  Graph:        GRAPH_ACCESS_TOKEN, else DefaultAzureCredential (Application.Read.All), one token per tenant.
  --publish:    the Azure DevOps token also needs Extension data (read & write), vso.extension.data_write.

Exit codes:
  0  nothing at or above --fail-on     1  something is
  2  bad usage or configuration        3  scan incomplete (auth, network) or a snapshot not published:
                                        the report is still written
`;

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
