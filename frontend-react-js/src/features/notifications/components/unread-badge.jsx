import { useLocation } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { useUnreadCount } from '../api/get-notifications';

/** The number of unread notifications, next to "Notifications" in the navigation. */
export function UnreadBadge() {
  const { user } = useAuth();
  const { pathname } = useLocation();
  const unread = useUnreadCount({ viewer: user?.uuid ?? null });
  const count = pathname === '/notifications' ? 0 : (unread.data ?? 0);
  if (!user || count === 0) return null;
  return (
    <span className="badge">
      {count > 99 ? '99+' : count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
