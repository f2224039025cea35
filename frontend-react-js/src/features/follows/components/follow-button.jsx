import { buttonClass } from '@/components/button';
import { useAuth } from '@/lib/auth/auth-context';
import { errorSentence } from '@/lib/error-messages';
import { cx } from '@/utils/cx';
import { useFollow } from '../api/set-following';
import styles from './follow-button.module.css';

/**
 * Follow, or Following (which unfollows), for someone else; nothing for a
 * visitor or for yourself. `person` is a Person or a profile.
 */
export function FollowButton({ person, small = false }) {
  const { status, user } = useAuth();
  const { following, toggle, error } = useFollow(
    person.handle,
    person.followed_by_me,
  );
  if (status !== 'signed-in' || !user || user.handle === person.handle) {
    return null;
  }
  const name = person.display_name;
  return (
    <span className={styles.follow}>
      <button
        type="button"
        className={cx(
          buttonClass(following ? 'secondary' : 'primary', { small }),
          styles.button,
          small && styles.small,
        )}
        aria-pressed={following}
        aria-label={following ? `Following ${name}` : `Follow ${name}`}
        onClick={toggle}
      >
        {following ? 'Following' : 'Follow'}
      </button>
      {error && (
        <span className={styles.error} role="alert">
          {errorSentence(error.errors?.[0])}
        </span>
      )}
    </span>
  );
}
