import * as React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FetchLike } from '../../src/adapters/http';
import { HubPage } from '../../src/ui/hub/HubPage';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { application, iso, seedEndpoint } from '../support/payloads';

const SEED_ID = '5e4d3c2b-0000-4000-8000-000000000005';
const seed = { ...seedEndpoint(), modificationDate: iso(-100) };
const seedApp = application([{ start: iso(-100), end: iso(-10), keyId: 'ado-made' }]);

describe('HubPage Refresh', () => {
  it('aborts the Graph requests in flight, and only the new answers are shown', async () => {
    const signals: AbortSignal[] = [];
    const answered = fakeGraphFetch([seedApp]);
    let calls = 0;
    // The first read hangs (a slow Graph); the one after Refresh answers.
    const graphFetch: FetchLike = (url, init) => {
      signals.push(init?.signal as AbortSignal);
      calls += 1;
      return calls === 1 ? new Promise<Response>(() => undefined) : answered(url, init);
    };
    render(<HubPage deps={fakeDeps({ listEndpoints: async () => [seed], graphFetch })} />);
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(document.querySelector(`tr[data-connection-id="${SEED_ID}"]`)?.getAttribute('data-pending')).toBe('true');

    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Refresh' })));
    await waitFor(() => expect(signals).toHaveLength(2));
    expect(signals[0].aborted).toBe(true);
    expect(signals[1].aborted).toBe(false);
    await waitFor(() =>
      expect(document.querySelector(`tr[data-connection-id="${SEED_ID}"]`)?.getAttribute('data-status')).toBe(
        'expired',
      ),
    );
  });

  it('aborts the Graph requests in flight when the page goes away', async () => {
    const signals: AbortSignal[] = [];
    const graphFetch: FetchLike = (_url, init) => {
      signals.push(init?.signal as AbortSignal);
      return new Promise<Response>(() => undefined);
    };
    const view = render(<HubPage deps={fakeDeps({ listEndpoints: async () => [seed], graphFetch })} />);
    await waitFor(() => expect(signals).toHaveLength(1));
    view.unmount();
    expect(signals[0].aborted).toBe(true);
  });
});
