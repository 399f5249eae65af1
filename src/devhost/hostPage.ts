import { join } from 'path';
import { packageRoot } from './staticFiles';
import type { HostPageKind } from './pages';
import { escapeHtml } from './httpUtil';
import { crumbsOf, mainOf, SURFACE_STYLE } from './surfacePageHtml';
import { THEME_LABELS, THEME_NAMES, type ThemeName } from './themePalettes';

/** The host page that plays Azure DevOps around the extension iframe. Its scripts live in ./host/*.js. */

export interface HostPageConfig {
  organization: string;
  /** Null on organization pages (Organization settings). */
  project: { id: string; name: string } | null;
  /** Where the page sits in Azure DevOps' settings, for the breadcrumbs. */
  area: string;
  /** The host's pages, for the links in its header. */
  pages: { href: string; text: string; current: boolean }[];
  teamId: string;
  hostId: string;
  contributionId: string;
  extension: { id: string; publisherId: string; extensionId: string; version: string };
  user: { id: string; name: string; displayName: string; descriptor: string; imageUrl: string };
  extensionOrigin: string;
  hubUrl: string;
  devopsOrigin: string;
  /** Root of the fake Azure DevOps REST API for the organization, with a trailing slash. */
  devopsRoot: string;
  adoToken: string;
  appToken: string;
  naa: { enabled: boolean; clientId: string | null; homeTenantId: string };
  initialConfig: Record<string, unknown>;
  /** The theme the extension starts in (the host page may switch it: ?theme=, its Theme picker). */
  themeData: Record<string, string>;
  /** Every theme the host page's Theme picker offers, by name (themes.ts). */
  themes: Record<ThemeName, Record<string, string>>;
  /** `npm run dev`: the page reloads itself after each rebuild (host/liveReload.js). */
  liveReload?: boolean;
  /** Which Azure DevOps page this is, and what it needs to play it. */
  page: HostPageKind;
  /** The start page's links to every page the host plays. */
  links: { label: string; href: string }[];
  /** The widget's configuration frame (dashboard page). */
  configUrl: string;
  configContributionId: string;
  /** Lines to run the scanner and `sc-expiry fix` against this host's fakes (fixed demo values, no secret). */
  cliLines: string[];
}

/** Folder with the host page's browser scripts (they are served as-is, not compiled). */
export function hostScriptsDir(): string {
  return join(packageRoot(__dirname), 'src', 'devhost', 'host');
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const STYLE = `
body{margin:0;font-family:"Segoe UI",system-ui,sans-serif;font-size:14px;color:#222;background:#f8f8f8;display:flex;flex-direction:column;height:100vh}
header{display:flex;align-items:center;gap:12px;padding:0 16px;height:40px;background:#fff;border-bottom:1px solid #e0e0e0}
header .crumbs{flex:1;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
header nav{display:flex;gap:12px;font-size:12px}header nav a{color:#005a9e}header nav a[aria-current]{font-weight:600;color:#222;text-decoration:none}
header .badge{background:#fff4ce;border:1px solid #e0c060;border-radius:3px;padding:1px 6px;font-size:12px}
#host-status{color:#666;font-size:12px}
.banner{display:flex;gap:12px;align-items:center;padding:8px 16px;border-bottom:1px solid #ddd}
.banner-info{background:#eaf3fc}.banner-warning{background:#fff4ce}.banner-error{background:#fde7e9}.banner-success{background:#dff6dd}
.banner-close{margin-left:auto;border:0;background:none;font-size:18px;cursor:pointer}
main{flex:1;display:flex;min-height:0}
iframe{flex:1;border:0;background:#fff}
#host-toasts{position:fixed;left:16px;bottom:16px;display:flex;flex-direction:column;gap:8px;z-index:10}
.toast{background:#333;color:#fff;padding:10px 14px;border-radius:4px;max-width:480px}.toast a{color:#9cf}
.toast-cta{margin-left:12px;background:none;border:1px solid #fff;color:#fff;cursor:pointer}
#host-dialog:not(:empty){position:fixed;inset:0;background:rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center;z-index:20}
.dialog{background:#fff;padding:20px;border-radius:4px;min-width:320px;max-width:560px}
details{background:#fff;border-top:1px solid #e0e0e0;font-size:12px;max-height:30vh;overflow:auto}
details summary{padding:4px 16px;cursor:pointer;color:#666}
#host-log{margin:0;padding:4px 16px 8px 32px;font-family:Consolas,monospace}.log-warning{color:#a4262c}
body.full-screen header,body.full-screen details{display:none}
nav.pages{display:flex;flex-wrap:wrap;gap:4px 14px;padding:6px 16px;background:#fff;border-bottom:1px solid #e0e0e0;font-size:12px}
header .theme{font-size:12px}
details.cli{border-top:0;border-bottom:1px solid #e0e0e0;max-height:none}details.cli pre{margin:0 16px;padding:8px;background:#f4f4f4;color:#222;overflow:auto;font-family:Consolas,monospace;white-space:pre}details.cli p{margin:4px 16px 8px}
body[data-theme=dark]{background:#201f1e;color:#f3f2f1}
body[data-theme=dark] header,body[data-theme=dark] nav.pages,body[data-theme=dark] details,body[data-theme=dark] main.ado-page{background:#292827;border-color:#3b3a39;color:#f3f2f1}
body[data-theme=dark] a{color:#98c6ff}body[data-theme=dark] iframe{background:#201f1e}
body[data-theme=high-contrast]{background:#000;color:#fff}
body[data-theme=high-contrast] header,body[data-theme=high-contrast] nav.pages,body[data-theme=high-contrast] details,body[data-theme=high-contrast] main.ado-page{background:#000;border-color:#fff;color:#fff}
body[data-theme=high-contrast] a{color:#ff0}body[data-theme=high-contrast] iframe{background:#000}
body[data-theme=dark] header nav a[aria-current],body[data-theme=high-contrast] header nav a[aria-current]{color:inherit}
header .badge{color:#222}
${SURFACE_STYLE}`;

export function renderHostPage(config: HostPageConfig): string {
  const title = `Service Connection Expiry · ${config.project ? config.project.name : config.organization} (local host)`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
<script id="host-config" type="application/json">${scriptJson(config)}</script>
<script type="module" src="/host/hostMain.js"></script>${config.liveReload ? '\n<script type="module" src="/host/liveReload.js"></script>' : ''}
</head>
<body>
<header>
  <span class="crumbs">${
    config.page.kind !== 'hub'
      ? crumbsOf(config)
      : [config.organization, config.project?.name, config.area]
          .filter(Boolean)
          .map((t) => escapeHtml(t as string))
          .join(' / ') + ' / <strong>Connection expiry</strong>'
  }</span>
  <nav aria-label="Local host pages">${config.pages
    .map((p) => `<a href="${escapeHtml(p.href)}"${p.current ? ' aria-current="page"' : ''}>${escapeHtml(p.text)}</a>`)
    .join(' ')}</nav>
  <label class="theme">Theme <select id="host-theme">${THEME_NAMES.map(
    (t) => `<option value="${t}">${THEME_LABELS[t]}</option>`,
  ).join('')}</select></label>
  <span id="host-status" aria-live="polite"></span>
  <span class="badge" title="Fake Azure DevOps, fake Microsoft Graph, fed by a fixture file">local host</span>
</header>
<nav class="pages" aria-label="Pages of this local host">${config.links
    .map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`)
    .join('')}</nav>
<details class="cli" data-cli-lines><summary>Try the scanner CLI against this fake organization</summary>
<pre>${escapeHtml(config.cliLines.join('\n'))}</pre>
<p>Run them in this repository after <code>npm start</code> built it. The PAT and the Graph token are the fakes' fixed demo values, not secrets: they work only here.</p></details>
<div id="host-banner"></div>
${mainOf(config)}
<details><summary>Host log</summary><ul id="host-log"></ul></details>
<div id="host-toasts" aria-live="polite"></div>
<div id="host-dialog"></div>
</body>
</html>`;
}
