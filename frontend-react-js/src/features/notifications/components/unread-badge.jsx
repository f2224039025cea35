import { useLocation } from 'react-router';
import utilities from '@/styles/utilities.module.css';
import { useAuth } from '@/lib/auth/auth-context';
import { useEvent } from '@/lib/events';
import { useUnreadCount } from '../api/get-notifications';
import styles from './unread-badge.module.css';

/** The number of unread notifications, next to "Notifications" in the navigation. */
export function UnreadBadge() {
  const { user } = useAuth();
  const { pathname } = useLocation();
  const unread = useUnreadCount(user?.uuid);
  useEvent('notifications-read', () => unread.set(0));
  const count = pathname === '/notifications' ? 0 : unread.count;
  if (!user || count === 0) return null;
  return (
    <span className={styles.badge}>
      {count > 99 ? '99+' : count}
      <span className={utilities.visuallyHidden}> unread</span>
    </span>
  );
}
