import './runSection.scss';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import type { IBuildPageDataService } from 'azure-devops-extension-api/Build';
import { loadSurfaceData, navigateHost } from '../../adapters/sdk/surfaceData';
import { markContent } from '../../adapters/userTiming';
import { RunSection, type RunInfo } from './RunSection';

/** BuildResult.Failed in azure-devops-extension-api/Build (enums arrive as numbers). */
const BUILD_FAILED = 8;

function toIso(value: unknown): string | null {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

/** Composition of the run summary section: the build from the page, the snapshot from extension data. */
async function main(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  const pagePromise = SDK.getService<IBuildPageDataService>('ms.vss-build-web.build-page-data-service').then((s) =>
    s.getBuildPageData(),
  );
  // The snapshot is read meanwhile; Azure DevOps is asked about the connections the run's pipeline used.
  const dataPromise = loadSurfaceData(
    pagePromise.then((p) => (typeof p?.definition?.id === 'number' ? { definitionId: p.definition.id } : null)),
  );
  dataPromise.catch(() => undefined); // awaited below only for a run of a pipeline
  const page = await pagePromise;
  const definitionId = page?.definition?.id;
  const root = document.getElementById('root');
  if (typeof definitionId === 'number' && page?.build) {
    const data = await dataPromise;
    const run: RunInfo = {
      definitionId,
      buildNumber: page.build.buildNumber ?? '',
      failed: page.build.result === BUILD_FAILED,
      finishedAt: toIso(page.build.finishTime),
    };
    ReactDOM.render(
      <RunSection data={data} run={run} nowMs={Date.now()} onOpen={(url) => void navigateHost(url)} />,
      root,
    );
  } else {
    ReactDOM.render(<div data-surface="run-section" data-empty="true" />, root);
  }
  markContent();
  await SDK.notifyLoadSucceeded();
  fitToContent(root);
}

/** The section is as tall as what it shows (nothing: 0), now and whenever that changes (fonts, wrapping). */
function fitToContent(root: HTMLElement | null): void {
  if (!root) return;
  const fit = () => SDK.resize(undefined, Math.ceil(root.getBoundingClientRect().height));
  fit();
  if (typeof ResizeObserver === 'function') new ResizeObserver(fit).observe(root);
}

main().catch((e) => {
  // Silent on someone else's page: no false alarm, only a line in the console for whoever debugs.
  console.warn(`Service Connection Expiry (run section): ${(e as Error)?.message ?? e}`);
  void SDK.notifyLoadSucceeded();
});
