import { useLocation } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import utilities from '@/styles/utilities.module.css';
import { useUnreadCount } from '../api/get-notifications';
import styles from './unread-badge.module.css';

/** The number of unread notifications, next to "Notifications" in the navigation. */
export function UnreadBadge() {
  const { user } = useAuth();
  const { pathname } = useLocation();
  const unread = useUnreadCount({ viewer: user?.uuid ?? null });
  const count = pathname === '/notifications' ? 0 : (unread.data ?? 0);
  if (!user || count === 0) return null;
  return (
    <span className={styles.badge}>
      {count > 99 ? '99+' : count}
      <span className={utilities.visuallyHidden}> unread</span>
    </span>
  );
}
