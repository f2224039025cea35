import { Navigate, useLocation } from 'react-router';
import { Loading } from '@/components/states';
import { signInPath, useAuth } from '@/lib/auth/auth-context';

/** Renders `children` for a signed-in user; sends anyone else to sign in and back. */
export function RequireAuth({ children }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in') {
    return (
      <Navigate
        to={signInPath(`${location.pathname}${location.search}`)}
        replace
      />
    );
  }
  return children;
}
