/**
 * The signed-in tab's one live stream, opened once the session is known and
 * closed on sign-out or suspension. What each event changes is the app's to
 * say (`onEvent(queryClient, type, data, { viewer })` and
 * `onCatchUp(queryClient)`); this only keeps the connection. Where the
 * browser has no EventSource, or the stream cannot be had, nothing shows:
 * the pages poll as they do without it.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { env } from '@/config/env';
import { useLatest } from '@/hooks/use-latest';
import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/auth-context';
import { StreamContext } from './stream-context';
import { openStream } from './stream-connection';

function getTicket() {
  return api.post('/api/stream/ticket');
}

export function StreamProvider({ children, onEvent, onCatchUp }) {
  const { status, user, suspension } = useAuth();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const handlers = useLatest({ onEvent, onCatchUp });
  const viewer = status === 'signed-in' && !suspension ? user?.uuid : null;

  useEffect(() => {
    if (!viewer || typeof EventSource === 'undefined') return undefined;
    const stream = openStream({
      baseUrl: env.apiUrl,
      getTicket,
      onEvent: (type, data) =>
        handlers.current.onEvent(queryClient, type, data, { viewer }),
      onCatchUp: () => handlers.current.onCatchUp(queryClient),
      onOpenChange: setOpen,
    });
    return () => {
      stream.close();
      setOpen(false);
    };
  }, [viewer, queryClient, handlers]);

  return (
    <StreamContext.Provider value={Boolean(viewer) && open}>
      {children}
    </StreamContext.Provider>
  );
}
