import { useCallback } from 'react';
import { INITIAL, type HubData } from '../shared/loadSteps';
import { usePageData, type LoadStart } from '../shared/usePageData';
import type { HubDeps } from './deps';
import { loadProject } from './projectLoad';

/** The project hub's data: its loader (projectLoad.ts) wired to the page's state. */
export function useHubData(deps: HubDeps) {
  const loader = useCallback((start: LoadStart<HubData>) => loadProject(deps, start), [deps]);
  return usePageData(deps, INITIAL, loader);
}
