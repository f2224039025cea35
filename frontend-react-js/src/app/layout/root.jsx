import { AuthProvider } from '@/lib/auth/auth-provider';
import { PersonMenuContext } from '@/lib/person-menu';
import { StreamProvider } from '@/lib/stream/stream-provider';
import { PersonMenu } from '@/features/safety/components/person-menu';
import { AppLayout } from './app-layout';
import { catchUpStream, showStreamEvent } from './live-updates';

const renderPersonMenu = (props) => <PersonMenu {...props} />;

/**
 * The session, its live stream of updates, and the menu about other people
 * that every crud offers.
 */
export function Root() {
  return (
    <AuthProvider>
      <StreamProvider onEvent={showStreamEvent} onCatchUp={catchUpStream}>
        <PersonMenuContext.Provider value={renderPersonMenu}>
          <AppLayout />
        </PersonMenuContext.Provider>
      </StreamProvider>
    </AuthProvider>
  );
}
