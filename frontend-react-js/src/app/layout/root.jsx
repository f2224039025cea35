import { AuthProvider } from '@/lib/auth/auth-provider';
import { AppLayout } from './app-layout';

export function Root() {
  return (
    <AuthProvider>
      <AppLayout />
    </AuthProvider>
  );
}
