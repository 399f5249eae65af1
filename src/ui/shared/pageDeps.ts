import type { GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import type { FetchLike } from '../../adapters/http';
import type { HostContext } from '../../adapters/sdk/hostContext';
import type { ColumnChoiceStore } from '../../adapters/sdk/columnChoices';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import type { SnapshotDocumentStore } from '../../adapters/snapshotSync';

/** What both hubs talk to, injected so component tests can bring fakes; each hub's deps add their own. */
export interface PageDeps {
  context: HostContext;
  /** The Entra client ID fixed in the extension package; wins over the shared setting, which it makes read-only. */
  fixedClientId?: string | null;
  loadSettings(): Promise<HubSettings>;
  saveClientId(clientId: string | null): Promise<void>;
  /** Throws NaaUnavailableError where the host offers no Nested App Authentication. */
  createTokens(clientId: string): Promise<GraphTokenSource>;
  graphRootFor?: (environment: string) => string;
  graphFetch?: FetchLike;
  /** Where the readings and usage are published for viewers without Graph and for the warning surfaces. */
  snapshots: SnapshotDocumentStore;
  /** The viewer's own choice of table columns; absent: the defaults, not remembered. */
  columnChoices?: ColumnChoiceStore;
  connectionParam: { read(): Promise<string | null>; write(id: string | null): Promise<void> };
  now(): number;
}
