import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createDataClient, type DataClient } from './client';
import type { LiveSocket } from './socket';

interface DataContextValue {
  socket: LiveSocket;
  /** Drops the cache and the socket and starts over, e.g. when the person signed in changes. */
  reset: () => void;
}

const DataContext = createContext<DataContextValue | null>(null);

/** Provides the urql client (and its live socket) to everything below. */
export function DataProvider({ children }: { children: ReactNode }) {
  const [data, setData] = useState<DataClient>(createDataClient);
  // Disposed when replaced, not in an effect's cleanup: StrictMode's rehearsal would close it for good.
  const current = useRef(data);
  current.current = data;
  const reset = useCallback(() => {
    current.current.dispose();
    setData(createDataClient());
  }, []);
  const value = useMemo(() => ({ socket: data.socket, reset }), [data, reset]);
  return (
    <DataContext.Provider value={value}>
      <Provider value={data.client}>{children}</Provider>
    </DataContext.Provider>
  );
}

/** The data client's controls; only below <DataProvider>. */
export function useDataClient(): DataContextValue {
  const value = useContext(DataContext);
  if (!value) throw new Error('useDataClient must be used inside <DataProvider>');
  return value;
}

/**
 * Runs `onReconnect` each time the live socket is connected again after losing its
 * connection: events may have been missed meanwhile, so what they update is read again.
 * Does nothing outside a <DataProvider> (a component rendered on its own in a test).
 */
export function useOnReconnect(onReconnect: () => void): void {
  const socket = useContext(DataContext)?.socket;
  const latest = useRef(onReconnect);
  latest.current = onReconnect;
  useEffect(
    () =>
      socket?.listen((event) => {
        if (event.kind === 'connected' && event.retry) latest.current();
      }),
    [socket],
  );
}
