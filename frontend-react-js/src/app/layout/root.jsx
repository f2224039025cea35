import { AuthProvider } from '@/lib/auth/auth-provider';
import { PersonMenuContext } from '@/lib/person-menu';
import { PersonMenu } from '@/features/safety/components/person-menu';
import { AppLayout } from './app-layout';

const renderPersonMenu = (props) => <PersonMenu {...props} />;

/** The session, and the menu about other people that every crud offers. */
export function Root() {
  return (
    <AuthProvider>
      <PersonMenuContext.Provider value={renderPersonMenu}>
        <AppLayout />
      </PersonMenuContext.Provider>
    </AuthProvider>
  );
}
