/**
 * The signed-in tab's one live stream, opened once the session is known and
 * closed on sign-out or suspension; a tab hidden for minutes lets it go
 * until it is shown again. What each event changes is the app's to
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

// A tab hidden this long lets its stream go; shown again, it resumes.
const HIDDEN_PAUSE_MS = 5 * 60_000;

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
    let hiddenTimer = null;
    const onVisibility = () => {
      clearTimeout(hiddenTimer);
      if (document.visibilityState === 'hidden') {
        hiddenTimer = setTimeout(() => stream.pause(), HIDDEN_PAUSE_MS);
      } else {
        stream.resume();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(hiddenTimer);
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
