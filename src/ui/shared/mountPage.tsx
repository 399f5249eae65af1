import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import { Intersection } from 'azure-devops-ui/Intersection';
import { Surface, SurfaceBackground } from 'azure-devops-ui/Surface';

/** Draws a hub page into #root the way both hubs need it. */
export function mountPage(page: React.ReactElement): void {
  ReactDOM.render(
    <Surface background={SurfaceBackground.neutral}>
      {/* The virtualized table learns of scrolling only through an Intersection around the element that
          scrolls (as azure-devops-ui's Page does); without it, rows not drawn at first never appear. */}
      <Intersection>
        <div className="sce-scroll v-scroll-auto">{page}</div>
      </Intersection>
    </Surface>,
    document.getElementById('root'),
  );
}

/** Runs a hub's composition; a failure to start is said on the page and to the host, never a blank frame. */
export function startPage(main: () => Promise<void>): void {
  main().catch((e) => {
    const root = document.getElementById('root');
    if (root) {
      root.textContent = `Service Connection Expiry could not start: ${(e as Error)?.message ?? e}`;
      root.setAttribute('role', 'alert');
    }
    void SDK.notifyLoadFailed(e instanceof Error ? e : String(e));
  });
}
