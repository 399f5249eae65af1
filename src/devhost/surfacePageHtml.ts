import { escapeHtml } from './httpUtil';
import type { HostPageKind } from './pages';

/** The markup of each page the local host plays around the extension's frame (text from fixtures is escaped). */

/** What the markup needs of the host page's configuration (hostPage.ts). */
export interface SurfacePageConfig {
  organization: string;
  project: { name: string } | null;
  page: HostPageKind;
}

export const SURFACE_STYLE = `
main.ado-page{flex:1;display:block;overflow:auto;padding:16px 24px;background:#fff}
.ado-page h1{font-size:20px;font-weight:600;margin:0 0 8px;display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.ado-page h2{font-size:16px;font-weight:600;margin:20px 0 8px}
.pills{display:inline-flex;gap:6px;flex-wrap:wrap}
.pill{display:inline-block;border-radius:12px;padding:2px 10px;font-size:12px;font-weight:600;color:#000;background:#eaeaea;cursor:pointer;border:0;font-family:inherit}
.run-meta{color:#555;margin:0}
.section-frame{display:block;width:100%;max-width:900px;height:240px;border:1px solid #e0e0e0}.section-frame.section-empty{border:0}
.dashboard{display:grid;grid-template-columns:repeat(4,160px);grid-auto-rows:160px;gap:10px;margin-top:12px}
.widget-cell{grid-column:span 2;grid-row:span 2;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.2);position:relative}
.widget-cell.rows-1{grid-row:span 1}
.widget-cell iframe{width:100%;height:100%;border:0}
.widget-error{padding:12px;color:#a4262c}
.config-panel{margin-top:16px;border:1px solid #e0e0e0;padding:12px;max-width:420px}
.config-panel iframe{width:100%;height:260px;border:0}
.not-found{padding:24px}
`;

export function crumbsOf(config: SurfacePageConfig): string {
  const root = `${escapeHtml(config.organization)} / ${escapeHtml(config.project?.name ?? '')}`;
  switch (config.page.kind) {
    case 'pipeline':
      return `${root} / Pipelines / <strong>${escapeHtml(config.page.definitionName)}</strong>`;
    case 'run':
      return `${root} / Pipelines / <strong>Run ${escapeHtml(config.page.build?.buildNumber ?? String(config.page.buildId))}</strong>`;
    case 'dashboard':
      return `${root} / Overview / <strong>Dashboards</strong>`;
    case 'not-found':
      return `${root} / <strong>Not found</strong>`;
    default:
      return `${root} / Project settings / <strong>Service Connection Expiry</strong>`;
  }
}

const FRAME = `<iframe id="extension-frame" title="Service Connection Expiry extension"></iframe>`;

export function mainOf(config: SurfacePageConfig): string {
  const page = config.page;
  switch (page.kind) {
    case 'pipeline':
      // A pill provider has no visible frame of its own: the page draws the pills it returns.
      return `<main class="ado-page" aria-label="Pipeline">
<h1>${escapeHtml(page.definitionName)} <span class="pills" data-surface="pill" aria-label="Pipeline pills"></span></h1>
<p class="run-meta">Runs · Branches · Analytics (pipeline ${page.definitionId})</p>
<iframe id="extension-frame" title="Service Connection Expiry pill provider" hidden></iframe></main>`;
    case 'run':
      if (!page.build)
        return `<main class="ado-page not-found"><h1>Run ${page.buildId} not found</h1><p>The fixture has no build ${page.buildId} ("builds").</p></main>`;
      return `<main class="ado-page" aria-label="Run summary">
<h1>#${escapeHtml(page.build.buildNumber)} · ${escapeHtml(page.build.definition.name)}</h1>
<p class="run-meta">Result: <strong>${escapeHtml(page.build.resultName)}</strong></p>
<h2>Summary</h2>
<iframe id="extension-frame" class="section-frame" title="Service connection expiry"></iframe></main>`;
    case 'dashboard':
      return `<main class="ado-page" aria-label="Dashboard">
<h1>Overview <button type="button" id="configure-widget">Configure the widget</button></h1>
<div class="dashboard"><div class="widget-cell rows-${page.settings.size.rowSpan}" id="widget-cell">${FRAME}</div></div>
<div class="config-panel" id="config-panel" hidden><h2>Configure</h2>
<iframe id="config-frame" title="Service connection expiry settings"></iframe>
<button type="button" id="config-save">Save</button> <button type="button" id="config-cancel">Cancel</button></div></main>`;
    case 'not-found':
      return `<main class="ado-page not-found"><h1>Page not found</h1><p>${escapeHtml(page.message)}</p></main>`;
    default:
      return `<main>${FRAME}</main>`;
  }
}
