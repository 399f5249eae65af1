import * as SDK from 'azure-devops-extension-sdk';
import { loadSurfaceData, navigateHost } from '../../adapters/sdk/surfaceData';
import { markContent } from '../../adapters/userTiming';
import { createPillProvider } from './pillProvider';

/** Composition of the pipeline pill provider: registered under its serviceName, then SDK.init (as Microsoft's sample). */
export const PILL_SERVICE = 'connection-expiry-pills';

const provider = createPillProvider({
  load: (definitionId) => loadSurfaceData({ definitionId }),
  navigate: navigateHost,
  now: () => Date.now(),
  onDone: markContent,
});
SDK.register(PILL_SERVICE, () => provider);
void SDK.init({ loaded: true }).then(() => {
  // The host may also ask by full contribution id.
  SDK.register(SDK.getContributionId(), () => provider);
});
