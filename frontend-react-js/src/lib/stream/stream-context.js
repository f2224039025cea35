import { createContext, useContext } from 'react';

export const StreamContext = createContext(false);

/**
 * Whether this tab's live stream is open. While it is, what it pushes keeps
 * the pages current and they need not poll; outside a StreamProvider, never.
 */
export function useStreamOpen() {
  return useContext(StreamContext);
}
