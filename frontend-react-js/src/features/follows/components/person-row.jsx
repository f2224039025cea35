import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { cx } from '@/utils/cx';
import { FollowButton } from './follow-button';
import styles from './person-row.module.css';

/**
 * A person in a list: avatar, names, whether they follow you, bio and Follow.
 * Without the bio (a narrow list) long names wrap instead of being cut short.
 */
export function PersonRow({ person, showBio = true }) {
  const path = `/@${person.handle}`;
  return (
    <article
      className={cx(styles.row, !showBio && styles.compact)}
      aria-label={person.display_name}
      data-handle={person.handle}
    >
      <Link
        to={path}
        className={styles.avatar}
        tabIndex={-1}
        aria-hidden="true"
      >
        <Avatar
          src={person.avatar_url}
          name={person.display_name}
          size="small"
        />
      </Link>
      <div className={styles.body}>
        <Link to={path} className={styles.names}>
          <span className={styles.name}>{person.display_name}</span>
          <span className={styles.handle}>@{person.handle}</span>
          {person.follows_me && (
            <span className={styles.followsYou}>Follows you</span>
          )}
        </Link>
        {showBio && person.bio ? (
          <p className={styles.bio}>{person.bio}</p>
        ) : null}
      </div>
      <FollowButton person={person} small />
    </article>
  );
}
