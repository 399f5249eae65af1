import { useState } from 'react';

/**
 * A panel's primary action: busy while it runs, closes the panel when it succeeds, and keeps the
 * panel open with the error when it fails (no state is touched after the panel has closed).
 */
export function usePanelSubmit(action: () => Promise<void>, close: () => void, errorPrefix = '') {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
      close();
    } catch (e) {
      setError(`${errorPrefix}${(e as Error)?.message ?? String(e)}`);
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
